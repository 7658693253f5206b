//===- FindingJsonTest.cpp - Finding's order, identity and JSON form ------===//
#include "core/Finding.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

using namespace devlife;

namespace {

/// One path step. (A function rather than nested braces: GCC 12 at -O3
/// warns, wrongly, that brace-built PathSteps may be used uninitialised.)
PathStep step(const std::string &File, unsigned Line, unsigned Column,
              const std::string &Message) {
  PathStep S;
  S.Where = {File, Line, Column};
  S.Message = Message;
  return S;
}

Finding fullFinding() {
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Severity = Level::Error;
  F.Message = "reference to 'np' leaks";
  F.Where = {"/src/drivers/of/base.c", 42, 7};
  F.Function = "of_probe";
  F.Path = {step("/src/drivers/of/base.c", 40, 3, "acquired here"),
            step("/src/drivers/of/base.c", 41, 5, "taking the true branch")};
  F.Related = {step("/src/include/linux/of.h", 120, 1, "declared here")};
  F.Fixes = {{{"/src/drivers/of/base.c", 42, 7},
              {"/src/drivers/of/base.c", 42, 7},
              "of_node_put(np);\n"},
             {{"/src/drivers/of/base.c", 43, 1},
              {"/src/drivers/of/base.c", 43, 9},
              ""}};
  return F;
}

void expectSamePoint(const SourcePoint &A, const SourcePoint &B) {
  EXPECT_EQ(A.File, B.File);
  EXPECT_EQ(A.Line, B.Line);
  EXPECT_EQ(A.Column, B.Column);
}

void expectSameSteps(const std::vector<PathStep> &A,
                     const std::vector<PathStep> &B) {
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I < A.size(); ++I) {
    expectSamePoint(A[I].Where, B[I].Where);
    EXPECT_EQ(A[I].Message, B[I].Message);
  }
}

void expectSameFields(const Finding &A, const Finding &B) {
  EXPECT_EQ(A.RuleId, B.RuleId);
  EXPECT_EQ(A.Severity, B.Severity);
  EXPECT_EQ(A.Message, B.Message);
  expectSamePoint(A.Where, B.Where);
  EXPECT_EQ(A.Function, B.Function);
  expectSameSteps(A.Path, B.Path);
  expectSameSteps(A.Related, B.Related);
  ASSERT_EQ(A.Fixes.size(), B.Fixes.size());
  for (size_t I = 0; I < A.Fixes.size(); ++I) {
    expectSamePoint(A.Fixes[I].Begin, B.Fixes[I].Begin);
    expectSamePoint(A.Fixes[I].End, B.Fixes[I].End);
    EXPECT_EQ(A.Fixes[I].Replacement, B.Fixes[I].Replacement);
  }
}

TEST(Level, NamesRoundTrip) {
  EXPECT_STREQ(levelName(Level::Note), "note");
  EXPECT_STREQ(levelName(Level::Warning), "warning");
  EXPECT_STREQ(levelName(Level::Error), "error");
  for (Level L : {Level::Note, Level::Warning, Level::Error})
    EXPECT_EQ(parseLevel(levelName(L)), L);
  EXPECT_FALSE(parseLevel("fatal").has_value());
  EXPECT_FALSE(parseLevel("Warning").has_value()); // names are lower case
  EXPECT_FALSE(parseLevel("").has_value());
}

TEST(FindingJson, RoundTripsEveryField) {
  Finding In = fullFinding();
  nlohmann::json J = In;
  Finding Out = J.get<Finding>();
  expectSameFields(In, Out);
  // And through text, as workers hand findings over.
  Finding FromText = nlohmann::json::parse(J.dump()).get<Finding>();
  expectSameFields(In, FromText);
}

TEST(FindingJson, RoundTripsEachLevel) {
  for (Level L : {Level::Note, Level::Warning, Level::Error}) {
    Finding F = fullFinding();
    F.Severity = L;
    EXPECT_EQ(nlohmann::json(F).get<Finding>().Severity, L);
  }
}

TEST(FindingJson, WritesTheDocumentedKeys) {
  nlohmann::json J = fullFinding();
  EXPECT_EQ(J.at("ruleId"), "devlife-refcount-leak");
  EXPECT_EQ(J.at("level"), "error");
  EXPECT_EQ(J.at("where").at("file"), "/src/drivers/of/base.c");
  EXPECT_EQ(J.at("where").at("line"), 42);
  EXPECT_EQ(J.at("where").at("column"), 7);
  EXPECT_EQ(J.at("function"), "of_probe");
  EXPECT_EQ(J.at("path").size(), 2u);
  EXPECT_EQ(J.at("path")[1].at("message"), "taking the true branch");
  EXPECT_EQ(J.at("related")[0].at("where").at("line"), 120);
  EXPECT_EQ(J.at("fixes")[0].at("replacement"), "of_node_put(np);\n");
  EXPECT_EQ(J.at("fixes")[1].at("end").at("column"), 9);
}

