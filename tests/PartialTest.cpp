//===- PartialTest.cpp - Shards and the coverage merge checks -------------===//
#include "integrations/audit/Partial.h"

#include "llvm/Support/Error.h"
#include <gtest/gtest.h>
#include <set>

namespace devlife {
namespace {

TEST(PartialTest, ShardsCoverEveryJobOnceAndDifferByOneAtMost) {
  for (size_t Jobs : {0u, 1u, 7u, 62u, 1652u})
    for (unsigned N : {1u, 2u, 3u, 8u}) {
      std::multiset<size_t> All;
      size_t Min = SIZE_MAX, Max = 0;
      for (unsigned K = 1; K <= N; ++K) {
        std::vector<size_t> Part = shardIndices(Jobs, K, N);
        All.insert(Part.begin(), Part.end());
        Min = std::min(Min, Part.size());
        Max = std::max(Max, Part.size());
      }
      EXPECT_EQ(All.size(), Jobs);
      EXPECT_EQ(std::set<size_t>(All.begin(), All.end()).size(), Jobs);
      EXPECT_LE(Max - Min, 1u);
    }
}

TEST(PartialTest, ShardSyntax) {
  auto KN = parseShard("2/5");
  ASSERT_TRUE(bool(KN));
  EXPECT_EQ(*KN, std::make_pair(2u, 5u));
  for (const char *Bad : {"0/3", "4/3", "3", "a/b", "1/0", ""}) {
    auto R = parseShard(Bad);
    EXPECT_FALSE(bool(R)) << Bad;
    llvm::consumeError(R.takeError());
  }
}

Partial shard(unsigned K, unsigned N, std::vector<std::string> Files) {
  Partial P;
  P.Run.Version = "1";
  P.Run.Checks = {"devlife-refcount-leak"};
  P.Coverage.What = PartialCoverage::Shard;
  P.Coverage.Index = K;
  P.Coverage.Count = N;
  P.Coverage.SelectionDigest = "d";
  P.Coverage.SelectionSize = 3;
  for (const std::string &F : Files)
    P.TUs.push_back({{"/", F, {"cc", F}}, {F, true, {}, ""}});
  return P;
}

std::string errorOf(llvm::Expected<Partial> P) {
  if (P)
    return "";
  return llvm::toString(P.takeError());
}

TEST(PartialTest, CombineChecksCoverageAndSortsByFile) {
  auto All = combinePartials({shard(2, 2, {"/b.c"}), shard(1, 2, {"/a.c", "/c.c"})},
                             {"two", "one"});
  ASSERT_TRUE(bool(All)) << llvm::toString(All.takeError());
  ASSERT_EQ(All->TUs.size(), 3u);
  EXPECT_EQ(All->TUs[0].Job.File, "/a.c");
  EXPECT_EQ(All->TUs[1].Job.File, "/b.c");
  EXPECT_EQ(All->TUs[2].Job.File, "/c.c");

  EXPECT_NE(errorOf(combinePartials({shard(1, 2, {"/a.c", "/c.c"})}, {"one"}))
                .find("shard(s) 2/2 missing"),
            std::string::npos);
  Partial Small = shard(2, 2, {});
  EXPECT_NE(errorOf(combinePartials({shard(1, 2, {"/a.c", "/c.c"}), Small}, {"x", "y"}))
                .find("hold 2 translation units"),
            std::string::npos);
  Partial Other = shard(2, 2, {"/b.c"});
  Other.Coverage.SelectionDigest = "e";
  EXPECT_NE(errorOf(combinePartials({shard(1, 2, {"/a.c", "/c.c"}), Other}, {"x", "y"}))
                .find("y does not belong with x"),
            std::string::npos);

  Partial F1 = shard(0, 0, {"/a.c"}), F2 = shard(0, 0, {"/a.c"});
  F1.Coverage = F2.Coverage = PartialCoverage();
  EXPECT_TRUE(bool(combinePartials({F1}, {"f1"})));
  EXPECT_NE(errorOf(combinePartials({F1, F2}, {"f1", "f2"})).find("/a.c is in two partials"),
            std::string::npos);
  EXPECT_NE(errorOf(combinePartials({}, {})).find("no partial"), std::string::npos);
}

} // namespace
} // namespace devlife
