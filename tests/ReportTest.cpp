//===- ReportTest.cpp - Baselines, changed lines, text and JSON lines -----===//
#include "integrations/audit/Review.h"
#include "integrations/report/Baseline.h"
#include "integrations/report/ChangedLines.h"
#include "integrations/report/JsonLines.h"
#include "integrations/report/TextOutput.h"
#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/Fingerprint.h"
#include "integrations/sarif/SarifWriter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace devlife;
using nlohmann::json;

namespace {

const std::string Root = "/src/linux";
const std::string Base = Root + "/drivers/of/base.c";
const std::string BaseText = "int probe(void)\n"          // 1
                             "{\n"                        // 2
                             "\tnp = of_find_node(x);\n"  // 3
                             "\tif (!np)\n"               // 4
                             "\t\treturn 0;\n"            // 5
                             "\treturn use(np);\n"        // 6
                             "}\n";

PathStep step(const std::string &File, unsigned Line, const std::string &Msg) {
  PathStep S;
  S.Where = {File, Line, 2};
  S.Message = Msg;
  return S;
}

/// The early return of BaseText loses np, by default.
Finding leak(unsigned Line = 5, const std::string &Message = "reference leaks") {
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Message = Message;
  F.Function = "probe";
  F.Where = {Base, Line, 2};
  F.Path = {step(Base, 3, "acquired"), step(Base, 4, "taking the false branch"),
            step(Base, Line, "lost here")};
  return F;
}

SourceReader reader(const std::string &Text = BaseText) {
  return [Text](const std::string &F) -> std::optional<std::string> {
    if (F == Base)
      return Text;
    return std::nullopt;
  };
}

std::vector<FileChange> diffOf(const std::string &Text) {
  auto Files = parseUnifiedDiff(Text);
  EXPECT_TRUE(bool(Files)) << llvm::toString(Files.takeError());
  return Files ? *Files : std::vector<FileChange>();
}

//===-- Changed lines -----------------------------------------------------===//

TEST(ChangedLines, MatchesTheFindingsPathRelativeToTheSourceRoot) {
  ChangedLines C(diffOf("--- a/drivers/of/base.c\n+++ b/drivers/of/base.c\n"
                        "@@ -6 +6 @@\n-\treturn 1;\n+\treturn use(np);\n"));
  EXPECT_TRUE(C.touches(leak(6), Root));
  EXPECT_TRUE(C.touches(leak(6), Root + "/")); // a trailing slash is the same root
  EXPECT_FALSE(C.touches(leak(6), "/elsewhere"));
  EXPECT_FALSE(C.touches(leak(5), Root)) << "its path is lines 3, 4 and 5";
}

TEST(ChangedLines, AStepOfACodeFlowIsEnoughTheRelatedLocationsAreNot) {
  ChangedLines OnAcquire(diffOf("--- a/drivers/of/base.c\n+++ b/drivers/of/base.c\n"
                                "@@ -3 +3 @@\n-\tnp = get(x);\n+\tnp = of_find_node(x);\n"));
  EXPECT_TRUE(OnAcquire.touches(leak(6), Root));
  Finding F = leak(6);
  F.Path.clear();
  EXPECT_FALSE(OnAcquire.touches(F, Root));
  F.OtherFlows = {{step(Base, 3, "the other order")}};
  EXPECT_TRUE(OnAcquire.touches(F, Root));
  F.OtherFlows.clear();
  F.Related = {step(Base, 3, "also lost here")};
  EXPECT_FALSE(OnAcquire.touches(F, Root));
}

TEST(ChangedLines, FindingsInFilesTheDiffLeavesAloneAreDroppedOrKept) {
  std::vector<FileChange> Diff =
      diffOf("--- a/drivers/of/base.h\n+++ b/drivers/of/base.h\n@@ -1 +1 @@\n-a\n+b\n"
             "--- a/drivers/of/base.c\n+++ b/drivers/of/base.c\n@@ -1 +1 @@\n-a\n+b\n");
  ChangedLines Strict(Diff);
  ChangedLines Review(Diff, ChangedLines::UnchangedFiles::Keep);
  Finding InChanged = leak(5);
  Finding InUnchanged = leak(5);
  InUnchanged.Where.File = Root + "/drivers/of/user.c";
  for (PathStep &S : InUnchanged.Path)
    S.Where.File = InUnchanged.Where.File;
  EXPECT_FALSE(Strict.keeps(InChanged, Root));
  EXPECT_FALSE(Strict.keeps(InUnchanged, Root));
  EXPECT_FALSE(Review.keeps(InChanged, Root)) << "changed file, other lines";
  EXPECT_TRUE(Review.keeps(InUnchanged, Root)) << "only the header can explain it";
}

TEST(ChangedLines, AbsoluteNamesInTheDiffMatchAbsolutePaths) {
  ChangedLines C(diffOf("--- /src/linux/drivers/of/base.c\n+++ /src/linux/drivers/of/base.c\n"
                        "@@ -6 +6 @@\n-a\n+b\n"));
  EXPECT_TRUE(C.touches(leak(6), "/some/other/root"));
}

TEST(ChangedLines, AnUnreadableDiffIsAnErrorNamingTheFile) {
  auto Missing = ChangedLines::fromFile("/nonexistent/patch.diff");
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("/nonexistent/patch.diff"),
            std::string::npos);
}

