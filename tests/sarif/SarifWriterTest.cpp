//===- SarifWriterTest.cpp - SARIF 2.1.0 output for GitHub code scanning --===//
#include "integrations/sarif/Fingerprint.h"
#include "integrations/sarif/SarifWriter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>

using namespace devlife;
using nlohmann::json;

namespace {

const std::string Root = "/src/linux";
const std::string BaseC = Root + "/drivers/of/base.c";
const std::string BaseText = "int probe(void)\n"
                             "{\n"
                             "\tstruct device_node *np = of_node_get(x);\n"
                             "\treturn 0;\n"
                             "}\n";

/// One path step. (A function rather than nested braces: GCC 12 at -O3
/// warns, wrongly, that brace-built PathSteps may be used uninitialised.)
PathStep step(const std::string &File, unsigned Line, unsigned Column,
              const std::string &Message) {
  PathStep S;
  S.Where = {File, Line, Column};
  S.Message = Message;
  return S;
}

RuleInfo makeRule(const std::string &Id, Level L = Level::Warning) {
  RuleInfo R;
  R.Id = Id;
  R.Name = "Name" + Id;
  R.ShortDescription = "Short " + Id + ".";
  R.FullDescription = "Full description of " + Id + ".";
  R.HelpText = "Help for " + Id + ".";
  R.HelpMarkdown = "Help for `" + Id + "`.";
  R.DefaultLevel = L;
  R.Tags = {"reliability", "linux-kernel"};
  R.Precision = "high";
  return R;
}

Finding makeFinding(const std::string &RuleId, const std::string &File,
                    unsigned Line, unsigned Column,
                    const std::string &Message = "something is wrong") {
  Finding F;
  F.RuleId = RuleId;
  F.Message = Message;
  F.Where = {File, Line, Column};
  return F;
}

SourceReader readerFor(std::map<std::string, std::string> Files) {
  return [Files](const std::string &Path) -> std::optional<std::string> {
    auto It = Files.find(Path);
    if (It == Files.end())
      return std::nullopt;
    return It->second;
  };
}

SarifOptions defaultOptions() {
  SarifOptions O;
  O.SourceRoot = Root;
  O.ToolVersion = "1.2.3";
  O.InformationUri = "https://example.org/devlife";
  return O;
}

json render(const SarifInput &In, SarifOptions O = defaultOptions(),
            SourceReader Read = readerFor({{BaseC, BaseText}})) {
  return json::parse(renderSarif(In, O, std::move(Read)));
}

const json &run0(const json &Log) { return Log.at("runs").at(0); }
const json &result(const json &Log, size_t I) {
  return run0(Log).at("results").at(I);
}
const json &primaryPhysical(const json &Log, size_t I) {
  return result(Log, I).at("locations").at(0).at("physicalLocation");
}
const json &driverOf(const json &Log) {
  return run0(Log).at("tool").at("driver");
}
const json &firstRule(const json &Log) {
  return driverOf(Log).at("rules").at(0);
}
std::string lineHashOf(const json &Log, size_t I) {
  return result(Log, I).at("partialFingerprints").at("primaryLocationLineHash");
}
/// The URI and region of a physicalLocation, or of a location holding one.
const json &physicalOf(const json &Location) {
  return Location.contains("location")
             ? Location.at("location").at("physicalLocation")
             : Location.at("physicalLocation");
}
const json &uriOf(const json &Location) {
  return physicalOf(Location).at("artifactLocation").at("uri");
}
const json &regionOf(const json &Location) {
  return physicalOf(Location).at("region");
}

/// Every key named Key anywhere in J.
void collectKeys(const json &J, const std::string &Key,
                 std::vector<json> &Out) {
  if (J.is_object()) {
    for (auto It = J.begin(); It != J.end(); ++It) {
      if (It.key() == Key)
        Out.push_back(It.value());
      collectKeys(It.value(), Key, Out);
    }
  } else if (J.is_array()) {
    for (const json &E : J)
      collectKeys(E, Key, Out);
  }
}

SarifInput oneFindingInput() {
  SarifInput In;
  In.Rules = {makeRule("devlife-refcount-leak")};
  In.Findings = {makeFinding("devlife-refcount-leak", BaseC, 3, 2)};
  return In;
}

void expectNonEmptyText(const json &Message, const std::string &What) {
  ASSERT_TRUE(Message.contains("text")) << What;
  EXPECT_FALSE(Message.at("text").get<std::string>().empty()) << What;
}

//===-- The log and its run -----------------------------------------------===//

TEST(SarifWriter, HasTheFieldsGitHubRequires) {
  json Log = render(oneFindingInput());
  EXPECT_EQ(Log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(Log.at("version"), "2.1.0");
  ASSERT_EQ(Log.at("runs").size(), 1u);
  const json &Driver = run0(Log).at("tool").at("driver");
  EXPECT_EQ(Driver.at("name"), "devlife");
  EXPECT_EQ(Driver.at("version"), "1.2.3");
  EXPECT_EQ(Driver.at("semanticVersion"), "1.2.3");
  EXPECT_EQ(Driver.at("informationUri"), "https://example.org/devlife");
  ASSERT_EQ(Driver.at("rules").size(), 1u);

  const json &Rule = Driver.at("rules").at(0);
  EXPECT_EQ(Rule.at("id"), "devlife-refcount-leak");
  EXPECT_EQ(Rule.at("name"), "Namedevlife-refcount-leak");
  expectNonEmptyText(Rule.at("shortDescription"), "shortDescription");
  expectNonEmptyText(Rule.at("fullDescription"), "fullDescription");
  expectNonEmptyText(Rule.at("help"), "help");
  EXPECT_EQ(Rule.at("help").at("markdown"),
            "Help for `devlife-refcount-leak`.");
  EXPECT_EQ(Rule.at("defaultConfiguration").at("level"), "warning");
  EXPECT_EQ(Rule.at("properties").at("tags"),
            json::array({"reliability", "linux-kernel"}));
  EXPECT_EQ(Rule.at("properties").at("precision"), "high");

  const json &R = result(Log, 0);
  EXPECT_EQ(R.at("ruleId"), "devlife-refcount-leak");
  EXPECT_EQ(R.at("ruleIndex"), 0);
  EXPECT_EQ(R.at("level"), "warning");
  expectNonEmptyText(R.at("message"), "result message");
  const json &Physical = primaryPhysical(Log, 0);
  EXPECT_FALSE(uriOf(result(Log, 0).at("locations").at(0))
                   .get<std::string>()
                   .empty());
  EXPECT_EQ(Physical.at("region").at("startLine"), 3);
  EXPECT_EQ(Physical.at("region").at("startColumn"), 2);
  EXPECT_FALSE(R.at("partialFingerprints")
                   .at("primaryLocationLineHash")
                   .get<std::string>()
                   .empty());
}

TEST(SarifWriter, EmptyInputIsStillAValidRun) {
  json Log = render(SarifInput{});
  EXPECT_TRUE(run0(Log).at("results").is_array());
  EXPECT_TRUE(run0(Log).at("results").empty());
  EXPECT_TRUE(run0(Log).at("tool").at("driver").at("rules").is_array());
}

TEST(SarifWriter, OutputEndsWithANewline) {
  std::string Text = renderSarif(oneFindingInput(), defaultOptions(), nullptr);
  ASSERT_FALSE(Text.empty());
  EXPECT_EQ(Text.back(), '\n');
}

TEST(SarifWriter, NeverWritesSuppressions) {
  json Log = render(oneFindingInput());
  std::vector<json> Found;
  collectKeys(Log, "suppressions", Found);
  EXPECT_TRUE(Found.empty());
}

TEST(SarifWriter, SemanticVersionOnlyWhenTheVersionIsOne) {
  SarifOptions O = defaultOptions();
  O.ToolVersion = "0.1.0-12-gdeadbee";
  EXPECT_EQ(driverOf(render(oneFindingInput(), O)).at("semanticVersion"),
            "0.1.0-12-gdeadbee");
  O.ToolVersion = "git-deadbee";
  const json Driver = driverOf(render(oneFindingInput(), O));
  EXPECT_EQ(Driver.at("version"), "git-deadbee");
  EXPECT_FALSE(Driver.contains("semanticVersion"));
}

TEST(SarifWriter, AutomationDetailsNameTheWholeIdAsCategory) {
  SarifOptions O = defaultOptions();
  EXPECT_FALSE(
      run0(render(oneFindingInput(), O)).contains("automationDetails"));
  O.AutomationId = "devlife-kernel";
  EXPECT_EQ(run0(render(oneFindingInput(), O)).at("automationDetails").at("id"),
            "devlife-kernel/");
  O.AutomationId = "devlife/kernel/";
  EXPECT_EQ(run0(render(oneFindingInput(), O)).at("automationDetails").at("id"),
            "devlife/kernel/");
}

//===-- URIs --------------------------------------------------------------===//

TEST(SarifWriter, UrisAreRelativeToTheSourceRoot) {
  json Log = render(oneFindingInput());
  const json &Artifact = primaryPhysical(Log, 0).at("artifactLocation");
  EXPECT_EQ(Artifact.at("uri"), "drivers/of/base.c");
  EXPECT_EQ(Artifact.at("uriBaseId"), "%SRCROOT%");
  EXPECT_EQ(run0(Log).at("originalUriBaseIds").at("%SRCROOT%").at("uri"),
            "file:///src/linux/");
}

TEST(SarifWriter, ATrailingSlashOnTheRootChangesNothing) {
  SarifOptions O = defaultOptions();
  O.SourceRoot = Root + "/";
  EXPECT_EQ(render(oneFindingInput(), O), render(oneFindingInput()));
}

TEST(SarifWriter, FilesOutsideTheRootKeepAnAbsoluteFileUri) {
  SarifInput In = oneFindingInput();
  In.Findings = {
      makeFinding("devlife-refcount-leak", "/usr/include/stdio.h", 5, 1)};
  json Log = render(In);
  const json &Artifact = primaryPhysical(Log, 0).at("artifactLocation");
  EXPECT_EQ(Artifact.at("uri"), "file:///usr/include/stdio.h");
  EXPECT_FALSE(Artifact.contains("uriBaseId"));
}

TEST(ArtifactUri, MakesPathsRelativeOnlyUnderTheRoot) {
  EXPECT_EQ(artifactUriFor("/src/linux/a/b.c", "/src/linux").Uri, "a/b.c");
  EXPECT_TRUE(artifactUriFor("/src/linux/a/b.c", "/src/linux").UnderRoot);
  // A sibling whose name starts with the root's name is not under it.
  ArtifactUri Sibling = artifactUriFor("/src/linux2/a.c", "/src/linux");
  EXPECT_EQ(Sibling.Uri, "file:///src/linux2/a.c");
  EXPECT_FALSE(Sibling.UnderRoot);
  // Dots are resolved before comparing.
  EXPECT_EQ(artifactUriFor("/src/linux/a/../b.c", "/src/linux/.").Uri, "b.c");
  // No root: everything absolute stays absolute.
  EXPECT_EQ(artifactUriFor("/src/linux/a.c", "").Uri, "file:///src/linux/a.c");
  // A relative path is taken as relative to the root already.
  EXPECT_EQ(artifactUriFor("./a/b.c", "/src/linux").Uri, "a/b.c");
}

TEST(ArtifactUri, PercentEncodesUnsafeCharacters) {
  EXPECT_EQ(artifactUriFor("/r/my file.c", "/r").Uri, "my%20file.c");
  EXPECT_EQ(artifactUriFor("/r/100%.c", "/r").Uri, "100%25.c");
  EXPECT_EQ(artifactUriFor("/r/a:b.c", "/r").Uri, "a%3Ab.c"); // not a scheme
  EXPECT_EQ(artifactUriFor("/r/a#b?.c", "/r").Uri, "a%23b%3F.c");
  EXPECT_EQ(artifactUriFor("/r/caf\xC3\xA9.c", "/r").Uri, "caf%C3%A9.c");
  EXPECT_EQ(artifactUriFor("/r/a-b_c~d.e", "/r").Uri, "a-b_c~d.e");
  EXPECT_EQ(artifactUriFor("/x y/z.c", "/r").Uri, "file:///x%20y/z.c");
}

//===-- Rules -------------------------------------------------------------===//

TEST(SarifWriter, RulesAreSortedByIdAndRuleIndexPointsAtTheRule) {
  SarifInput In;
  In.Rules = {makeRule("devlife-c"), makeRule("devlife-a"),
              makeRule("devlife-b")};
  In.Findings = {makeFinding("devlife-b", BaseC, 1, 1),
                 makeFinding("devlife-c", BaseC, 2, 1),
                 makeFinding("devlife-a", BaseC, 3, 1)};
  json Log = render(In);
  const json &Rules = run0(Log).at("tool").at("driver").at("rules");
  ASSERT_EQ(Rules.size(), 3u);
  EXPECT_EQ(Rules[0].at("id"), "devlife-a");
  EXPECT_EQ(Rules[1].at("id"), "devlife-b");
  EXPECT_EQ(Rules[2].at("id"), "devlife-c");
  for (const json &R : run0(Log).at("results"))
    EXPECT_EQ(Rules.at(R.at("ruleIndex").get<size_t>()).at("id"),
              R.at("ruleId"));
}

TEST(SarifWriter, ARuleDescribedTwiceIsWrittenOnce) {
  SarifInput In = oneFindingInput();
  In.Rules.push_back(makeRule("devlife-refcount-leak"));
  EXPECT_EQ(run0(render(In)).at("tool").at("driver").at("rules").size(), 1u);
}

TEST(SarifWriter, AFindingOfAnUnknownRuleGetsAPlaceholderRuleAndANotification) {
  SarifInput In = oneFindingInput();
  In.Findings.push_back(makeFinding("devlife-unknown", BaseC, 4, 2));
  json Log = render(In);
  const json &Rules = run0(Log).at("tool").at("driver").at("rules");
  ASSERT_EQ(Rules.size(), 2u);
  EXPECT_EQ(Rules[1].at("id"), "devlife-unknown");
  expectNonEmptyText(Rules[1].at("shortDescription"), "placeholder short");
  expectNonEmptyText(Rules[1].at("fullDescription"), "placeholder full");
  expectNonEmptyText(Rules[1].at("help"), "placeholder help");
  const json &Notes =
      run0(Log).at("invocations").at(0).at("toolExecutionNotifications");
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_NE(Notes[0].at("message").at("text").get<std::string>().find(
                "devlife-unknown"),
            std::string::npos);
}

TEST(SarifWriter, EmptyDescriptionsFallBackOnShorterOnes) {
  SarifInput In = oneFindingInput();
  In.Rules[0].FullDescription.clear();
  In.Rules[0].HelpText.clear();
  In.Rules[0].HelpMarkdown.clear();
  const json Rule = run0(render(In)).at("tool").at("driver").at("rules").at(0);
  EXPECT_EQ(Rule.at("fullDescription").at("text"),
            "Short devlife-refcount-leak.");
  EXPECT_EQ(Rule.at("help").at("text"), "Short devlife-refcount-leak.");
  EXPECT_FALSE(Rule.at("help").contains("markdown"));
}

TEST(SarifWriter, FullDescriptionIsCutTo1024BytesOnACharacterBoundary) {
  SarifInput In = oneFindingInput();
  std::string Long;
  while (Long.size() < 3000)
    Long += "\xC3\xA9x"; // 3 bytes, so cuts fall inside characters too
  for (size_t Extra = 0; Extra < 3; ++Extra) {
    In.Rules[0].FullDescription = std::string(Extra, 'a') + Long;
    std::string Text = run0(render(In))
                           .at("tool").at("driver").at("rules").at(0)
                           .at("fullDescription").at("text");
    EXPECT_LE(Text.size(), 1024u);
    EXPECT_GT(Text.size(), 1000u);
    EXPECT_EQ(Text.find("\xEF\xBF\xBD"), std::string::npos)
        << "cut inside a character";
    EXPECT_EQ(Text.substr(Text.size() - 3), "...");
  }
}

TEST(SarifWriter, RuleProperties) {
  SarifInput In = oneFindingInput();
  In.Rules[0].SecuritySeverity = "7.5";
  In.Rules[0].Tags = {"security", "security", "", "cwe-401"};
  In.Rules[0].DefaultLevel = Level::Note;
  const json Props = firstRule(render(In)).at("properties");
  ASSERT_TRUE(Props.at("security-severity").is_string());
  EXPECT_EQ(Props.at("security-severity"), "7.5");
  EXPECT_EQ(Props.at("tags"), json::array({"security", "cwe-401"}));
  EXPECT_EQ(Props.at("problem.severity"), "recommendation");
}

TEST(SarifWriter, InvalidRulePropertiesAreLeftOut) {
  SarifInput In = oneFindingInput();
  In.Rules[0].SecuritySeverity = "high";
  In.Rules[0].Precision = "sometimes";
  const json Props = firstRule(render(In)).at("properties");
  EXPECT_FALSE(Props.contains("security-severity"));
  EXPECT_FALSE(Props.contains("precision"));
  In.Rules[0].SecuritySeverity = "11";
  EXPECT_FALSE(run0(render(In)).at("tool").at("driver").at("rules").at(0)
                   .at("properties").contains("security-severity"));
}

TEST(SarifWriter, AtMostTwentyTagsPerRule) {
  SarifInput In = oneFindingInput();
  In.Rules[0].Tags.clear();
  for (int I = 0; I < 30; ++I)
    In.Rules[0].Tags.push_back("tag" + std::to_string(I));
  const json Tags = run0(render(In)).at("tool").at("driver").at("rules").at(0)
                        .at("properties").at("tags");
  ASSERT_EQ(Tags.size(), 20u);
  EXPECT_EQ(Tags[19], "tag19");
}

//===-- Levels ------------------------------------------------------------===//

TEST(SarifWriter, LevelsAreSarifLevels) {
  SarifInput In;
  const std::set<std::string> Allowed = {"note", "warning", "error"};
  Level Levels[] = {Level::Note, Level::Warning, Level::Error};
  for (int I = 0; I < 3; ++I) {
    std::string Id = "devlife-r" + std::to_string(I);
    In.Rules.push_back(makeRule(Id, Levels[I]));
    Finding F = makeFinding(Id, BaseC, 1 + I, 1);
    F.Severity = Levels[2 - I]; // results need not use the rule's level
    In.Findings.push_back(F);
  }
  json Log = render(In);
  const json &Rules = run0(Log).at("tool").at("driver").at("rules");
  for (int I = 0; I < 3; ++I) {
    EXPECT_EQ(Rules[I].at("defaultConfiguration").at("level"),
              levelName(Levels[I]));
    EXPECT_EQ(result(Log, I).at("level"), levelName(Levels[2 - I]));
  }
  std::vector<json> All;
  collectKeys(Log, "level", All);
  EXPECT_EQ(All.size(), 6u);
  for (const json &L : All)
    EXPECT_TRUE(Allowed.count(L.get<std::string>())) << L;
}

//===-- Results -----------------------------------------------------------===//

TEST(SarifWriter, FingerprintIsGitHubsLineHash) {
  json Log = render(oneFindingInput());
  EXPECT_EQ(lineHashOf(Log, 0), *lineHash(BaseText, 3));
}

TEST(SarifWriter, UnreadableFilesGetAStableStandInFingerprint) {
  SarifInput In = oneFindingInput();
  In.Findings = {makeFinding("devlife-refcount-leak", BaseC, 3, 2),
                 makeFinding("devlife-refcount-leak", BaseC, 4, 2)};
  json Log = render(In, defaultOptions(), readerFor({}));
  std::string First = lineHashOf(Log, 0);
  std::string Second = lineHashOf(Log, 1);
  EXPECT_TRUE(std::regex_match(First, std::regex("[0-9a-f]{16}:1"))) << First;
  // Same rule, file, function and message: told apart by the counter.
  EXPECT_EQ(Second, First.substr(0, 16) + ":2");
  // Lines moving (an edit above) do not change it.
  In.Findings[0].Where.Line = 30;
  In.Findings[1].Where.Line = 40;
  json Moved = render(In, defaultOptions(), readerFor({}));
  EXPECT_EQ(lineHashOf(Moved, 0), First);
  // A different message does.
  In.Findings[0].Message = "something else";
  json Changed = render(In, defaultOptions(), readerFor({}));
  EXPECT_NE(lineHashOf(Changed, 0), First);
}

TEST(SarifWriter, ALineBeyondTheEndOfTheFileGetsTheStandIn) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Where.Line = 999;
  std::string Hash = lineHashOf(render(In), 0);
  EXPECT_TRUE(std::regex_match(Hash, std::regex("[0-9a-f]{16}:1"))) << Hash;
  for (const std::string &H : lineHashes(BaseText))
    EXPECT_NE(Hash, H);
}

TEST(SarifWriter, ColumnsAreCountedInUtf16CodeUnits) {
  const std::string File = Root + "/u.c";
  // "é" is 2 bytes but 1 UTF-16 unit; "😀" is 4 bytes but 2 units.
  const std::string Text = "/* \xC3\xA9 \xF0\x9F\x98\x80 */ x;\n";
  SarifInput In = oneFindingInput();
  In.Findings = {makeFinding("devlife-refcount-leak", File, 1, 16)}; // at "x"
  json Log = render(In, defaultOptions(), readerFor({{File, Text}}));
  EXPECT_EQ(primaryPhysical(Log, 0).at("region").at("startColumn"), 13);
  // Without the file the byte column is all there is.
  json Unread = render(In, defaultOptions(), readerFor({}));
  EXPECT_EQ(primaryPhysical(Unread, 0).at("region").at("startColumn"), 16);
}

TEST(SarifWriter, LineZeroMeansTheWholeFile) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Where = {BaseC, 0, 0};
  json Log = render(In);
  const json &Region = primaryPhysical(Log, 0).at("region");
  EXPECT_EQ(Region.at("startLine"), 1);
  EXPECT_FALSE(Region.contains("startColumn"));
  EXPECT_EQ(lineHashOf(Log, 0), *lineHash(BaseText, 1));
}