TEST(FindingJson, OptionalPartsMayBeAbsent) {
  nlohmann::json J = {{"ruleId", "r"},
                      {"message", "m"},
                      {"where", {{"file", "/a.c"}, {"line", 3}}}};
  Finding F = J.get<Finding>();
  EXPECT_EQ(F.Severity, Level::Warning);
  EXPECT_EQ(F.Where.Line, 3u);
  EXPECT_EQ(F.Where.Column, 0u);
  EXPECT_TRUE(F.Function.empty());
  EXPECT_TRUE(F.Path.empty());
  EXPECT_TRUE(F.Related.empty());
  EXPECT_TRUE(F.Fixes.empty());
}

TEST(FindingJson, RejectsAnUnknownLevel) {
  nlohmann::json J = fullFinding();
  J["level"] = "fatal";
  // A json error, which every reader of facts catches and reports.
  EXPECT_THROW(J.get<Finding>(), nlohmann::json::exception);
}

TEST(FindingJson, RejectsAMissingRuleId) {
  nlohmann::json J = fullFinding();
  J.erase("ruleId");
  EXPECT_THROW(J.get<Finding>(), nlohmann::json::exception);
}

TEST(SourcePointOrder, FileThenLineThenColumn) {
  SourcePoint A{"/a.c", 9, 9}, B{"/b.c", 1, 1};
  EXPECT_TRUE(A < B);
  EXPECT_FALSE(B < A);
  EXPECT_TRUE((SourcePoint{"/a.c", 1, 9} < SourcePoint{"/a.c", 2, 1}));
  EXPECT_TRUE((SourcePoint{"/a.c", 2, 1} < SourcePoint{"/a.c", 2, 3}));
  EXPECT_TRUE((SourcePoint{"/a.c", 2, 3} == SourcePoint{"/a.c", 2, 3}));
  EXPECT_FALSE((SourcePoint{"/a.c", 2, 3} == SourcePoint{"/a.c", 2, 4}));
  EXPECT_FALSE((SourcePoint{"/a.c", 2, 3} < SourcePoint{"/a.c", 2, 3}));
}

TEST(FindingOrder, ComparesFileLineColumnRuleMessageFunctionInTurn) {
  Finding Base = fullFinding();
  // Each variant differs from Base in one key only and must sort after it;
  // an earlier key must win over every later one.
  auto After = [&](auto Change) {
    Finding F = Base;
    Change(F);
    return F;
  };
  std::vector<Finding> Later = {
      After([](Finding &F) { F.Where.File = "/src/drivers/of/zz.c"; }),
      After([](Finding &F) { F.Where.Line = 43; }),
      After([](Finding &F) { F.Where.Column = 8; }),
      After([](Finding &F) { F.RuleId = "devlife-z"; }),
      After([](Finding &F) { F.Message = "zzz"; }),
      After([](Finding &F) { F.Function = "zz_probe"; }),
  };
  for (size_t I = 0; I < Later.size(); ++I) {
    EXPECT_TRUE(Base < Later[I]) << "key " << I;
    EXPECT_FALSE(Later[I] < Base) << "key " << I;
  }
  // File outranks line: a later line in an earlier file still sorts first.
  Finding EarlierFileLaterLine = Base;
  EarlierFileLaterLine.Where.Line = 1000;
  EXPECT_TRUE(EarlierFileLaterLine < Later[0]);
  // Rule outranks message.
  Finding EarlierRuleLaterMessage = Base;
  EarlierRuleLaterMessage.Message = "zzzz";
  EXPECT_TRUE(EarlierRuleLaterMessage < Later[3]);
}

TEST(FindingIdentity, IgnoresSeverityAndEvidenceOnly) {
  Finding A = fullFinding();
  Finding B = A;
  B.Severity = Level::Note;
  B.Path.clear();
  B.Related.clear();
  B.Fixes.clear();
  EXPECT_TRUE(sameFinding(A, B));
  EXPECT_FALSE(A < B);
  EXPECT_FALSE(B < A);
  B.Function = "other";
  EXPECT_FALSE(sameFinding(A, B));
  Finding C = A;
  C.Message += "!";
  EXPECT_FALSE(sameFinding(A, C));
}

} // namespace
