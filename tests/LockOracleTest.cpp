//===- LockOracleTest.cpp - devlife's lock verdicts vs. every path --------===//
//
// A property test: random small lock programs (tests/oracle/LockGen.h) go
// through devlife's lock rules as the audit runs them (analyzeTU over
// files against the corpus headers, then the lock family's global step over
// their facts; every other batch puts each program's work function in one
// file and its callers in another), and each program's findings must be exactly what following
// every path says (tests/oracle/LockOracle.h): the same locks held across a
// barrier at the same lines, the same inversions and cycles.
//
// Seeded and reproducible. DEVLIFE_LOCK_ORACLE_PROGRAMS (default 2500, so
// 10,000 generated functions) sets how many programs, DEVLIFE_ORACLE_SEED
// (default 1) the first seed; a mismatch prints the program, its seed and
// both verdicts, so
//   DEVLIFE_ORACLE_SEED=<seed> DEVLIFE_LOCK_ORACLE_PROGRAMS=1 [DEVLIFE_LOCK_ORACLE_SPLIT=1]
//     build/tests/devlife_oracle_tests --gtest_filter='LockOracle.*'
// runs that one program again.
//
//===----------------------------------------------------------------------===//
#include "checks/LockFamily.h"
#include "core/Family.h"
#include "core/Rule.h"
#include "core/TUAnalysis.h"
#include "matchers/ApiModel.h"
#include "tests/TestSupport.h"
#include "tests/oracle/LockGen.h"
#include "tests/oracle/LockOracle.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Regex.h"
#include <gtest/gtest.h>
#include <sstream>

namespace devlife::oracle {
namespace {

constexpr const char *AcrossRule = "devlife-lock-across-barrier";
constexpr const char *OrderRule = "devlife-lock-order-inversion";

/// Programs per translation unit: the headers are parsed once for them all.
constexpr uint64_t Batch = 100;

AnalysisOptions lockRules() {
  AnalysisOptions Opts;
  auto Model = ApiModel::builtin();
  EXPECT_TRUE(bool(Model)) << llvm::toString(Model.takeError());
  Opts.Model = std::make_shared<const ApiModel>(std::move(*Model));
  for (const char *Id : {AcrossRule, OrderRule})
    Opts.Rules.push_back(findRule(Id));
  return Opts;
}

/// The locks a message names, in its order: "ctx->lb" -> 1.
std::vector<int> locksNamed(llvm::StringRef Message) {
  std::vector<int> Out;
  for (size_t At = Message.find("ctx->l"); At != llvm::StringRef::npos;
       At = Message.find("ctx->l", At + 1))
    if (At + 6 < Message.size())
      Out.push_back(Message[At + 6] - 'a');
  return Out;
}

/// What devlife said about each program (by its prefix), in oracle terms.
/// Every barrier is in the callers' file.
std::map<std::string, LockVerdict> devlifeVerdicts(const std::vector<Finding> &Fs,
                                                   const std::string &Callers) {
  std::map<std::string, LockVerdict> Out;
  for (const Finding &F : Fs) {
    llvm::StringRef Fn = F.Function;
    std::string Prefix = Fn.substr(0, Fn.find('_', 3)).str(); // "lo_<seed>"
    LockVerdict &V = Out[Prefix];
    std::vector<int> Locks = locksNamed(F.Message);
    if (F.RuleId == AcrossRule && !Locks.empty() && F.Where.File == Callers) {
      V.HeldAcross.insert({F.Where.Line, Locks.front()});
    } else if (F.RuleId == OrderRule) {
      // An inversion names the held lock and then the taken one; a cycle
      // names its ring and closes it with the first lock again.
      if (llvm::StringRef(F.Message).contains("cycle") && Locks.size() > 1)
        Locks.pop_back();
      std::string Ring;
      for (int L : Locks)
        Ring += char('a' + L);
      if (Ring.size() == 2 && Ring[0] > Ring[1])
        std::swap(Ring[0], Ring[1]);
      V.Orders.insert(Ring);
    } else {
      V.Orders.insert("unparsed: " + F.Message);
    }
  }
  return Out;
}

std::string describe(const LockVerdict &V) {
  std::ostringstream OS;
  for (const auto &[Line, Lock] : V.HeldAcross)
    OS << "  '" << lockText(Lock) << "' held across the barrier at line " << Line
       << "\n";
  for (const std::string &R : V.Orders)
    OS << "  lock order " << (R.size() == 2 ? "inversion " : "cycle ") << R << "\n";
  if (V.HeldAcross.empty() && V.Orders.empty())
    OS << "  nothing\n";
  return OS.str();
}

struct Tally {
  uint64_t Programs = 0, Functions = 0, Mismatches = 0, Across = 0,
           Inverted = 0, Silent = 0;
  size_t Sites = 0, States = 0;