TEST(SarifWriter, FunctionBecomesALogicalLocation) {
  SarifInput In = oneFindingInput();
  EXPECT_FALSE(
      result(render(In), 0).at("locations").at(0).contains("logicalLocations"));
  In.Findings[0].Function = "probe";
  const json Logical =
      result(render(In), 0).at("locations").at(0).at("logicalLocations");
  ASSERT_EQ(Logical.size(), 1u);
  EXPECT_EQ(Logical[0].at("name"), "probe");
  EXPECT_EQ(Logical[0].at("kind"), "function");
}

TEST(SarifWriter, PathBecomesACodeFlowInOrder) {
  SarifInput In = oneFindingInput();
  EXPECT_FALSE(result(render(In), 0).contains("codeFlows"));
  In.Findings[0].Path = {step(BaseC, 3, 27, "acquired here"),
                         step(BaseC, 4, 2, "returning"),
                         step(BaseC, 3, 2, "")};
  json Log = render(In);
  const json &Steps = result(Log, 0)
                          .at("codeFlows").at(0)
                          .at("threadFlows").at(0)
                          .at("locations");
  ASSERT_EQ(Steps.size(), 3u);
  EXPECT_EQ(Steps[0].at("location").at("message").at("text"), "acquired here");
  EXPECT_EQ(regionOf(Steps[0]).at("startColumn"), 27);
  EXPECT_EQ(regionOf(Steps[1]).at("startLine"), 4);
  EXPECT_EQ(uriOf(Steps[1]), "drivers/of/base.c");
  EXPECT_FALSE(Steps[2].at("location").contains("message"));
}

