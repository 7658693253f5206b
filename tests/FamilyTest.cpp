//===- FamilyTest.cpp - Malformed facts in the global phase ---------------===//
//
// Facts come from other processes and machines. One TU whose section a
// family cannot read (found by the tu_facts fuzzer: a devm fact without a
// key threw out of the global phase and ended the audit) is named and left
// out; the other TUs' whole-program results are what they would be alone.
//
//===----------------------------------------------------------------------===//
#include "core/Family.h"
#include "core/Rule.h"
#include "matchers/ApiModel.h"
#include "tests/TestSupport.h"

#include <gtest/gtest.h>

namespace devlife {
namespace {

TUFacts factsOf(const std::string &Seed) {
  std::string Text = test::readFile(DEVLIFE_SOURCE_DIR "/tests/fuzz/tu_facts/seeds/" + Seed);
  EXPECT_FALSE(Text.empty()) << Seed;
  return nlohmann::json::parse(Text).get<TUFacts>();
}

GlobalInput inputOf(const std::vector<const TUFacts *> &TUs, const ApiModel &M) {
  GlobalInput In;
  In.TUs = TUs;
  In.Model = &M;
  for (const RuleEntry &R : allRules())
    In.Rules.insert(R.Info.Id);
  return In;
}

TEST(Family, UnreadableFactsAreNamedAndLeaveTheOthersIntact) {
  auto Model = ApiModel::builtin();
  ASSERT_TRUE(bool(Model));
  TUFacts Bad = factsOf("regression-devm-fact-missing-key.json");
  std::vector<TUFacts> Good;
  for (const char *Seed : {"worker-facts-1.json", "worker-facts-2.json",
                           "worker-facts-3.json", "worker-facts-4.json"})
    Good.push_back(factsOf(Seed));
  std::vector<const TUFacts *> GoodOnly, WithBad{&Bad};
  for (const TUFacts &G : Good) {
    GoodOnly.push_back(&G);
    WithBad.push_back(&G);
  }
  bool Named = false, RawThrows = false;
  for (const Family *F : allFamilies()) {
    try {
      F->report(inputOf(WithBad, *Model));
    } catch (const std::exception &) {
      RawThrows = true; // what the audit did before: end there
    }
    std::vector<UnreadableFacts> None, Unreadable;
    std::vector<Finding> Alone = reportReadable(*F, inputOf(GoodOnly, *Model), None);
    EXPECT_TRUE(None.empty()) << F->name().str();
    std::vector<Finding> Mixed = reportReadable(*F, inputOf(WithBad, *Model), Unreadable);
    EXPECT_EQ(Mixed.size(), Alone.size()) << F->name().str();
    Refinement R = refineReadable(*F, inputOf(WithBad, *Model), Unreadable);
    for (size_t I : R.Reanalyse)
      EXPECT_NE(WithBad[I], &Bad) << F->name().str();
    for (const UnreadableFacts &U : Unreadable) {
      EXPECT_EQ(U.File, Bad.File) << U.Message;
      EXPECT_NE(U.Message.find("facts are malformed"), std::string::npos) << U.Message;
      Named = true;
    }
  }
  EXPECT_TRUE(RawThrows) << "the regression input no longer breaks a family";
  EXPECT_TRUE(Named) << "no family named the malformed facts";
}

} // namespace
} // namespace devlife
