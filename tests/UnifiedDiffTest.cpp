//===- UnifiedDiffTest.cpp - Reading the diffs people send ----------------===//
#include "integrations/report/UnifiedDiff.h"

#include <gtest/gtest.h>

using namespace devlife;

namespace {

std::vector<FileChange> parse(const std::string &Text) {
  auto Files = parseUnifiedDiff(Text);
  EXPECT_TRUE(bool(Files)) << llvm::toString(Files.takeError());
  return Files ? *Files : std::vector<FileChange>();
}

std::string parseError(const std::string &Text) {
  auto Files = parseUnifiedDiff(Text);
  if (Files)
    return "";
  return llvm::toString(Files.takeError());
}

using Lines = std::vector<unsigned>;
Lines touched(const FileChange &F) {
  return Lines(F.TouchedLines.begin(), F.TouchedLines.end());
}

const char *const GitDiff = R"(diff --git a/drivers/of/base.c b/drivers/of/base.c
index 1111111..2222222 100644
--- a/drivers/of/base.c
+++ b/drivers/of/base.c
@@ -10,8 +10,8 @@ static int probe(void)
 	np = of_find_node_by_name(NULL, "x");
 	if (!np)
 		return -ENODEV;
-	ret = use(np);
+	ret = use_more(np);
+	extra();
 	if (ret) {
-		of_node_put(np);
 		return ret;
 	}
@@ -40 +41 @@ int other(void)
-	a();
+	b();
)";

TEST(UnifiedDiff, GitDiffAddedLinesAndTheNeighboursOfRemovedOnes) {
  std::vector<FileChange> Files = parse(GitDiff);
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].OldPath, "drivers/of/base.c");
  EXPECT_EQ(Files[0].NewPath, "drivers/of/base.c");
  EXPECT_FALSE(Files[0].renamed());
  EXPECT_EQ(Files[0].AddedLines, (Lines{13, 14, 41}));
  // The removed put sat between "if (ret) {" (15) and "return ret;" (16);
  // replaced lines (use, a()) touch only what replaced them.
  EXPECT_EQ(touched(Files[0]), (Lines{13, 14, 15, 16, 41}));
}