  void count(const LockVerdict &V, const LockProgram &P) {
    ++Programs;
    Functions += P.Fns.size();
    Sites += V.Sites;
    States += V.States;
    Across += !V.HeldAcross.empty();
    Inverted += !V.Orders.empty();
    Silent += V.HeldAcross.empty() && V.Orders.empty();
  }
};

GlobalInput inputOf(const std::vector<TUFacts> &Facts, const AnalysisOptions &Opts) {
  GlobalInput In;
  for (const TUFacts &F : Facts)
    In.TUs.push_back(&F);
  In.Model = Opts.Model.get();
  In.Rules = {AcrossRule, OrderRule};
  return In;
}

/// Every job, then the audit's global rounds: the lock family learns what
/// each file's helpers return with, and the TUs that call them are
/// analysed again with it until nothing changes. Opts ends with the last
/// model.
void analyseLikeTheAudit(const std::vector<CompileJob> &Jobs,
                         AnalysisOptions &Opts, std::vector<TUFacts> &Facts) {
  for (const CompileJob &J : Jobs)
    Facts.push_back(analyzeTU(J, Opts));
  for (int Round = 0; Round < 5; ++Round) {
    Refinement R = lockFamily().refine(inputOf(Facts, Opts));
    if (R.Reanalyse.empty())
      return;
    auto Model = ApiModel::builtin();
    ASSERT_TRUE(bool(Model)) << llvm::toString(Model.takeError());
    llvm::Error Err = Model->extend(R.Model.dump(), "learned");
    ASSERT_FALSE(bool(Err)) << llvm::toString(std::move(Err));
    Opts.Model = std::make_shared<const ApiModel>(std::move(*Model));
    for (size_t I : R.Reanalyse)
      Facts[I] = analyzeTU(Jobs[I], Opts);
  }
  ADD_FAILURE() << "the lock summaries did not settle in 5 rounds";
}

/// Generates, analyses and compares one batch of programs, in one file or,
/// Split, with each program's work and helpers in one file and its callers
/// in another.
void checkBatch(uint64_t FirstSeed, uint64_t Count, bool Split,
                const std::string &Dir, const AnalysisOptions &Opts, Tally &T) {
  std::vector<LockProgram> Ps;
  for (uint64_t Seed = FirstSeed; Seed < FirstSeed + Count; ++Seed)
    Ps.push_back(generateLockProgram(Seed));
  std::vector<std::string> TUs = renderLockTUs(Ps, Split);
  std::vector<std::string> Files;
  std::vector<CompileJob> Jobs;
  for (size_t I = 0; I < TUs.size(); ++I) {
    Files.push_back(Dir + "/lock-oracle-" + std::to_string(FirstSeed) + "-" +
                    std::to_string(I) + ".c");
    test::writeFile(Files.back(), TUs[I]);
    Jobs.push_back({Dir, Files.back(),
                    {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                     DEVLIFE_CORPUS_DIR "/include", "-D__KERNEL__", "-c",
                     Files.back()}});
  }
  std::vector<TUFacts> Facts;
  AnalysisOptions Last = Opts;
  analyseLikeTheAudit(Jobs, Last, Facts);
  for (const TUFacts &F : Facts)
    ASSERT_EQ(F.ErrorCount, 0u)
        << "generated code does not compile (" << F.File << "):\n"
        << llvm::join(F.Problems, "\n");
  std::map<std::string, LockVerdict> Found =
      devlifeVerdicts(lockFamily().report(inputOf(Facts, Last)), Files.back());
  for (const LockProgram &P : Ps) {
    LockVerdict Expected = exploreLockPaths(P);
    T.count(Expected, P);
    const LockVerdict &Got = Found[P.Prefix];
    if (Got == Expected)
      continue;
    if (++T.Mismatches <= 20)
      ADD_FAILURE() << "seed " << P.Seed << ": devlife and the lock oracle "
                    << "disagree\n"
                    << (Split ? "split over two files "
                                "(DEVLIFE_LOCK_ORACLE_SPLIT=1)\n"
                              : "")
                    << lockProgramText(TUs, P) << "every path says:\n"
                    << describe(Expected) << "devlife says:\n"
                    << describe(Got);
  }
  for (const auto &[Prefix, V] : Found)
    if (Prefix.rfind("lo_", 0) != 0)
      ADD_FAILURE() << "a finding outside every program: " << describe(V);
  for (const std::string &F : Files)
    llvm::sys::fs::remove(F);
}

TEST(LockOracle, DevlifeAgreesWithEveryPathOnGeneratedPrograms) {
  uint64_t Count = test::envNumber("DEVLIFE_LOCK_ORACLE_PROGRAMS", 2500);
  uint64_t First = test::envNumber("DEVLIFE_ORACLE_SEED", 1);
  AnalysisOptions Opts = lockRules();
  std::string Dir = test::makeTempDir("devlife-lock-oracle");
  Tally T;
  bool Split = test::envNumber("DEVLIFE_LOCK_ORACLE_SPLIT", 0) != 0;
  for (uint64_t Seed = First; Seed < First + Count; Seed += Batch, Split = !Split)
    checkBatch(Seed, std::min(Batch, First + Count - Seed), Split, Dir, Opts, T);
  llvm::sys::fs::remove_directories(Dir);
  EXPECT_EQ(T.Mismatches, 0u) << "of " << T.Programs << " programs";
  std::cout << "[ oracle   ] " << T.Programs << " lock programs, " << T.Functions
            << " functions (seeds " << First << ".." << First + Count - 1
            << "): " << T.Across << " with a lock held across a barrier, "
            << T.Inverted << " with an inversion or cycle, " << T.Silent
            << " silent; " << T.Sites << " statements, " << T.States
            << " states at them; " << T.Mismatches << " disagreements\n";
}

/// The property above is only as good as the programs: a generator that
/// drifted into making only trivial ones would pass it vacuously.
TEST(LockOracle, GeneratedProgramsCoverEveryVerdict) {
  Tally T;
  size_t Cycles = 0;
  for (uint64_t Seed = 1; Seed <= 2500; ++Seed) {
    std::vector<LockProgram> One{generateLockProgram(Seed)};
    renderLockTUs(One, false);
    LockVerdict V = exploreLockPaths(One[0]);
    T.count(V, One[0]);
    for (const std::string &R : V.Orders)
      Cycles += R.size() == 3;
  }
  EXPECT_GE(T.Across, 250u);
  EXPECT_GE(T.Inverted, 250u);
  EXPECT_GE(T.Silent, 250u);
  EXPECT_GE(Cycles, 3u) << "three-lock rings";
}

} // namespace
} // namespace devlife::oracle