TEST(SarifWriter, RelatedLocationsAreLinkedFromTheMessage) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Message = "leak of a[i]";
  EXPECT_EQ(result(render(In), 0).at("message").at("text"), "leak of a[i]");
  EXPECT_FALSE(result(render(In), 0).contains("relatedLocations"));

  In.Findings[0].Related = {
      step(BaseC, 3, 27, "of_node_get()"),
      step(Root + "/include/of.h", 9, 1, "see [doc]")};
  json Log = render(In);
  const json &Related = result(Log, 0).at("relatedLocations");
  ASSERT_EQ(Related.size(), 2u);
  EXPECT_EQ(Related[0].at("id"), 1);
  EXPECT_EQ(Related[1].at("id"), 2);
  EXPECT_EQ(Related[1].at("physicalLocation").at("artifactLocation").at("uri"),
            "include/of.h");
  EXPECT_EQ(Related[0].at("message").at("text"), "of_node_get()");
  // Literal brackets are escaped so that only the links read as links.
  EXPECT_EQ(result(Log, 0).at("message").at("text"),
            "leak of a\\[i\\] (see [of_node_get()](1); [see \\[doc\\]](2))");
}

TEST(SarifWriter, RelatedLocationsSayingTheSameShareOneLabel) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Message = "leak";
  In.Findings[0].Related = {step(BaseC, 7, 2, "also lost here"),
                            step(BaseC, 3, 27, "of_node_get()"),
                            step(BaseC, 9, 2, "also lost here")};
  json Log = render(In);
  EXPECT_EQ(result(Log, 0).at("relatedLocations").size(), 3u);
  EXPECT_EQ(result(Log, 0).at("message").at("text"),
            "leak (see also lost here: [line 7](1), [line 9](3); "
            "[of_node_get()](2))");
}

