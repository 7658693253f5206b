//===- NolintTest.cpp - NOLINT comments as clang-tidy reads them ----------===//
//
// The corpus file corpus/devlife-refcount-overput/nolint.c checks the same
// forms end to end, through the audit and through clang-tidy itself.
//
//===----------------------------------------------------------------------===//
#include "core/Nolint.h"

#include <gtest/gtest.h>

namespace devlife::nolint {
namespace {

const char *const Rule = "devlife-refcount-leak";

/// Whether a diagnostic of Rule at the first "@" of Text is suppressed.
bool suppressedAt(std::string Text, const char *Check = Rule) {
  size_t At = Text.find('@');
  EXPECT_NE(At, std::string::npos);
  FileSuppressions S(Text);
  return !S.suppressors(At, Check).empty();
}

TEST(Nolint, ParsesTheFourWordsAndTheirLists) {
  std::string Text = "a // NOLINT\nb // NOLINTNEXTLINE( x , y )\n"
                     "/* NOLINTBEGIN(z) */ NOLINTEND(z) NOLINTFOO NOLINT_x";
  std::vector<Directive> D = parse(Text);
  ASSERT_EQ(D.size(), 5u);
  EXPECT_EQ(D[0].Type, Kind::NoLint);
  EXPECT_FALSE(D[0].Checks.has_value());
  EXPECT_EQ(D[0].Offset, Text.find("NOLINT"));
  EXPECT_EQ(D[1].Type, Kind::NextLine);
  EXPECT_EQ(D[1].Checks, std::optional<std::string>("x,y"));
  EXPECT_EQ(D[1].Length, std::string("NOLINTNEXTLINE( x , y )").size());
  EXPECT_EQ(D[2].Type, Kind::Begin);
  EXPECT_EQ(D[3].Type, Kind::End);
  // "NOLINTFOO" is no word; "NOLINT_x" is NOLINT followed by "_x".
  EXPECT_EQ(D[4].Type, Kind::NoLint);
  EXPECT_EQ(D[4].Offset, Text.find("NOLINT_x"));
}

TEST(Nolint, ALineDirectiveCoversItsOwnLineOnly) {
  EXPECT_TRUE(suppressedAt("x@; // NOLINT\n"));
  EXPECT_TRUE(suppressedAt("// NOLINT text before counts too @\n"));
  EXPECT_FALSE(suppressedAt("// NOLINT\nx@;\n"));
  EXPECT_FALSE(suppressedAt("x@;\n// NOLINT\n"));
}

TEST(Nolint, NextLineCoversTheLineAfterOnly) {
  EXPECT_TRUE(suppressedAt("// NOLINTNEXTLINE\nx@;\n"));
  EXPECT_FALSE(suppressedAt("// NOLINTNEXTLINE\n\nx@;\n"));
  EXPECT_FALSE(suppressedAt("x@; // NOLINTNEXTLINE\n"));
  EXPECT_FALSE(suppressedAt("x@;\n"));
}

TEST(Nolint, ListsAreGlobsOfCheckNames) {
  EXPECT_TRUE(suppressedAt("@ // NOLINT(devlife-refcount-leak)"));
  EXPECT_TRUE(suppressedAt("@ // NOLINT(devlife-*)"));
  EXPECT_TRUE(suppressedAt("@ // NOLINT(*-leak)"));
  EXPECT_TRUE(suppressedAt("@ // NOLINT(devlife-*-leak)"));
  EXPECT_TRUE(suppressedAt("@ // NOLINT(*)"));
  EXPECT_TRUE(suppressedAt("@ // NOLINT(other, devlife-refcount-leak)"));
  EXPECT_FALSE(suppressedAt("@ // NOLINT(devlife-refcount-overput)"));
  EXPECT_FALSE(suppressedAt("@ // NOLINT(devlife-refcount)"));
  EXPECT_FALSE(suppressedAt("@ // NOLINT(Devlife-refcount-leak)"));
  // Only "*" is special: a dot is a dot.
  EXPECT_FALSE(suppressedAt("@ // NOLINT(devlife.refcount-leak)"));
  EXPECT_FALSE(suppressedAt("@ // NOLINT(devlife-*-overput)"));
}

TEST(Nolint, EmptyAndNegativeListsSuppressNothing) {
  EXPECT_FALSE(suppressedAt("@ // NOLINT()"));
  EXPECT_FALSE(suppressedAt("@ // NOLINT(-devlife-refcount-leak)"));
  // The negative item is dropped, not applied: the positive one wins.
  EXPECT_TRUE(suppressedAt("@ // NOLINT(devlife-*,-devlife-refcount-leak)"));
}

TEST(Nolint, AListWithoutItsParenthesisOnTheLineIsNoList) {
  EXPECT_TRUE(suppressedAt("@ // NOLINT(devlife-refcount-overput\n)"));
  std::vector<Directive> D = parse("NOLINT(a\n)");
  ASSERT_EQ(D.size(), 1u);
  EXPECT_FALSE(D[0].Checks.has_value());
}

TEST(Nolint, BlocksCoverTheBytesBetweenTheirComments) {
  EXPECT_TRUE(suppressedAt("// NOLINTBEGIN\nx@;\n// NOLINTEND\n"));
  EXPECT_TRUE(suppressedAt("// NOLINTBEGIN(devlife-*)\n\n\nx@;\n// NOLINTEND(devlife-*)"));
  EXPECT_FALSE(suppressedAt("x@; // NOLINTBEGIN\n// NOLINTEND\n"));
  EXPECT_FALSE(suppressedAt("// NOLINTBEGIN\nx; // NOLINTEND @\n"));
  EXPECT_FALSE(suppressedAt("// NOLINTBEGIN(other)\nx@;\n// NOLINTEND(other)\n"));
  // Nested: the inner block closes first.
  EXPECT_TRUE(suppressedAt("// NOLINTBEGIN(a)\n// NOLINTBEGIN(devlife-*)\nx@;\n"
                           "// NOLINTEND(devlife-*)\n// NOLINTEND(a)\n"));
}

TEST(Nolint, AnEndMustRepeatItsBeginsList) {
  // Blanks around items do not matter, order and content do.
  EXPECT_TRUE(suppressedAt("// NOLINTBEGIN(a , devlife-*)\nx@;\n// NOLINTEND(a,devlife-* )\n"));
  EXPECT_FALSE(suppressedAt("// NOLINTBEGIN(a,devlife-*)\nx@;\n// NOLINTEND(devlife-*,a)\n"));
  EXPECT_FALSE(suppressedAt("// NOLINTBEGIN(devlife-*)\nx@;\n// NOLINTEND\n"));
}

TEST(Nolint, UnmatchedBeginsAndEndsAreErrorsAndSuppressNothing) {
  std::string Text = "// NOLINTEND\n// NOLINTBEGIN(devlife-*)\nx@;\n";
  FileSuppressions S(Text);
  EXPECT_FALSE(S.blocksFormed());
  EXPECT_TRUE(S.suppressors(Text.find('@'), Rule).empty());
  ASSERT_TRUE(S.blocksFormed());
  ASSERT_EQ(S.blocks().Unmatched.size(), 2u);
  EXPECT_EQ(S.directives()[S.blocks().Unmatched[0]].Type, Kind::End);
  EXPECT_EQ(S.directives()[S.blocks().Unmatched[1]].Type, Kind::Begin);
  EXPECT_EQ(unmatchedMessage(Kind::Begin),
            "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' "
            "comment");
  EXPECT_EQ(unmatchedMessage(Kind::End),
            "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' "
            "comment");
}

// As clang-tidy, blocks are formed only when a line directive did not
// already decide: a file whose findings all carry their own NOLINT never
// has its blocks checked.
TEST(Nolint, BlocksAreFormedOnlyWhenNeeded) {
  std::string Text = "x@; // NOLINT\n// NOLINTBEGIN\n";
  FileSuppressions S(Text);
  EXPECT_FALSE(S.suppressors(Text.find('@'), Rule).empty());
  EXPECT_FALSE(S.blocksFormed());
}

TEST(Nolint, SuppressorsNameTheCommentsThatDidIt) {
  std::string Text = "a; // NOLINT(x)\n// NOLINTNEXTLINE(devlife-*)\nb@; "
                     "// NOLINT(devlife-refcount-leak) NOLINT(*)\n";
  FileSuppressions S(Text);
  std::vector<size_t> By = S.suppressors(Text.find('@'), Rule);
  // The line's own NOLINTs decide; the NOLINTNEXTLINE is not needed.
  ASSERT_EQ(By.size(), 2u);
  EXPECT_EQ(S.directives()[By[0]].Checks, std::optional<std::string>("devlife-refcount-leak"));
  EXPECT_EQ(S.directives()[By[1]].Checks, std::optional<std::string>("*"));
}

TEST(Nolint, LinesAndColumnsAreCountedAsClangCountsThem) {
  FileSuppressions S("ab\ncd\r\nef\rgh");
  EXPECT_EQ(S.offsetOf(1, 1), std::optional<size_t>(0));
  EXPECT_EQ(S.offsetOf(2, 2), std::optional<size_t>(4));
  EXPECT_EQ(S.offsetOf(3, 1), std::optional<size_t>(7));
  EXPECT_EQ(S.offsetOf(4, 2), std::optional<size_t>(11));
  EXPECT_EQ(S.offsetOf(5, 1), std::nullopt);
  EXPECT_EQ(S.offsetOf(4, 9), std::nullopt);
  EXPECT_EQ(S.lineColumnOf(4), std::make_pair(2u, 2u));
  EXPECT_EQ(S.lineColumnOf(11), std::make_pair(4u, 2u));
}

// A fuzzer's diet: whatever the text, parsing and asking never fail.
TEST(Nolint, AnyTextIsSafe) {
  const char *Texts[] = {"", "NOLINT", "NOLINT(", "NOLINT()", "NOLINTBEGIN(",
                         "NOLINTEND)", "(((NOLINT))))", "NOLINTNEXTLINE\n",
                         "\nNOLINTNEXTLINE", "NOLINT(,,,-,*,)", "\r\r\n\n"};
  for (const char *T : Texts) {
    FileSuppressions S(T);
    std::string Text(T);
    for (size_t I = 0; I <= Text.size(); ++I)
      S.suppressors(I, Rule);
    S.blocks();
  }
}

} // namespace
} // namespace devlife::nolint