TEST(UnifiedDiff, ZeroContextPureDeletionTouchesBothSides) {
  // `git diff -U0`: "+9,0" means the lines went after new line 9.
  std::vector<FileChange> Files = parse("--- a/x.c\n+++ b/x.c\n"
                                        "@@ -10,2 +9,0 @@\n-\tput(np);\n-\tput(np);\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_TRUE(Files[0].AddedLines.empty());
  EXPECT_EQ(touched(Files[0]), (Lines{9, 10}));
}

TEST(UnifiedDiff, DiffUWithTimestampsAndNoPrefix) {
  std::vector<FileChange> Files =
      parse("--- drivers/gpio/gpio-x.c.orig\t2024-11-17 10:00:00.000000000 +0100\n"
            "+++ drivers/gpio/gpio-x.c\t2024-11-17 10:05:00.000000000 +0100\n"
            "@@ -1,2 +1,3 @@\n a\n+b\n c\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].OldPath, "drivers/gpio/gpio-x.c.orig");
  EXPECT_EQ(Files[0].NewPath, "drivers/gpio/gpio-x.c");
  EXPECT_EQ(Files[0].AddedLines, (Lines{2}));
}

TEST(UnifiedDiff, DiffNaurStripsTheTwoTreesNames) {
  std::vector<FileChange> Files =
      parse("diff -Naur linux-6.12.orig/drivers/of/base.c linux-6.12/drivers/of/base.c\n"
            "--- linux-6.12.orig/drivers/of/base.c\t2024-01-01\n"
            "+++ linux-6.12/drivers/of/base.c\t2024-01-02\n"
            "@@ -5 +5 @@\n-x\n+y\n"
            "diff -Naur linux-6.12.orig/drivers/of/new.c linux-6.12/drivers/of/new.c\n"
            "--- linux-6.12.orig/drivers/of/new.c\t1970-01-01\n"
            "+++ linux-6.12/drivers/of/new.c\t2024-01-02\n"
            "@@ -0,0 +1,2 @@\n+int a;\n+int b;\n");
  ASSERT_EQ(Files.size(), 2u);
  EXPECT_EQ(Files[0].NewPath, "drivers/of/base.c");
  EXPECT_EQ(Files[1].NewPath, "drivers/of/new.c");
  EXPECT_EQ(Files[1].AddedLines, (Lines{1, 2}));
}

TEST(UnifiedDiff, AddedAndDeletedFilesAgainstDevNull) {
  std::vector<FileChange> Files =
      parse("diff --git a/new.c b/new.c\nnew file mode 100644\nindex 0000000..1111111\n"
            "--- /dev/null\n+++ b/new.c\n@@ -0,0 +1,2 @@\n+int a;\n+int b;\n"
            "diff --git a/old.c b/old.c\ndeleted file mode 100644\n"
            "--- a/old.c\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-int a;\n-int b;\n"
            // diff -N without git: the lone b/ is a prefix.
            "--- /dev/null\n+++ b/other.c\n@@ -0,0 +1 @@\n+x\n");
  ASSERT_EQ(Files.size(), 3u);
  EXPECT_EQ(Files[0].OldPath, "");
  EXPECT_EQ(Files[0].NewPath, "new.c");
  EXPECT_EQ(Files[0].AddedLines, (Lines{1, 2}));
  EXPECT_EQ(Files[1].OldPath, "old.c");
  EXPECT_EQ(Files[1].NewPath, "");
  EXPECT_EQ(Files[2].NewPath, "other.c");
}

TEST(UnifiedDiff, RenamesWithAndWithoutChanges) {
  std::vector<FileChange> Files =
      parse("diff --git a/drivers/a.c b/drivers/b.c\nsimilarity index 100%\n"
            "rename from drivers/a.c\nrename to drivers/b.c\n"
            "diff --git a/x/c.c b/y/c.c\nsimilarity index 90%\n"
            "rename from x/c.c\nrename to y/c.c\nindex 1..2 100644\n"
            "--- a/x/c.c\n+++ b/y/c.c\n@@ -3 +3 @@\n-a\n+b\n");
  ASSERT_EQ(Files.size(), 2u);
  EXPECT_EQ(Files[0].OldPath, "drivers/a.c");
  EXPECT_EQ(Files[0].NewPath, "drivers/b.c");
  EXPECT_TRUE(Files[0].renamed());
  EXPECT_TRUE(Files[0].TouchedLines.empty());
  EXPECT_EQ(Files[1].OldPath, "x/c.c");
  EXPECT_EQ(Files[1].NewPath, "y/c.c");
  EXPECT_EQ(Files[1].AddedLines, (Lines{3}));
}

TEST(UnifiedDiff, GitWithoutPrefixesAndWithMnemonicOnes) {
  std::vector<FileChange> NoPrefix =
      parse("diff --git drivers/x.c drivers/x.c\n--- drivers/x.c\n+++ drivers/x.c\n"
            "@@ -1 +1 @@\n-a\n+b\n");
  ASSERT_EQ(NoPrefix.size(), 1u);
  EXPECT_EQ(NoPrefix[0].NewPath, "drivers/x.c");
  std::vector<FileChange> Mnemonic =
      parse("diff --git i/drivers/x.c w/drivers/x.c\n--- i/drivers/x.c\n+++ w/drivers/x.c\n"
            "@@ -1 +1 @@\n-a\n+b\n");
  ASSERT_EQ(Mnemonic.size(), 1u);
  EXPECT_EQ(Mnemonic[0].NewPath, "drivers/x.c");
}

TEST(UnifiedDiff, QuotedNamesAndNamesWithSpaces) {
  std::vector<FileChange> Files =
      parse("diff --git \"a/tab\\there.c\" \"b/tab\\there.c\"\n"
            "--- \"a/tab\\there.c\"\n+++ \"b/tab\\there.c\"\n@@ -1 +1 @@\n-a\n+b\n"
            "diff --git a/with space.c b/with space.c\n"
            "--- a/with space.c\t\n+++ b/with space.c\t\n@@ -1 +1 @@\n-a\n+b\n"
            "diff --git \"a/caf\\303\\251.c\" \"b/caf\\303\\251.c\"\n"
            "--- \"a/caf\\303\\251.c\"\n+++ \"b/caf\\303\\251.c\"\n@@ -1 +1 @@\n-a\n+b\n");
  ASSERT_EQ(Files.size(), 3u);
  EXPECT_EQ(Files[0].NewPath, "tab\there.c");
  EXPECT_EQ(Files[1].NewPath, "with space.c");
  EXPECT_EQ(Files[2].NewPath, "caf\xc3\xa9.c");
}

TEST(UnifiedDiff, NoNewlineMarkersAndCrLf) {
  std::vector<FileChange> Files =
      parse("--- a/x.c\r\n+++ b/x.c\r\n@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n"
            "\\ No newline at end of file\r\n+c\r\n\\ No newline at end of file\r\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].NewPath, "x.c");
  EXPECT_EQ(Files[0].AddedLines, (Lines{2}));
}

TEST(UnifiedDiff, HunkCountsSayWhereAHunkEnds) {
  // Removed lines that read like headers ("--- ", "+++ ") and a mail's
  // signature after the patch are not file headers.
  std::vector<FileChange> Files =
      parse("From 123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] of: fix\n\n"
            "Drop a line.\n---\n drivers/x.c | 3 +--\n 1 file changed\n\n"
            "diff --git a/drivers/x.c b/drivers/x.c\n--- a/drivers/x.c\n+++ b/drivers/x.c\n"
            "@@ -1,3 +1,2 @@\n--- not a header\n-+++ not one either\n+x\n y\n"
            "-- \n2.39.5\n\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].AddedLines, (Lines{1}));
  EXPECT_EQ(touched(Files[0]), (Lines{1}));
}

TEST(UnifiedDiff, AnEmptyLineInAHunkIsContextAMailerStripped) {
  std::vector<FileChange> Files =
      parse("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,4 @@\n a\n\n+b\n c\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].AddedLines, (Lines{3}));
}

TEST(UnifiedDiff, BinaryFilesHaveNoLines) {
  std::vector<FileChange> Files =
      parse("diff --git a/fw.bin b/fw.bin\nindex 1..2 100644\n"
            "Binary files a/fw.bin and b/fw.bin differ\n");
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_TRUE(Files[0].Binary);
  EXPECT_EQ(Files[0].NewPath, "fw.bin");
}

TEST(UnifiedDiff, EmptyInputIsAnEmptyPatch) {
  EXPECT_TRUE(parse("").empty());
  EXPECT_TRUE(parse("\n\n").empty());
}

TEST(UnifiedDiff, WhatIsNotADiffSaysWhy) {
  EXPECT_NE(parseError("{\"version\": \"2.1.0\"}\n").find("not a unified diff"),
            std::string::npos);
  std::string Cut = parseError("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n-b\n");
  EXPECT_NE(Cut.find("ends inside the hunk starting at line 3"), std::string::npos)
      << Cut;
  std::string Short = parseError("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\ngarbage\n");
  EXPECT_NE(Short.find("line 5: the hunk starting at line 3 ends early"),
            std::string::npos)
      << Short;
  EXPECT_NE(parseError("--- a/x.c\n+++ b/x.c\n@@ -x +1 @@\n").find(
                "line 3: hunk header does not parse"),
            std::string::npos);
  EXPECT_NE(parseError("@@ -1 +1 @@\n-a\n+b\n").find("without a `---`/`+++`"),
            std::string::npos);
  EXPECT_NE(parseError("diff --cc x.c\n--- a/x.c\n+++ b/x.c\n@@@ -1 -1 +1 @@@\n")
                .find("combined diff"),
            std::string::npos);
}

// Found by the unified_diff fuzzer: a second hunk numbered inside the
// first gave added lines out of order, so later lines were misnumbered.
TEST(UnifiedDiff, HunksOutOfOrderAreAnError) {
  std::string Error = parseError("--- a/x.c\n+++ b/x.c\n@@ -5,2 +5,2 @@\n a\n-b\n+c\n"
                                 "@@ -1 +1 @@\n-d\n+e\n");
  EXPECT_NE(Error.find("line 7: hunk starts at new line 1, before the hunk "
                       "above ended (new line 7): hunks out of order"),
            std::string::npos)
      << Error;
  // Hunks of two files each start again at their own line 1.
  EXPECT_EQ(parse("--- a/x.c\n+++ b/x.c\n@@ -5 +5 @@\n-a\n+b\n"
                  "--- a/y.c\n+++ b/y.c\n@@ -1 +1 @@\n-a\n+b\n")
                .size(),
            2u);
  // A pure deletion ends where the next hunk may start.
  EXPECT_EQ(parse("--- a/x.c\n+++ b/x.c\n@@ -3 +2,0 @@\n-a\n@@ -4 +3 @@\n-b\n+c\n")
                .size(),
            1u);
}

} // namespace