TEST(SarifWriter, BackslashesAreEscapedAlongWithLinks) {
  // Otherwise a label that ends in a backslash would escape the link's "]".
  SarifInput In = oneFindingInput();
  In.Findings[0].Message = "a \\ b";
  In.Findings[0].Related = {step(BaseC, 3, 27, "C:\\dir\\")};
  EXPECT_EQ(result(render(In), 0).at("message").at("text"),
            "a \\\\ b (see [C:\\\\dir\\\\](1))");
}

TEST(SarifWriter, FixesDescribeTheEdits) {
  SarifInput In = oneFindingInput();
  EXPECT_FALSE(result(render(In), 0).contains("fixes"));
  In.Findings[0].Fixes = {
      {{BaseC, 4, 2}, {BaseC, 4, 2}, "of_node_put(np);\n\t"}};
  const json Fixes = result(render(In), 0).at("fixes");
  ASSERT_EQ(Fixes.size(), 1u);
  const json &Change = Fixes[0].at("artifactChanges").at(0);
  EXPECT_EQ(Change.at("artifactLocation").at("uri"), "drivers/of/base.c");
  const json &Replacement = Change.at("replacements").at(0);
  EXPECT_EQ(Replacement.at("deletedRegion"),
            json::parse(R"({"startLine": 4, "startColumn": 2,
                            "endLine": 4, "endColumn": 2})"));
  EXPECT_EQ(Replacement.at("insertedContent").at("text"),
            "of_node_put(np);\n\t");
}