//===-- Baselines ---------------------------------------------------------===//

std::string sarifOf(const std::vector<Finding> &Findings,
                    const SourceReader &Read = reader()) {
  SarifInput In;
  In.Findings = Findings;
  SarifOptions O;
  O.SourceRoot = Root;
  return renderSarif(In, O, Read);
}

Baseline baselineOf(const std::string &Sarif) {
  auto B = Baseline::fromSarifText(Sarif, "old.sarif");
  EXPECT_TRUE(bool(B)) << llvm::toString(B.takeError());
  return B ? std::move(*B) : Baseline::fromFindings({}, Root, reader());
}

TEST(Baseline, KnownFindingsAreLeftOutNewOnesKept) {
  Baseline B = baselineOf(sarifOf({leak(6)}));
  EXPECT_EQ(B.size(), 1u);
  EXPECT_TRUE(B.newFindings({leak(6)}, Root, reader()).empty());
  std::vector<Finding> New =
      B.newFindings({leak(6), leak(5, "another leak")}, Root, reader());
  ASSERT_EQ(New.size(), 1u);
  EXPECT_EQ(New[0].Message, "another leak");
}

TEST(Baseline, SurvivesLinesMovingAndAnEditNextToTheFinding) {
  Baseline B = baselineOf(sarifOf({leak(5)}));
  // Two lines above, the line after the finding rewritten and the line
  // itself re-indented: GitHub's line hash changes, devlife's does not.
  std::string Edited = "// SPDX\n// more\n" + BaseText;
  Edited.replace(Edited.find("\treturn use(np);"), 16, "\treturn use(np, 1);");
  Edited.replace(Edited.find("\t\treturn 0;"), 11, "    return 0;");
  EXPECT_NE(*lineHash(BaseText, 5), *lineHash(Edited, 7));
  EXPECT_TRUE(B.newFindings({leak(7)}, Root, reader(Edited)).empty());
  // An edit of what the line says is another finding.
  std::string Changed = BaseText;
  Changed.replace(Changed.find("return 0;"), 9, "return -ENODEV;");
  EXPECT_EQ(B.newFindings({leak(5)}, Root, reader(Changed)).size(), 1u);
}

TEST(Baseline, EqualFindingsAreCounted) {
  Baseline B = baselineOf(sarifOf({leak(6)}));
  Finding Twin = leak(6);
  Twin.Where.Column = 9;
  std::vector<Finding> New = B.newFindings({leak(6), Twin}, Root, reader());
  EXPECT_EQ(New.size(), 1u);
}

TEST(Baseline, AnOldLogWithOnlyGitHubsLineHashStillMatches) {
  json Log = json::parse(sarifOf({leak(6)}));
  Log["runs"][0]["results"][0]["partialFingerprints"].erase(FindingHashKey);
  Baseline B = baselineOf(Log.dump());
  EXPECT_TRUE(B.newFindings({leak(6)}, Root, reader()).empty());
  EXPECT_EQ(B.newFindings({leak(5)}, Root, reader()).size(), 1u);
}

TEST(Baseline, TheRuleCountsAndRuleIndexNamesIt) {
  json Log = json::parse(sarifOf({leak(6)}));
  json &R = Log["runs"][0]["results"][0];
  R.erase("ruleId"); // ruleIndex alone names the rule
  Baseline B = baselineOf(Log.dump());
  EXPECT_TRUE(B.newFindings({leak(6)}, Root, reader()).empty());
  Finding Other = leak(6);
  Other.RuleId = "devlife-refcount-overput";
  EXPECT_EQ(B.newFindings({Other}, Root, reader()).size(), 1u);
}

std::string baselineError(const std::string &Text) {
  auto B = Baseline::fromSarifText(Text, "old.sarif");
  return B ? "" : llvm::toString(B.takeError());
}

TEST(Baseline, AMalformedLogSaysWhatIsWrongAndWhere) {
  EXPECT_EQ(baselineError("{\"version\": \"2.1.0\""),
            "--baseline old.sarif: not JSON, so not a SARIF log");
  EXPECT_NE(baselineError("{\"version\": \"2.0.0\", \"runs\": []}")
                .find("not a SARIF 2.1.0 log"),
            std::string::npos);
  EXPECT_EQ(baselineError(R"({"version": "2.1.0", "runs": [
      {"tool": {"driver": {"name": "CodeQL"}}, "results": []}]})"),
            "--baseline old.sarif: no run of devlife in it (runs of: CodeQL)");
  json Log = json::parse(sarifOf({leak(6)}));
  json NoRule = Log;
  NoRule["runs"][0]["results"][0].erase("ruleId");
  NoRule["runs"][0]["results"][0].erase("ruleIndex");
  EXPECT_EQ(baselineError(NoRule.dump()),
            "--baseline old.sarif: runs[0].results[0] has no ruleId");
  json NoPrint = Log;
  NoPrint["runs"][0]["results"][0].erase("partialFingerprints");
  EXPECT_NE(baselineError(NoPrint.dump()).find(
                "runs[0].results[0] has no partialFingerprints devlife can match"),
            std::string::npos);
  auto Missing = Baseline::fromSarifFile("/nonexistent/old.sarif");
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("cannot read it"),
            std::string::npos);
}

