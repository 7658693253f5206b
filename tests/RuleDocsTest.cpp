//===- RuleDocsTest.cpp - The rule pages as users meet them ---------------===//
#include "core/Rule.h"
#include "tests/TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace devlife::test {
namespace {

std::string pageFile(const std::string &Id) {
  return readFile(DEVLIFE_SOURCE_DIR "/checks/" + Id + ".md");
}

TEST(RuleDocs, ExplainPrintsTheRulePage) {
  for (const RuleEntry &R : allRules()) {
    CommandResult E = run({DEVLIFE_BIN, "explain", R.Info.Id});
    EXPECT_EQ(E.Rc, 0) << E.Err;
    EXPECT_EQ(E.Out, pageFile(R.Info.Id)) << R.Info.Id;
  }
}

TEST(RuleDocs, ExplainOfAnUnknownRuleListsTheRules) {
  CommandResult E = run({DEVLIFE_BIN, "explain", "devlife-refcount-lek"});
  EXPECT_EQ(E.Rc, 2);
  EXPECT_EQ(E.Out, "");
  EXPECT_NE(E.Err.find("devlife: error: no rule 'devlife-refcount-lek'; the rules are:"),
            std::string::npos)
      << E.Err;
  for (const RuleEntry &R : allRules())
    EXPECT_NE(E.Err.find("  " + R.Info.Id + "\n"), std::string::npos) << R.Info.Id;
  EXPECT_EQ(run({DEVLIFE_BIN, "explain"}).Rc, 2);
}

// One name everywhere: the plugin's checks are the rules, each with a page.
TEST(RuleDocs, ClangTidyListsTheSameChecksAsDevlife) {
  CommandResult T = run({DEVLIFE_CLANG_TIDY, "--load=" DEVLIFE_TIDY_MODULE,
                         "--checks=-*,devlife-*", "--list-checks"});
  ASSERT_EQ(T.Rc, 0) << T.Err;
  std::vector<std::string> Listed;
  std::istringstream In(T.Out);
  for (std::string Line; std::getline(In, Line);)
    if (Line.rfind("    devlife-", 0) == 0)
      Listed.push_back(Line.substr(4));
  std::vector<std::string> Rules;
  for (const RuleEntry &R : allRules())
    Rules.push_back(R.Info.Id);
  EXPECT_EQ(Listed, Rules);
  CommandResult L = run({DEVLIFE_BIN, "list-checks"});
  for (const RuleEntry &R : allRules())
    EXPECT_NE(L.Out.find(R.Info.Id + "\t" + R.Info.ShortDescription + "\n"),
              std::string::npos);
}

TEST(RuleDocs, SarifHelpIsThePage) {
  std::string Dir = makeTempDir("devlife-rule-docs");
  CommandResult A = run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                         DEVLIFE_CORPUS_DIR "/devlife-refcount-leak/of_find_nodes.c",
                         "--quiet", "--sarif", Dir + "/out.sarif"});
  ASSERT_EQ(A.Rc, 0) << A.Err;
  nlohmann::json S = nlohmann::json::parse(readFile(Dir + "/out.sarif"));
  const nlohmann::json &Rules = S["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(Rules.size(), allRules().size());
  for (const nlohmann::json &R : Rules) {
    std::string Id = R["id"];
    EXPECT_EQ(R["help"]["markdown"], pageFile(Id)) << Id;
    EXPECT_NE(R["help"]["text"].get<std::string>().find("How to suppress"),
              std::string::npos);
    EXPECT_EQ(R["helpUri"], DEVLIFE_HOMEPAGE "/blob/main/checks/" + Id + ".md");
    std::string Short = R["shortDescription"]["text"];
    EXPECT_NE(pageFile(Id).find(Short.substr(0, 25)), std::string::npos) << Id;
  }
}

} // namespace
} // namespace devlife::test