TEST(SarifWriter, AnEmptyMessageFallsBackOnTheRule) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Message.clear();
  EXPECT_EQ(result(render(In), 0).at("message").at("text"),
            "Short devlife-refcount-leak.");
}

TEST(SarifWriter, IllFormedUtf8InMessagesDoesNotBreakTheOutput) {
  SarifInput In = oneFindingInput();
  In.Findings[0].Message = "bad byte \xFF here";
  json Log = render(In);
  EXPECT_EQ(result(Log, 0).at("message").at("text"),
            "bad byte \xEF\xBF\xBD here");
}

TEST(SarifWriter, DuplicateFindingsAreWrittenOnce) {
  SarifInput In = oneFindingInput();
  In.Findings.push_back(In.Findings[0]);
  In.Findings.back().Severity = Level::Error; // same identity, other severity
  EXPECT_EQ(run0(render(In)).at("results").size(), 1u);
}

//===-- Determinism -------------------------------------------------------===//

SarifInput richInput() {
  SarifInput In;
  for (const char *Id : {"devlife-a", "devlife-b", "devlife-c"})
    In.Rules.push_back(makeRule(Id));
  In.Rules.push_back(makeRule("devlife-b")); // described twice, differently
  In.Rules.back().ShortDescription = "Another description of devlife-b.";
  const std::string Other = Root + "/drivers/of/other.c";
  for (unsigned Line = 1; Line <= 5; ++Line)
    for (const char *Id : {"devlife-a", "devlife-b", "devlife-c"}) {
      Finding F = makeFinding(Id, Line % 2 ? BaseC : Other, Line, Line);
      F.Function = "f" + std::to_string(Line);
      F.Path = {step(BaseC, 1, 1, "start")};
      In.Findings.push_back(F);
    }
  In.Findings.push_back(makeFinding("devlife-a", "/usr/include/x.h", 3, 1));
  In.Notifications = {{BaseC, Level::Error, "did not parse"},
                      {"", Level::Note, "3 files"},
                      {Other, Level::Warning, "slow"},
                      {BaseC, Level::Warning, "macro too deep"}};
  return In;
}

