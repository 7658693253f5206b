//===- GitHubLimitsTest.cpp - What happens beyond GitHub's SARIF limits ---===//
//
// The limits are GitHub's (integrations/sarif/GitHubLimits.h); most tests
// lower them through SarifOptions::Limits so that a handful of findings
// cross them, one checks the real 25,000.
//
//===----------------------------------------------------------------------===//
#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/GitHubLimits.h"
#include "integrations/sarif/SarifWriter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

using namespace devlife;
using nlohmann::json;

namespace {

const std::string Root = "/src/linux";

Finding finding(const std::string &File, unsigned Line, Level L,
                const std::string &Message = "leak") {
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Severity = L;
  F.Message = Message;
  F.Where = {Root + "/" + File, Line, 1};
  return F;
}

PathStep step(unsigned Line, const std::string &Message) {
  PathStep S;
  S.Where = {Root + "/a.c", Line, 1};
  S.Message = Message;
  return S;
}

/// With the rule described, so that the only notification is ours.
SarifInput input() {
  SarifInput In;
  RuleInfo R;
  R.Id = "devlife-refcount-leak";
  R.ShortDescription = "A reference is not released.";
  In.Rules = {R};
  return In;
}

SarifOptions options(SarifLimits L = {}) {
  SarifOptions O;
  O.SourceRoot = Root;
  O.Limits = L;
  return O;
}

json render(const SarifInput &In, const SarifOptions &O, SarifStats *Stats = nullptr) {
  return json::parse(renderSarif(In, O, nullptr, Stats));
}

const json &results(const json &Log) { return Log["runs"][0]["results"]; }

std::vector<std::string> notifications(const json &Log) {
  std::vector<std::string> Out;
  const json &Inv = Log["runs"][0]["invocations"][0];
  if (Inv.contains("toolExecutionNotifications"))
    for (const json &N : Inv["toolExecutionNotifications"])
      Out.push_back(N["message"]["text"]);
  return Out;
}

/// 3 errors, 4 warnings, 3 notes, spread over files so that file order and
/// level order differ.
SarifInput mixed() {
  SarifInput In = input();
  unsigned Line = 1;
  for (Level L : {Level::Note, Level::Error, Level::Warning, Level::Note,
                  Level::Warning, Level::Error, Level::Warning, Level::Note,
                  Level::Warning, Level::Error}) {
    In.Findings.push_back(finding("f" + std::to_string(Line % 3) + ".c", Line, L));
    ++Line;
  }
  return In;
}

TEST(GitHubLimits, TheConstantsAreGitHubsDocumentedLimits) {
  EXPECT_EQ(github::MaxResultsPerRun, 25000u);
  EXPECT_EQ(github::MaxGzipBytes, 10u * 1000 * 1000);
  EXPECT_EQ(github::ThreadFlowLocationsShown, 1000u);
  EXPECT_EQ(github::MaxLocationsPerResult, 1000u);
  EXPECT_EQ(github::RelatedLocationsShown, 10u);
  SarifLimits Default;
  EXPECT_EQ(Default.MaxResults, github::MaxResultsPerRun);
  EXPECT_EQ(Default.RelatedWritten, github::MaxLocationsPerResult - 1);
}

TEST(GitHubLimits, TooManyResultsKeepTheHighestLevelsAndSaySo) {
  SarifLimits L;
  L.MaxResults = 5;
  SarifStats Stats;
  json Log = render(mixed(), options(L), &Stats);
  ASSERT_EQ(results(Log).size(), 5u);
  EXPECT_EQ(Stats.Results, 5u);
  EXPECT_EQ(Stats.LeftOut, 5u);
  std::map<std::string, int> Levels;
  for (const json &R : results(Log))
    ++Levels[R["level"]];
  EXPECT_EQ(Levels["error"], 3);
  EXPECT_EQ(Levels["warning"], 2);
  EXPECT_EQ(Levels["note"], 0);
  // Of the warnings (f0.c:3, f2.c:5, f1.c:7, f0.c:9), the first two by
  // file and line.
  std::vector<std::string> Kept;
  for (const json &R : results(Log))
    if (R["level"] == "warning")
      Kept.push_back(R["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                         .get<std::string>() +
                     ":" +
                     std::to_string(R["locations"][0]["physicalLocation"]["region"]
                                        ["startLine"]
                                            .get<unsigned>()));
  EXPECT_EQ(Kept, (std::vector<std::string>{"f0.c:3", "f0.c:9"}));
  std::vector<std::string> Notes = notifications(Log);
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_NE(Notes[0].find("5 of 10 results were left out of this file, 2 "
                          "warnings and 3 notes: GitHub code scanning rejects a "
                          "run of more than 5 results"),
            std::string::npos)
      << Notes[0];
}

TEST(GitHubLimits, WhatIsLeftOutDoesNotDependOnTheInputOrder) {
  SarifLimits L;
  L.MaxResults = 4;
  SarifInput In = mixed();
  std::string First = renderSarif(In, options(L), nullptr);
  std::mt19937 Rng(7);
  for (int I = 0; I < 5; ++I) {
    std::shuffle(In.Findings.begin(), In.Findings.end(), Rng);
    EXPECT_EQ(renderSarif(In, options(L), nullptr), First);
  }
}

TEST(GitHubLimits, UnderTheLimitsNothingIsLeftOutNorSaid) {
  SarifStats Stats;
  json Log = render(mixed(), options(), &Stats);
  EXPECT_EQ(results(Log).size(), 10u);
  EXPECT_EQ(Stats.LeftOut, 0u);
  EXPECT_TRUE(notifications(Log).empty());
}

TEST(GitHubLimits, TheReal25000ResultsPerRun) {
  SarifInput In = input();
  for (unsigned I = 0; I < github::MaxResultsPerRun; ++I)
    In.Findings.push_back(finding("n" + std::to_string(I / 1000) + ".c", I % 1000 + 1,
                                  Level::Note));
  In.Findings.push_back(finding("zzz.c", 1, Level::Error, "the one error"));
  SarifStats Stats;
  json Log = render(In, options(), &Stats);
  ASSERT_EQ(results(Log).size(), github::MaxResultsPerRun);
  EXPECT_EQ(Stats.LeftOut, 1u);
  bool ErrorKept = std::any_of(results(Log).begin(), results(Log).end(),
                               [](const json &R) { return R["level"] == "error"; });
  EXPECT_TRUE(ErrorKept) << "the note that sorts last goes, not the error";
  ASSERT_EQ(notifications(Log).size(), 1u);
  EXPECT_NE(notifications(Log)[0].find("1 of 25001 results were left out of this "
                                       "file, 1 note:"),
            std::string::npos)
      << notifications(Log)[0];
}

/// Deflate size as GitHub's gzip would see it (plus gzip's longer header).
size_t gzipSize(const std::string &Text) {
  llvm::SmallVector<uint8_t, 0> Out;
  llvm::compression::zlib::compress(llvm::arrayRefFromStringRef(Text), Out);
  return Out.size() + 12;
}

TEST(GitHubLimits, AFileTooBigCompressedDropsResultsUntilItFits) {
  ASSERT_TRUE(llvm::compression::zlib::isAvailable());
  // Messages of random words compress badly, like real ones over a tree.
  std::mt19937 Rng(42);
  const char *Words[] = {"node", "put", "leak", "probe", "remove", "device",
                         "lock", "mutex", "work", "irq", "child", "parent"};
  SarifInput In = input();
  for (unsigned I = 0; I < 300; ++I) {
    std::string Msg;
    for (int W = 0; W < 12; ++W)
      Msg += std::string(Words[Rng() % 12]) + std::to_string(Rng() % 1000) + " ";
    In.Findings.push_back(finding("d" + std::to_string(I % 17) + ".c", I + 1,
                                  I % 5 == 0 ? Level::Error : Level::Warning, Msg));
  }
  std::string Whole = renderSarif(In, options(), nullptr);
  SarifLimits L;
  L.MaxGzipBytes = gzipSize(Whole) / 3;
  SarifStats Stats;
  std::string Text = renderSarif(In, options(L), nullptr, &Stats);
  EXPECT_LE(gzipSize(Text), L.MaxGzipBytes);
  json Log = json::parse(Text);
  EXPECT_EQ(results(Log).size(), Stats.Results);
  EXPECT_GT(Stats.LeftOut, 0u);
  EXPECT_EQ(Stats.Results + Stats.LeftOut, 300u);
  // Not needlessly few: a third of the bytes keeps well over a sixth.
  EXPECT_GT(Stats.Results, 300u / 3 / 2);
  // The 60 errors come first.
  size_t Errors = 0;
  for (const json &R : results(Log))
    Errors += R["level"] == "error";
  EXPECT_EQ(Errors, std::min<size_t>(60, Stats.Results));
  ASSERT_EQ(notifications(Log).size(), 1u);
  EXPECT_NE(notifications(Log)[0].find(std::to_string(Stats.LeftOut) + " of 300 results"),
            std::string::npos);
}

TEST(GitHubLimits, ALongCodeFlowKeepsItsStartAndItsEnd) {
  SarifInput In;
  Finding F = finding("a.c", 5000, Level::Warning);
  for (unsigned I = 1; I <= 2500; ++I)
    F.Path.push_back(step(I, "step " + std::to_string(I)));
  In.Findings = {F};
  json Log = render(In, options());
  const json &Locs = results(Log)[0]["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(Locs.size(), github::ThreadFlowLocationsShown);
  EXPECT_EQ(Locs[0]["location"]["message"]["text"], "step 1");
  EXPECT_EQ(Locs[499]["location"]["message"]["text"], "step 500");
  EXPECT_EQ(Locs[500]["location"]["message"]["text"], "(1500 steps left out) step 2001");
  EXPECT_EQ(Locs[999]["location"]["message"]["text"], "step 2500");
}

TEST(GitHubLimits, SeveralCodeFlowsShareTheLocationsShown) {
  SarifInput In;
  Finding F = finding("a.c", 1, Level::Warning);
  for (unsigned I = 1; I <= 800; ++I)
    F.Path.push_back(step(I, "a" + std::to_string(I)));
  F.OtherFlows.emplace_back();
  for (unsigned I = 1; I <= 800; ++I)
    F.OtherFlows[0].push_back(step(I, "b" + std::to_string(I)));
  In.Findings = {F};
  json Log = render(In, options());
  const json &Flows = results(Log)[0]["codeFlows"];
  ASSERT_EQ(Flows.size(), 2u);
  size_t Total = 0;
  for (const json &Flow : Flows) {
    const json &Locs = Flow["threadFlows"][0]["locations"];
    Total += Locs.size();
    EXPECT_EQ(Locs.size(), 500u);
  }
  EXPECT_EQ(Total, github::ThreadFlowLocationsShown);
  EXPECT_EQ(Flows[1]["threadFlows"][0]["locations"][499]["location"]["message"]["text"],
            "b800");
  // A short flow is written whole.
  F.Path.resize(3);
  F.OtherFlows.clear();
  In.Findings = {F};
  EXPECT_EQ(render(In, options())["runs"][0]["results"][0]["codeFlows"][0]
                ["threadFlows"][0]["locations"].size(),
            3u);
}

TEST(GitHubLimits, RelatedLocationsBeyondThoseShownAreCountedInTheMessage) {
  SarifInput In;
  Finding F = finding("a.c", 1, Level::Warning, "leak");
  for (unsigned I = 1; I <= 15; ++I)
    F.Related.push_back(step(100 + I, "also lost here"));
  In.Findings = {F};
  json Log = render(In, options());
  const json &R = results(Log)[0];
  EXPECT_EQ(R["relatedLocations"].size(), 15u) << "all written, for other viewers";
  std::string Msg = R["message"]["text"];
  EXPECT_NE(Msg.find("[line 110](10); and 5 more related locations)"), std::string::npos)
      << Msg;
  EXPECT_EQ(Msg.find("](11)"), std::string::npos) << Msg;

  // Beyond the locations a result may have, the rest are not written.
  for (unsigned I = 16; I <= 1200; ++I)
    F.Related.push_back(step(100 + I, "also lost here"));
  In.Findings = {F};
  json Big = render(In, options());
  EXPECT_EQ(results(Big)[0]["relatedLocations"].size(),
            github::MaxLocationsPerResult - 1);
  EXPECT_NE(results(Big)[0]["message"]["text"].get<std::string>().find(
                "and 1190 more related locations"),
            std::string::npos);
}

TEST(GitHubLimits, OneRunPerLogAndTheCategoryIsItsAutomationId) {
  SarifOptions O = options();
  O.AutomationId = "devlife-kernel";
  json Log = render(mixed(), O);
  ASSERT_EQ(Log["runs"].size(), 1u);
  EXPECT_EQ(Log["runs"][0]["automationDetails"]["id"], "devlife-kernel/");
}

TEST(GitHubLimits, EveryResultCarriesDevlifesFingerprintBesideGitHubs) {
  json Log = render(mixed(), options());
  FindingHasher H(Root, nullptr);
  for (const json &R : results(Log)) {
    const json &P = R["partialFingerprints"];
    EXPECT_TRUE(P.contains("primaryLocationLineHash"));
    EXPECT_TRUE(P.contains(FindingHashKey));
  }
}

} // namespace