//===-- JSON lines --------------------------------------------------------===//

TEST(JsonLines, OneObjectPerFindingKeysInTheDocumentedOrder) {
  Finding F = leak(6);
  F.Related = {step(Base, 5, "also lost here")};
  F.Fixes = {{{Base, 6, 2}, {Base, 6, 2}, "of_node_put(np);\n\t"}};
  Finding Outside = leak(6, "elsewhere");
  Outside.Where.File = "/usr/include/x.h";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  printJsonLines({F, Outside}, Root, reader(), OS);
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(Out).rtrim('\n').split(Lines, '\n');
  ASSERT_EQ(Lines.size(), 2u);
  nlohmann::ordered_json J = nlohmann::ordered_json::parse(Lines[0].str());
  std::vector<std::string> Keys;
  for (auto It = J.begin(); It != J.end(); ++It)
    Keys.push_back(It.key());
  EXPECT_EQ(Keys, (std::vector<std::string>{
                      "rule", "level", "message", "file", "line", "column",
                      "function", "fingerprint", "flow", "other_flows",
                      "related", "fixes"}));
  EXPECT_EQ(J["file"], "drivers/of/base.c");
  EXPECT_EQ(J["level"], "warning");
  EXPECT_EQ(J["flow"].size(), 3u);
  EXPECT_EQ(J["flow"][0]["message"], "acquired");
  EXPECT_EQ(J["related"][0]["line"], 5);
  EXPECT_EQ(J["fixes"][0]["replacement"], "of_node_put(np);\n\t");
  // The fingerprint is the one the SARIF log gives the finding.
  FindingHasher H(Root, reader());
  EXPECT_EQ(J["fingerprint"], H.numbered(F));
  EXPECT_EQ(json::parse(Lines[1].str())["file"], "/usr/include/x.h");
}

//===-- Text --------------------------------------------------------------===//

std::string text(bool Color) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  printFindings({leak(6)}, OS, Color);
  return Out;
}

TEST(TextOutput, ClangStyleLinesAndClangsColoursOnlyWhenAsked) {
  std::string Plain = text(false);
  EXPECT_EQ(Plain.find('\033'), std::string::npos);
  EXPECT_NE(Plain.find(Base + ":6:2: warning: reference leaks [devlife-refcount-leak]\n"),
            std::string::npos)
      << Plain;
  EXPECT_NE(Plain.find(Base + ":3:2: note: acquired\n"), std::string::npos);
  std::string Colored = text(true);
  EXPECT_NE(Colored.find("\033[1m" + Base + ":6:2:\033[0m"), std::string::npos)
      << Colored;
  EXPECT_NE(Colored.find("\033[0;1;35mwarning:\033[0m"), std::string::npos);
  EXPECT_NE(Colored.find("\033[0;1;30mnote:\033[0m acquired"), std::string::npos);
}

TEST(TextOutput, ColorModes) {
  EXPECT_EQ(parseColorMode(""), ColorMode::Always); // a bare --color
  EXPECT_EQ(parseColorMode("always"), ColorMode::Always);
  EXPECT_EQ(parseColorMode("never"), ColorMode::Never);
  EXPECT_EQ(parseColorMode("auto"), ColorMode::Auto);
  EXPECT_FALSE(parseColorMode("yes"));
  std::string S;
  llvm::raw_string_ostream NotATerminal(S);
  EXPECT_FALSE(useColor(ColorMode::Auto, NotATerminal));
  EXPECT_TRUE(useColor(ColorMode::Always, NotATerminal));
}

//===-- Which TUs a header change touches ---------------------------------===//

TEST(Review, AHeaderIsIncludedNextToItOrByTheEndOfItsPath) {
  const std::string Src = "/k/drivers/gpio/gpio-x.c";
  EXPECT_TRUE(includesHeader(Src, "#include \"gpio-x.h\"\n", "/k/drivers/gpio/gpio-x.h"));
  EXPECT_FALSE(includesHeader(Src, "#include \"gpio-x.h\"\n", "/k/drivers/mfd/gpio-x.h"));
  EXPECT_TRUE(includesHeader(Src, "  #  include <linux/of.h>\n", "/k/include/linux/of.h"));
  EXPECT_FALSE(includesHeader(Src, "#include <linux/of.h>\n", "/k/include/linux/xof.h"));
  EXPECT_TRUE(includesHeader(Src, "#include \"../mfd/core.h\"\n", "/k/drivers/mfd/core.h"));
  EXPECT_FALSE(includesHeader(Src, "// #include <linux/of.h>\n", "/k/include/linux/of.h"));
}

} // namespace