TEST(SarifWriter, ShuffledInputGivesIdenticalBytes) {
  SarifInput In = richInput();
  SourceReader Read = readerFor({{BaseC, BaseText}});
  const std::string Expected = renderSarif(In, defaultOptions(), Read);
  std::mt19937 Rng(12345);
  for (int Round = 0; Round < 10; ++Round) {
    SarifInput Shuffled = In;
    std::shuffle(Shuffled.Rules.begin(), Shuffled.Rules.end(), Rng);
    std::shuffle(Shuffled.Findings.begin(), Shuffled.Findings.end(), Rng);
    std::shuffle(Shuffled.Notifications.begin(),
                 Shuffled.Notifications.end(), Rng);
    EXPECT_EQ(renderSarif(Shuffled, defaultOptions(), Read), Expected)
        << "round " << Round;
  }
}

TEST(SarifWriter, TiesInTheFindingOrderDoNotDependOnInputOrder) {
  // Same identity (so operator< ties) but different evidence: one is kept,
  // and always the same one.
  SarifInput In = oneFindingInput();
  Finding A = In.Findings[0];
  A.Path = {step(BaseC, 1, 1, "one way")};
  Finding B = In.Findings[0];
  B.Path = {step(BaseC, 2, 1, "another way")};
  In.Findings = {A, B};
  std::string AB = renderSarif(In, defaultOptions(), nullptr);
  In.Findings = {B, A};
  EXPECT_EQ(renderSarif(In, defaultOptions(), nullptr), AB);
}

