//===- RefcountOracleTest.cpp - devlife's refcount verdicts vs. every path ===//
//
// A property test: random small driver functions (tests/oracle/DriverGen.h)
// go through devlife's refcount rules as the audit runs them (analyzeTU over
// a file against the corpus headers), and each function's findings must be
// exactly what following every path says (tests/oracle/PathOracle.h): the
// same acquisitions leaked, lost at the same lines, the same over-put lines.
//
// Seeded and reproducible. DEVLIFE_ORACLE_FUNCTIONS (default 2000) sets how
// many functions, DEVLIFE_ORACLE_SEED (default 1) the first seed; a mismatch
// prints the function, its seed and both verdicts, so
//   DEVLIFE_ORACLE_SEED=<seed> DEVLIFE_ORACLE_FUNCTIONS=1 build/tests/devlife_oracle_tests
// runs that one function again.
//
//===----------------------------------------------------------------------===//
#include "core/Rule.h"
#include "core/TUAnalysis.h"
#include "matchers/ApiModel.h"
#include "tests/TestSupport.h"
#include "tests/oracle/DriverGen.h"
#include "tests/oracle/PathOracle.h"

#include "llvm/Support/FileSystem.h"
#include <gtest/gtest.h>
#include <sstream>

namespace devlife::oracle {
namespace {

/// Functions per translation unit: parsing the headers once for many
/// functions is what keeps the test fast.
constexpr uint64_t Batch = 250;

AnalysisOptions refcountRules() {
  AnalysisOptions Opts;
  auto Model = ApiModel::builtin();
  EXPECT_TRUE(bool(Model)) << llvm::toString(Model.takeError());
  Opts.Model = std::make_shared<const ApiModel>(std::move(*Model));
  for (const char *Id : {"devlife-refcount-leak", "devlife-refcount-overput"})
    Opts.Rules.push_back(findRule(Id));
  return Opts;
}

/// What devlife said about each function, in the oracle's terms.
std::map<std::string, Verdict> devlifeVerdicts(const TUFacts &Facts) {
  std::map<std::string, Verdict> Out;
  for (const Finding &F : Facts.Findings) {
    Verdict &V = Out[F.Function];
    std::set<unsigned> Lines{F.Where.Line};
    for (const PathStep &R : F.Related)
      Lines.insert(R.Where.Line);
    if (F.RuleId == "devlife-refcount-leak") {
      unsigned Acquired = F.Path.empty() ? 0 : F.Path.front().Where.Line;
      V.Leaks[Acquired].insert(Lines.begin(), Lines.end());
    } else {
      V.Overputs.insert(Lines.begin(), Lines.end());
    }
  }
  return Out;
}

std::string describe(const Verdict &V) {
  std::ostringstream OS;
  for (const auto &[Acq, Lost] : V.Leaks) {
    OS << "  leak of the reference acquired at line " << Acq << ", lost at";
    for (unsigned L : Lost)
      OS << " " << L;
    OS << "\n";
  }
  if (!V.Overputs.empty()) {
    OS << "  over-put at";
    for (unsigned L : V.Overputs)
      OS << " " << L;
    OS << "\n";
  }
  if (V.Leaks.empty() && V.Overputs.empty())
    OS << "  nothing\n";
  return OS.str();
}

struct Tally {
  uint64_t Functions = 0, Mismatches = 0, Leaky = 0, Overputting = 0,
           Silent = 0;
  size_t States = 0;
};

/// Generates, analyses and compares one batch of functions.
void checkBatch(uint64_t FirstSeed, uint64_t Count, const std::string &Dir,
                const AnalysisOptions &Opts, Tally &T) {
  std::vector<Function> Fns;
  for (uint64_t Seed = FirstSeed; Seed < FirstSeed + Count; ++Seed)
    Fns.push_back(generateFunction(Seed));
  std::string TU = renderTU(Fns);
  std::string File = Dir + "/oracle-" + std::to_string(FirstSeed) + ".c";
  test::writeFile(File, TU);
  CompileJob Job{Dir, File,
                 {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                  DEVLIFE_CORPUS_DIR "/include", "-D__KERNEL__", "-c", File}};
  TUFacts Facts = analyzeTU(Job, Opts);
  ASSERT_EQ(Facts.ErrorCount, 0u)
      << "generated code does not compile (" << File << "):\n"
      << llvm::join(Facts.Problems, "\n");
  EXPECT_EQ(Facts.FunctionsGivenUp, 0u) << File;
  std::map<std::string, Verdict> Found = devlifeVerdicts(Facts);
  for (const Function &F : Fns) {
    Verdict Expected = explorePaths(F);
    const Verdict &Got = Found[F.Name];
    ++T.Functions;
    T.States += Expected.States;
    T.Leaky += !Expected.Leaks.empty();
    T.Overputting += !Expected.Overputs.empty();
    T.Silent += Expected.Leaks.empty() && Expected.Overputs.empty();
    if (Got == Expected)
      continue;
    if (++T.Mismatches <= 20)
      ADD_FAILURE() << "seed " << F.Seed << ": devlife and the path oracle "
                    << "disagree\n"
                    << functionText(TU, F) << "every path says:\n"
                    << describe(Expected) << "devlife says:\n"
                    << describe(Got);
  }
  llvm::sys::fs::remove(File);
}

TEST(RefcountOracle, DevlifeAgreesWithEveryPathOnGeneratedFunctions) {
  uint64_t Count = test::envNumber("DEVLIFE_ORACLE_FUNCTIONS", 2000);
  uint64_t First = test::envNumber("DEVLIFE_ORACLE_SEED", 1);
  AnalysisOptions Opts = refcountRules();
  std::string Dir = test::makeTempDir("devlife-oracle");
  Tally T;
  for (uint64_t Seed = First; Seed < First + Count; Seed += Batch)
    checkBatch(Seed, std::min(Batch, First + Count - Seed), Dir, Opts, T);
  llvm::sys::fs::remove_directories(Dir);
  EXPECT_EQ(T.Mismatches, 0u) << "of " << T.Functions << " functions";
  std::cout << "[ oracle   ] " << T.Functions << " functions (seeds " << First
            << ".." << First + Count - 1 << "): " << T.Leaky << " leak, "
            << T.Overputting << " over-put, " << T.Silent << " silent; "
            << T.States << " path states; " << T.Mismatches
            << " disagreements\n";
}

/// The property above is only as good as the functions: a generator that
/// drifted into making only trivial ones would pass it vacuously.
TEST(RefcountOracle, GeneratedFunctionsCoverEveryVerdict) {
  Tally T;
  for (uint64_t Seed = 1; Seed <= 500; ++Seed) {
    std::vector<Function> One{generateFunction(Seed)};
    renderTU(One);
    Verdict V = explorePaths(One[0]);
    T.Leaky += !V.Leaks.empty();
    T.Overputting += !V.Overputs.empty();
    T.Silent += V.Leaks.empty() && V.Overputs.empty();
  }
  EXPECT_GE(T.Leaky, 50u);
  EXPECT_GE(T.Overputting, 25u);
  EXPECT_GE(T.Silent, 50u);
}

} // namespace
} // namespace devlife::oracle