TEST(SarifWriter, ResultsFollowTheFindingOrder) {
  json Log = render(richInput());
  const json &Results = run0(Log).at("results");
  ASSERT_EQ(Results.size(), 16u);
  // By file first: base.c (odd lines, 9 results), other.c (6), then
  // /usr/include/x.h; within a file by line, then by rule.
  EXPECT_EQ(uriOf(Results[0].at("locations")[0]), "drivers/of/base.c");
  EXPECT_EQ(Results[0].at("ruleId"), "devlife-a");
  EXPECT_EQ(Results[1].at("ruleId"), "devlife-b");
  EXPECT_EQ(regionOf(Results[0].at("locations")[0]).at("startLine"), 1);
  EXPECT_EQ(regionOf(Results[3].at("locations")[0]).at("startLine"), 3);
  EXPECT_EQ(uriOf(Results[15].at("locations")[0]), "file:///usr/include/x.h");
}

//===-- Invocation and notifications --------------------------------------===//

TEST(SarifWriter, NotificationsAreRendered) {
  SarifInput In = richInput();
  In.ExecutionSuccessful = false;
  SarifOptions O = defaultOptions();
  O.WorkingDirectory = Root + "/build";
  json Log = render(In, O);
  const json &Inv = run0(Log).at("invocations").at(0);
  EXPECT_EQ(Inv.at("executionSuccessful"), false);
  EXPECT_EQ(Inv.at("workingDirectory").at("uri"), "file:///src/linux/build/");
  const json &Notes = Inv.at("toolExecutionNotifications");
  ASSERT_EQ(Notes.size(), 4u);
  // Sorted by file, then severity, then message; "" (no file) first.
  EXPECT_EQ(Notes[0].at("message").at("text"), "3 files");
  EXPECT_EQ(Notes[0].at("level"), "note");
  EXPECT_FALSE(Notes[0].contains("locations"));
  EXPECT_EQ(Notes[1].at("message").at("text"), "macro too deep");
  EXPECT_EQ(Notes[1].at("level"), "warning");
  EXPECT_EQ(Notes[2].at("message").at("text"), "did not parse");
  EXPECT_EQ(Notes[2].at("level"), "error");
  const json &Artifact =
      physicalOf(Notes[2].at("locations").at(0)).at("artifactLocation");
  EXPECT_EQ(Artifact.at("uri"), "drivers/of/base.c");
  EXPECT_EQ(Artifact.at("uriBaseId"), "%SRCROOT%");
  EXPECT_EQ(uriOf(Notes[3].at("locations").at(0)), "drivers/of/other.c");
}

TEST(SarifWriter, NoNotificationsNoWorkingDirectoryNoKeys) {
  const json Inv = run0(render(oneFindingInput())).at("invocations").at(0);
  EXPECT_EQ(Inv.at("executionSuccessful"), true);
  EXPECT_FALSE(Inv.contains("workingDirectory"));
  EXPECT_FALSE(Inv.contains("toolExecutionNotifications"));
}

} // namespace

namespace {

// A suppressed finding is a result like any other, with a suppression of
// kind inSource at its comment; its rule is described even if no open
// finding has it.
TEST(SarifWriter, SuppressedFindingsCarryAnInSourceSuppression) {
  SarifInput In;
  In.Rules = {makeRule("devlife-a"), makeRule("devlife-b")};
  In.Findings = {makeFinding("devlife-a", BaseC, 4, 2)};
  In.Suppressed = {{makeFinding("devlife-b", BaseC, 3, 2), {BaseC, 3, 30}}};
  json Log = render(In);
  ASSERT_EQ(run0(Log).at("results").size(), 2u);
  EXPECT_FALSE(result(Log, 0).contains("suppressions"));
  const json &S = result(Log, 1).at("suppressions");
  ASSERT_EQ(S.size(), 1u);
  EXPECT_EQ(S[0].at("kind"), "inSource");
  EXPECT_EQ(uriOf(S[0].at("location")), "drivers/of/base.c");
  EXPECT_EQ(regionOf(S[0].at("location")).at("startLine"), 3);
  EXPECT_EQ(regionOf(S[0].at("location")).at("startColumn"), 30);
  EXPECT_EQ(result(Log, 1).at("ruleId"), "devlife-b");
  EXPECT_EQ(result(Log, 1).at("ruleIndex"), 1);
}

// --keep-suppressed is for consumers other than GitHub; when its results
// would break GitHub's result limit anyway, they are the first to go.
TEST(SarifWriter, SuppressedResultsGoFirstWhenOverTheResultLimit) {
  SarifInput In;
  In.Rules = {makeRule("devlife-a")};
  In.Findings = {makeFinding("devlife-a", BaseC, 3, 2), makeFinding("devlife-a", BaseC, 4, 2)};
  In.Suppressed = {{makeFinding("devlife-a", BaseC, 1, 1), {BaseC, 1, 10}}};
  SarifOptions O = defaultOptions();
  O.Limits.MaxResults = 3;
  EXPECT_EQ(run0(render(In, O)).at("results").size(), 3u);
  O.Limits.MaxResults = 2;
  json Log = render(In, O);
  const json &Results = run0(Log).at("results");
  ASSERT_EQ(Results.size(), 2u);
  for (const json &R : Results)
    EXPECT_FALSE(R.contains("suppressions"));
  std::string Said = run0(Log).at("invocations").at(0).at("toolExecutionNotifications").dump();
  EXPECT_NE(Said.find("0 of 2 results were left out of this file (and the 1 suppressed "
                      "results asked for)"),
            std::string::npos)
      << Said;
}

TEST(SarifWriter, HelpUriIsWrittenWhenTheRuleHasOne) {
  SarifInput In;
  In.Rules = {makeRule("devlife-a")};
  EXPECT_FALSE(firstRule(render(In)).contains("helpUri"));
  In.Rules[0].HelpUri = "https://example.org/devlife/blob/main/checks/devlife-a.md";
  EXPECT_EQ(firstRule(render(In)).at("helpUri"), In.Rules[0].HelpUri);
}

TEST(SarifWriter, ANotificationAtALineHasARegion) {
  SarifInput In;
  In.Rules = {makeRule("devlife-a")};
  In.Notifications = {{BaseC, Level::Error, "unmatched", 3, 5},
                      {BaseC, Level::Warning, "whole file"}};
  json Log = render(In);
  const json &N = run0(Log).at("invocations").at(0).at("toolExecutionNotifications");
  ASSERT_EQ(N.size(), 2u);
  EXPECT_FALSE(N[0].at("locations").at(0).at("physicalLocation").contains("region"));
  EXPECT_EQ(regionOf(N[1].at("locations").at(0)).at("startLine"), 3);
  EXPECT_EQ(regionOf(N[1].at("locations").at(0)).at("startColumn"), 5);
}

} // namespace
