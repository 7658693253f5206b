//===- ProgramModelTest.cpp - The program model and the lock graph on facts ===//
//
// Hand-written program facts, as three TUs would write them, so that the
// global step is tested apart from the collector: calls resolved across
// files and through ops tables, barriers resolved to their callbacks, and
// the lock rules' findings with their code flows.
//
//===----------------------------------------------------------------------===//
#include "checks/LockGraph.h"
#include "core/Facts.h"
#include "core/ProgramFactsFile.h"
#include "core/ProgramModel.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

namespace devlife::program {
namespace {

SourcePoint at(const std::string &File, unsigned Line) { return {File, Line, 1}; }

HeldLock held(const std::string &Class, const std::string &File, unsigned Line,
              bool Sleeps = true) {
  return {Class, Class, at(File, Line), false, Sleeps};
}

FunctionFacts fn(const std::string &Key, const std::string &File, unsigned Line) {
  FunctionFacts F;
  F.Key = Key;
  F.Name = Key.substr(Key.rfind(':') + 1);
  F.Where = at(File, Line);
  return F;
}

LockSite lockAt(const std::string &Class, const std::string &File,
                unsigned Line, std::vector<HeldLock> Held = {}) {
  LockSite L;
  L.Class = L.Text = Class;
  L.Api = "mutex_lock_nested";
  L.Where = at(File, Line);
  L.Held = std::move(Held);
  L.Sleeps = true;
  return L;
}

CallSite callAt(const std::string &Callee, const std::string &File,
                unsigned Line, std::vector<HeldLock> Held = {}) {
  CallSite C;
  C.Callee = C.Text = Callee;
  C.Where = at(File, Line);
  C.Held = std::move(Held);
  return C;
}

BarrierSite barrierAt(const std::string &Api, const std::string &Kind,
                      const std::string &Object, const std::string &File,
                      unsigned Line, std::vector<HeldLock> Held) {
  BarrierSite B;
  B.Api = Api;
  B.Kind = Kind;
  B.Object = B.Text = Object;
  B.Where = at(File, Line);
  B.Held = std::move(Held);
  return B;
}

Binding bindAt(const std::string &Kind, const std::string &Object,
               const std::string &Callback, const std::string &File,
               unsigned Line) {
  Binding B;
  B.Api = "bind";
  B.Kind = Kind;
  B.Object = B.Text = Object;
  B.Callbacks = {Callback};
  B.Where = at(File, Line);
  return B;
}

TUFacts tu(const std::string &File, const TUProgramFacts &P) {
  TUFacts T;
  T.File = File;
  T.setSection("program", P);
  return T;
}

std::vector<const TUFacts *> all(const std::vector<TUFacts> &TUs) {
  std::vector<const TUFacts *> Out;
  for (const TUFacts &T : TUs)
    Out.push_back(&T);
  return Out;
}

/// stop() in a.c holds ctx->lock across cancel_work_sync(&ctx->refresh);
/// b.c binds refresh_fn, which calls update() in c.c, which takes the lock.
std::vector<TUFacts> crossFileBarrier() {
  TUProgramFacts A, B, C;
  FunctionFacts Stop = fn("foo_stop", "a.c", 10);
  Stop.Locks.push_back(lockAt("struct foo.lock", "a.c", 11));
  Stop.Barriers.push_back(barrierAt("cancel_work_sync", "work",
                                    "struct foo.refresh", "a.c", 12,
                                    {held("struct foo.lock", "a.c", 11)}));
  // Another work item of the same struct: nothing waits on it under a lock.
  Stop.Barriers.push_back(barrierAt("cancel_work_sync", "work",
                                    "struct foo.other", "a.c", 14, {}));
  A.Functions.push_back(Stop);
  FunctionFacts Refresh = fn("b.c::refresh_fn", "b.c", 20);
  Refresh.Calls.push_back(callAt("foo_update", "b.c", 21));
  B.Functions.push_back(Refresh);
  B.Bindings.push_back(bindAt("work", "struct foo.refresh", "b.c::refresh_fn", "b.c", 30));
  FunctionFacts Update = fn("foo_update", "c.c", 40);
  Update.Locks.push_back(lockAt("struct foo.lock", "c.c", 41));
  C.Functions.push_back(Update);
  return {tu("a.c", A), tu("b.c", B), tu("c.c", C)};
}

TEST(ProgramModel, ResolvesCallsAcrossFilesAndKeepsStaticsApart) {
  auto TUs = crossFileBarrier();
  ProgramModel M(all(TUs));
  auto Refresh = M.lookup("b.c::refresh_fn");
  auto Update = M.lookup("foo_update");
  ASSERT_TRUE(Refresh && Update);
  EXPECT_EQ(M.targets(*Refresh, 0), std::vector<FnId>{*Update});
  EXPECT_FALSE(M.lookup("refresh_fn")); // the static is keyed by its file
  auto Stop = M.lookup("foo_stop");
  std::vector<Waited> W = M.waitedBy(*Stop, 0);
  ASSERT_EQ(W.size(), 1u);
  EXPECT_EQ(W[0].Callback, *Refresh);
  EXPECT_TRUE(M.waitedBy(*Stop, 1).empty()); // struct foo.other: none bound
  EXPECT_EQ(M.callChain(*Refresh, *Update), (std::vector<FnId>{*Refresh, *Update}));
  EXPECT_TRUE(M.callChain(*Update, *Refresh).empty());
}

TEST(ProgramModel, IndirectCallsGoToEveryFunctionInThatFieldOfThatType) {
  TUProgramFacts P;
  FunctionFacts Caller = fn("caller", "a.c", 1);
  Caller.Calls.push_back(callAt("*foo_ops.update", "a.c", 2));
  Caller.Calls.push_back(callAt("*bar_ops.update", "a.c", 3));
  P.Functions = {Caller, fn("foo_update", "a.c", 10), fn("bar_update", "a.c", 20)};
  P.Slots = {{"foo_ops.update", "foo_update", at("a.c", 30)},
             {"bar_ops.update", "bar_update", at("a.c", 31)}};
  std::vector<TUFacts> TUs{tu("a.c", P)};
  ProgramModel M(all(TUs));
  FnId C = *M.lookup("caller");
  EXPECT_EQ(M.targets(C, 0), std::vector<FnId>{*M.lookup("foo_update")});
  EXPECT_EQ(M.targets(C, 1), std::vector<FnId>{*M.lookup("bar_update")});
  EXPECT_EQ(M.stats().IndirectCallsResolved, 2u);

  // Past the fan-out limit an indirect call stays unresolved.
  ProgramModel Narrow(all(TUs), ModelOptions{0});
  EXPECT_TRUE(Narrow.targets(C, 0).empty());
}

TEST(ProgramModel, QueuesAndUnresolvedObjects) {
  TUProgramFacts P;
  FunctionFacts Stop = fn("stop", "a.c", 1);
  Stop.Barriers.push_back(barrierAt("__flush_workqueue", "workqueue",
                                    "struct foo.wq", "a.c", 2, {}));
  Stop.Barriers.push_back(barrierAt("synchronize_irq", "irq", "", "a.c", 3, {}));
  P.Functions = {Stop, fn("a.c::work_fn", "a.c", 10), fn("a.c::irq_fn", "a.c", 20)};
  Binding Queue;
  Queue.Api = "queue_work";
  Queue.Kind = "workqueue";
  Queue.Object = "struct foo.wq";
  Queue.Members = {"struct foo.work"};
  Queue.MemberKind = "work";
  P.Bindings = {Queue, bindAt("work", "struct foo.work", "a.c::work_fn", "a.c", 11),
                bindAt("irq", "", "a.c::irq_fn", "a.c", 21)};
  TUProgramFacts Other; // an irq bound in another file, object unresolved
  Other.Functions = {fn("b.c::irq_fn", "b.c", 1)};
  Other.Bindings = {bindAt("irq", "", "b.c::irq_fn", "b.c", 2)};
  std::vector<TUFacts> TUs{tu("a.c", P), tu("b.c", Other)};
  ProgramModel M(all(TUs));
  FnId S = *M.lookup("stop");
  auto Q = M.waitedBy(S, 0);
  ASSERT_EQ(Q.size(), 1u);
  EXPECT_EQ(Q[0].Callback, *M.lookup("a.c::work_fn"));
  ASSERT_TRUE(Q[0].Queued);
  auto I = M.waitedBy(S, 1);
  ASSERT_EQ(I.size(), 1u); // not b.c's handler
  EXPECT_EQ(I[0].Callback, *M.lookup("a.c::irq_fn"));
}

TEST(ProgramModel, EntryPointsFromSlotsAndBindings) {
  TUProgramFacts P;
  P.Functions = {fn("a.c::foo_open", "a.c", 1), fn("a.c::foo_probe", "a.c", 5),
                 fn("a.c::work_fn", "a.c", 9)};
  P.Slots = {{"file_operations.open", "a.c::foo_open", at("a.c", 20)},
             {"platform_driver.probe", "a.c::foo_probe", at("a.c", 21)}};
  P.Bindings = {bindAt("work", "struct foo.w", "a.c::work_fn", "a.c", 3)};
  std::vector<TUFacts> TUs{tu("a.c", P)};
  ProgramModel M(all(TUs));
  auto E = M.entryPoints({{"file_operations.open", "file"},
                          {"platform_driver.probe", "probe"}});
  std::vector<std::pair<FnId, std::string>> Want{
      {*M.lookup("a.c::foo_open"), "file"},
      {*M.lookup("a.c::foo_probe"), "probe"},
      {*M.lookup("a.c::work_fn"), "work"}};
  std::sort(Want.begin(), Want.end());
  EXPECT_EQ(E, Want);
}

TEST(ProgramModel, UnreadableFactsAreAProblemNotACrash) {
  TUFacts Bad;
  Bad.File = "bad.c";
  Bad.setSection("program", {{"version", FactsVersion + 1}});
  ProgramModel M({&Bad});
  ASSERT_EQ(M.problems().size(), 1u);
  EXPECT_NE(M.problems()[0].find("version"), std::string::npos);
  EXPECT_TRUE(M.functions().empty());
}

TEST(LockGraph, LockAcrossBarrierThroughThreeFiles) {
  auto TUs = crossFileBarrier();
  ProgramModel M(all(TUs));
  locks::LockGraph G(M);
  auto F = G.acrossBarrierFindings();
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].RuleId, locks::AcrossBarrierRule);
  EXPECT_EQ(F[0].Where, at("a.c", 12));
  EXPECT_EQ(F[0].Severity, Level::Warning);
  EXPECT_NE(F[0].Message.find("cancel_work_sync"), std::string::npos);
  // lock -> barrier -> binding -> call -> acquisition
  std::vector<SourcePoint> Steps;
  for (const PathStep &S : F[0].Path)
    Steps.push_back(S.Where);
  EXPECT_EQ(Steps, (std::vector<SourcePoint>{at("a.c", 11), at("a.c", 12),
                                              at("b.c", 30), at("b.c", 21),
                                              at("c.c", 41)}));
  EXPECT_TRUE(G.orderInversionFindings().empty()); // one class: no pair
}

TEST(LockGraph, BarrierReachedThroughAHelperIsReportedAtTheCall) {
  auto TUs = crossFileBarrier();
  // stop2() holds the lock and calls a helper that does the waiting.
  TUProgramFacts D;
  FunctionFacts Stop2 = fn("stop2", "d.c", 1);
  Stop2.Calls.push_back(callAt("d.c::helper", "d.c", 3, {held("struct foo.lock", "d.c", 2)}));
  FunctionFacts Helper = fn("d.c::helper", "d.c", 10);
  Helper.Barriers.push_back(barrierAt("flush_work", "work", "struct foo.refresh", "d.c", 11, {}));
  D.Functions = {Stop2, Helper};
  TUs.push_back(tu("d.c", D));
  ProgramModel M(all(TUs));
  auto F = locks::LockGraph(M).acrossBarrierFindings();
  ASSERT_EQ(F.size(), 2u);
  EXPECT_EQ(F[1].Where, at("d.c", 3));
  EXPECT_EQ(F[1].Path[2].Where, at("d.c", 11)); // then the barrier itself
}

// stop3() holds the lock and calls a helper with a constant that its
// `if (sync)` test fails: the helper's wait is not reached from there.
TEST(LockGraph, ConstantArgumentsCutTheBranchesTheyContradict) {
  auto TUs = crossFileBarrier();
  TUProgramFacts D;
  FunctionFacts NoSync = fn("stop_nosync", "d.c", 1);
  NoSync.Calls.push_back(callAt("d.c::helper", "d.c", 3, {held("struct foo.lock", "d.c", 2)}));
  NoSync.Calls.back().ArgConstants = {std::nullopt, 0};
  FunctionFacts Sync = fn("stop_sync", "d.c", 5);
  Sync.Calls.push_back(callAt("d.c::helper", "d.c", 7, {held("struct foo.lock", "d.c", 6)}));
  Sync.Calls.back().ArgConstants = {std::nullopt, 1};
  FunctionFacts Helper = fn("d.c::helper", "d.c", 10);
  Helper.Barriers.push_back(barrierAt("flush_work", "work", "struct foo.refresh", "d.c", 11, {}));
  Helper.Barriers.back().Guards = {{1, true}};
  D.Functions = {NoSync, Sync, Helper};
  TUs.push_back(tu("d.c", D));
  ProgramModel M(all(TUs));
  auto F = locks::LockGraph(M).acrossBarrierFindings();
  std::vector<SourcePoint> Where;
  for (const Finding &X : F)
    Where.push_back(X.Where);
  EXPECT_EQ(Where, (std::vector<SourcePoint>{at("a.c", 12), at("d.c", 7)}));
  // One copy of the helper, without its barrier, for the constant 0.
  size_t Copies = 0;
  for (FnId I = 0; I < M.functions().size(); ++I)
    if (M.isSpecialisation(I)) {
      ++Copies;
      EXPECT_TRUE(M.functions()[I].Facts->Barriers.empty());
    }
  EXPECT_EQ(Copies, 1u);
}

TEST(LockGraph, OpaqueBarrierUnderASleepingLockIsANote) {
  TUProgramFacts P;
  FunctionFacts Remove = fn("of_overlay_remove", "o.c", 1);
  Remove.Calls.push_back(callAt("o.c::destroy", "o.c", 3, {held("of_mutex", "o.c", 2)}));
  FunctionFacts Destroy = fn("o.c::destroy", "o.c", 10);
  BarrierSite Wait = barrierAt("device_link_wait_removal", "", "", "o.c", 11, {});
  Wait.Opaque = true;
  Destroy.Barriers.push_back(Wait);
  FunctionFacts Spin = fn("spin", "o.c", 20); // a spinlock: another rule's
  Spin.Barriers.push_back(Wait);
  Spin.Barriers.back().Held = {held("spin_lock_class", "o.c", 21, false)};
  P.Functions = {Remove, Destroy, Spin};
  std::vector<TUFacts> TUs{tu("o.c", P)};
  ProgramModel M(all(TUs));
  auto F = locks::LockGraph(M).acrossBarrierFindings();
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Severity, Level::Note);
  EXPECT_EQ(F[0].Where, at("o.c", 3));
  EXPECT_NE(F[0].Message.find("cannot resolve"), std::string::npos);
}

/// o.c holds of_mutex across device_link_wait_removal() (opaque to o.c
/// alone); core.c defines it as a flush of device_link_wq, whose only work
/// takes ReleaseTakes.
std::vector<TUFacts> overlayWithCore(const std::string &ReleaseTakes) {
  TUProgramFacts O, Core;
  FunctionFacts Remove = fn("of_overlay_remove", "o.c", 1);
  BarrierSite Wait = barrierAt("device_link_wait_removal", "", "", "o.c", 3,
                               {held("of_mutex", "o.c", 2)});
  Wait.Opaque = true;
  Remove.Barriers.push_back(Wait);
  O.Functions = {Remove};
  FunctionFacts Define = fn("device_link_wait_removal", "core.c", 10);
  Define.Barriers.push_back(barrierAt("__flush_workqueue", "workqueue",
                                      "device_link_wq", "core.c", 11, {}));
  FunctionFacts Release = fn("core.c::device_link_release_fn", "core.c", 20);
  Release.Locks.push_back(lockAt(ReleaseTakes, "core.c", 21));
  Core.Functions = {Define, Release};
  Binding Queue;
  Queue.Api = "queue_work";
  Queue.Kind = "workqueue";
  Queue.Object = "device_link_wq";
  Queue.Members = {"struct device_link.rm_work"};
  Queue.MemberKind = "work";
  Queue.Where = at("core.c", 25);
  Core.Bindings = {Queue, bindAt("work", "struct device_link.rm_work",
                                 "core.c::device_link_release_fn", "core.c", 30)};
  return {tu("o.c", O), tu("core.c", Core)};
}

TEST(LockGraph, OpaqueBarrierTheProgramDefinesIsFollowedIntoItsDefinition) {
  auto Takes = overlayWithCore("of_mutex");
  ProgramModel M(all(Takes));
  auto F = locks::LockGraph(M).acrossBarrierFindings();
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Severity, Level::Warning);
  EXPECT_EQ(F[0].Where, at("o.c", 3));
  EXPECT_NE(F[0].Message.find("the call to device_link_wait_removal()"),
            std::string::npos)
      << F[0].Message;
  std::vector<SourcePoint> Steps;
  for (const PathStep &S : F[0].Path)
    Steps.push_back(S.Where);
  EXPECT_EQ(Steps, (std::vector<SourcePoint>{at("o.c", 2), at("o.c", 3),
                                              at("core.c", 11), at("core.c", 25),
                                              at("core.c", 30), at("core.c", 21)}));

  // The work takes another lock: nothing to report, not even the note.
  auto Other = overlayWithCore("device_links_lock");
  ProgramModel N(all(Other));
  EXPECT_TRUE(locks::LockGraph(N).acrossBarrierFindings().empty());
}

/// f() takes A then B; g() takes B then A (through a call); with Gate set,
/// both under G.
std::vector<TUFacts> abba(bool Gate) {
  std::vector<HeldLock> G;
  if (Gate)
    G.push_back(held("G", "x.c", 1));
  auto with = [&](std::vector<HeldLock> H) {
    H.insert(H.end(), G.begin(), G.end());
    return H;
  };
  TUProgramFacts P, Q;
  FunctionFacts F = fn("f", "x.c", 1);
  F.Locks.push_back(lockAt("A", "x.c", 2, G));
  F.Locks.push_back(lockAt("B", "x.c", 3, with({held("A", "x.c", 2)})));
  P.Functions = {F};
  FunctionFacts Gf = fn("g", "y.c", 1);
  Gf.Locks.push_back(lockAt("B", "y.c", 2, G));
  Gf.Calls.push_back(callAt("take_a", "y.c", 3, with({held("B", "y.c", 2)})));
  FunctionFacts TakeA = fn("take_a", "y.c", 10);
  TakeA.Locks.push_back(lockAt("A", "y.c", 11));
  Q.Functions = {Gf, TakeA};
  return {tu("x.c", P), tu("y.c", Q)};
}

TEST(LockGraph, AbbaAcrossFilesOncePerPairWithBothFlows) {
  auto TUs = abba(false);
  ProgramModel M(all(TUs));
  auto F = locks::LockGraph(M).orderInversionFindings();
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Where, at("x.c", 3));
  ASSERT_EQ(F[0].Related.size(), 1u);
  EXPECT_EQ(F[0].Related[0].Where, at("y.c", 3));
  EXPECT_EQ(F[0].Related[0].Message.rfind("also", 0), 0u);
  ASSERT_EQ(F[0].OtherFlows.size(), 1u);
  EXPECT_EQ(F[0].OtherFlows[0].back().Where, at("y.c", 11));
}

TEST(LockGraph, NoInversionUnderACommonGate) {
  auto TUs = abba(true);
  ProgramModel M(all(TUs));
  EXPECT_TRUE(locks::LockGraph(M).orderInversionFindings().empty());
}

TEST(LockGraph, ThreeLockCycleOnce) {
  TUProgramFacts P;
  const char *Names[] = {"A", "B", "C"};
  for (unsigned I = 0; I < 3; ++I) {
    FunctionFacts F = fn("f" + std::to_string(I), "r.c", 10 * (I + 1));
    std::string Outer = Names[I], Inner = Names[(I + 1) % 3];
    F.Locks.push_back(lockAt(Outer, "r.c", 10 * (I + 1) + 1));
    F.Locks.push_back(lockAt(Inner, "r.c", 10 * (I + 1) + 2,
                             {held(Outer, "r.c", 10 * (I + 1) + 1)}));
    P.Functions.push_back(F);
  }
  std::vector<TUFacts> TUs{tu("r.c", P)};
  ProgramModel M(all(TUs));
  auto F = locks::LockGraph(M).orderInversionFindings();
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Where, at("r.c", 12));
  EXPECT_EQ(F[0].Related.size(), 2u);
  EXPECT_NE(F[0].Message.find("A -> B -> C -> A"), std::string::npos);
}

/// gpio-aggregator's shape: the forwarder takes one of two locks and calls
/// the library, which calls the forwarder again (another chip's): the two
/// orders are between two instances, not an inversion.
TEST(LockGraph, OrderSeenOnlyThroughRecursionIntoTheHolderIsNoInversion) {
  TUProgramFacts P;
  FunctionFacts Fwd = fn("fwd_get", "g.c", 1);
  Fwd.Locks.push_back(lockAt("struct fwd.mlock", "g.c", 2));
  Fwd.Locks.push_back(lockAt("struct fwd.slock", "g.c", 5));
  Fwd.Calls.push_back(callAt("lib_get", "g.c", 3, {held("struct fwd.mlock", "g.c", 2)}));
  Fwd.Calls.push_back(callAt("lib_get", "g.c", 6, {held("struct fwd.slock", "g.c", 5)}));
  FunctionFacts Lib = fn("lib_get", "l.c", 10);
  Lib.Calls.push_back(callAt("fwd_get", "l.c", 11));
  P.Functions = {Fwd, Lib};
  std::vector<TUFacts> TUs{tu("g.c", P)};
  ProgramModel M(all(TUs));
  EXPECT_TRUE(locks::LockGraph(M).orderInversionFindings().empty());

  // The same orders through a helper that is not the holder still count.
  P.Functions[1].Calls[0].Callee = "take_both";
  FunctionFacts Both = fn("take_both", "l.c", 20);
  Both.Locks.push_back(lockAt("struct fwd.mlock", "l.c", 21));
  Both.Locks.push_back(lockAt("struct fwd.slock", "l.c", 22));
  P.Functions.push_back(Both);
  std::vector<TUFacts> Real{tu("g.c", P)};
  ProgramModel N(all(Real));
  EXPECT_EQ(locks::LockGraph(N).orderInversionFindings().size(), 1u);
}

/// A before B is seen twice: through two helpers, and taken directly. The
/// finding shows the direct one, whichever comes first in the program.
TEST(LockGraph, TheShortestChainWitnessesAnOrder) {
  TUProgramFacts P;
  FunctionFacts Far = fn("far", "a.c", 1);
  Far.Locks.push_back(lockAt("A", "a.c", 2));
  Far.Calls.push_back(callAt("helper1", "a.c", 3, {held("A", "a.c", 2)}));
  FunctionFacts H1 = fn("helper1", "a.c", 10);
  H1.Calls.push_back(callAt("helper2", "a.c", 11));
  FunctionFacts H2 = fn("helper2", "a.c", 20);
  H2.Locks.push_back(lockAt("B", "a.c", 21));
  FunctionFacts Near = fn("near", "a.c", 30);
  Near.Locks.push_back(lockAt("A", "a.c", 31));
  Near.Locks.push_back(lockAt("B", "a.c", 32, {held("A", "a.c", 31)}));
  FunctionFacts Rev = fn("rev", "a.c", 40);
  Rev.Locks.push_back(lockAt("B", "a.c", 41));
  Rev.Locks.push_back(lockAt("A", "a.c", 42, {held("B", "a.c", 41)}));
  P.Functions = {Far, H1, H2, Near, Rev};
  std::vector<TUFacts> TUs{tu("a.c", P)};
  ProgramModel M(all(TUs));
  std::vector<Finding> R = locks::LockGraph(M).orderInversionFindings();
  ASSERT_EQ(R.size(), 1u);
  std::vector<PathStep> Steps = R[0].Path;
  for (const auto &Flow : R[0].OtherFlows)
    Steps.insert(Steps.end(), Flow.begin(), Flow.end());
  for (const PathStep &S : Steps)
    EXPECT_EQ(S.Message.find("helper"), std::string::npos) << S.Message;
  EXPECT_EQ(R[0].Where.Line, 32u);
}

TEST(LockGraph, TrylockOrdersNothing) {
  auto TUs = abba(false);
  TUProgramFacts P = TUs[0].section("program")->get<TUProgramFacts>();
  P.Functions[0].Locks[1].Try = true;
  TUs[0].setSection("program", P);
  ProgramModel M(all(TUs));
  EXPECT_TRUE(locks::LockGraph(M).orderInversionFindings().empty());
}

TEST(TUFacts, AnotherFormatIsRefused) {
  TUFacts T;
  T.File = "a.c";
  nlohmann::json J = T;
  EXPECT_NO_THROW(J.get<TUFacts>());
  J["format"] = "devlife-facts/1";
  EXPECT_THROW(J.get<TUFacts>(), nlohmann::json::exception);
}

// Found by the cache_entry fuzzer: an unknown finding level threw
// std::invalid_argument, which no reader of facts catches, so one damaged
// cache entry ended the audit. It must be a json error like any other.
TEST(TUFacts, AnUnknownFindingLevelIsAJsonError) {
  TUFacts T;
  T.File = "a.c";
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Where = {"a.c", 1, 1};
  T.Findings.push_back(F);
  nlohmann::json J = T;
  EXPECT_NO_THROW(J.get<TUFacts>());
  J["findings"][0]["level"] = "warnin";
  EXPECT_THROW(J.get<TUFacts>(), nlohmann::json::exception);
}

// The worker's bytes keep each section packed: what comes back is what went
// in, through the JSON form too.
TEST(TUFacts, BytesKeepEverySection) {
  TUFacts T;
  T.File = "a.c";
  T.ErrorCount = 2;
  T.Problems = {"line 3: gave up"};
  T.setSection("program", {{"version", FactsVersion}, {"functions", {1, 2}}});
  T.setSection("devm", {{"stored", {"struct foo.dev"}}});
  TUFacts Back = factsFromBytes(factsBytes(T));
  EXPECT_EQ(Back.File, "a.c");
  EXPECT_EQ(Back.ErrorCount, 2u);
  EXPECT_EQ(Back.Problems, T.Problems);
  ASSERT_EQ(Back.Sections.size(), 2u);
  EXPECT_EQ(*Back.section("program"), *T.section("program"));
  EXPECT_EQ(*Back.section("devm"), *T.section("devm"));
  EXPECT_FALSE(Back.section("refcount"));
  EXPECT_EQ(nlohmann::json(Back), nlohmann::json(T));
}

// A section whose bytes are not MessagePack is refused when the facts are
// read, not when a family meets it in the global phase.
TEST(TUFacts, BytesWithADamagedSectionAreRefused) {
  TUFacts T;
  T.File = "a.c";
  nlohmann::json J = nlohmann::json(T);
  J["sections"]["program"] = nlohmann::json::binary({0xc1, 0x00});
  std::vector<std::uint8_t> Packed = nlohmann::json::to_msgpack(J);
  std::string Bytes(Packed.begin(), Packed.end());
  try {
    factsFromBytes(Bytes);
    ADD_FAILURE() << "damaged section accepted";
  } catch (const nlohmann::json::exception &E) {
    EXPECT_NE(std::string(E.what()).find("section 'program' is not MessagePack"),
              std::string::npos) << E.what();
  }
  J["sections"]["program"] = {{"version", FactsVersion}}; // JSON, not packed
  Packed = nlohmann::json::to_msgpack(J);
  EXPECT_THROW(factsFromBytes(std::string(Packed.begin(), Packed.end())),
               nlohmann::json::exception);
  J["format"] = "devlife-facts/1";
  J["sections"] = nlohmann::json::object();
  Packed = nlohmann::json::to_msgpack(J);
  EXPECT_THROW(factsFromBytes(std::string(Packed.begin(), Packed.end())),
               nlohmann::json::exception);
  EXPECT_THROW(factsFromBytes("{not msgpack"), nlohmann::json::exception);
}

/// Path of a temporary file holding Text, removed with the object.
struct TempFacts {
  llvm::SmallString<128> Path;
  explicit TempFacts(const std::string &Text) {
    int FD;
    llvm::sys::fs::createTemporaryFile("devlife-pf", "json", FD, Path);
    llvm::raw_fd_ostream(FD, /*shouldClose=*/true) << Text;
  }
  ~TempFacts() { llvm::sys::fs::remove(Path); }
};

// What writeProgramFacts() wrote reads back: the program sections, packed.
TEST(ProgramFactsFile, WrittenFactsReadBack) {
  std::vector<TUFacts> TUs = abba(false);
  TUs[0].setSection("refcount", {{"exported", nlohmann::json::object()}});
  llvm::SmallString<128> Path;
  int FD;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("devlife-pf", "json", FD, Path));
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  ASSERT_FALSE(bool(writeProgramFacts(std::string(Path), all(TUs))));
  auto Back = readProgramFacts(std::string(Path));
  llvm::sys::fs::remove(Path);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->size(), TUs.size());
  for (size_t I = 0; I < TUs.size(); ++I) {
    EXPECT_EQ((*Back)[I].File, TUs[I].File);
    EXPECT_EQ(*(*Back)[I].section("program"), *TUs[I].section("program"));
    EXPECT_FALSE((*Back)[I].section("refcount")); // not a program section
  }
}

// A malformed file is an error that says what is wrong, never a partial read.
TEST(ProgramFactsFile, MalformedFilesAreRefused) {
  auto Error = [](const std::string &Text) {
    TempFacts F(Text);
    auto R = readProgramFacts(std::string(F.Path));
    return R ? std::string() : llvm::toString(R.takeError());
  };
  const std::string Format = R"("format": "devlife-program-facts/1")";
  EXPECT_NE(Error("{ not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(Error(R"({"format": "devlife-program-facts/0", "tus": []})")
                .find("written by another devlife version"),
            std::string::npos);
  EXPECT_NE(Error("{" + Format + R"(, "tus": [{"program": {}}]})").find("file"),
            std::string::npos);
  EXPECT_NE(Error("{" + Format + R"(, "tus": [1, 2]})").find("not a list of objects"),
            std::string::npos);
  EXPECT_NE(Error("{" + Format + "}").find("not a list of objects"),
            std::string::npos);
  EXPECT_EQ(Error("{" + Format + R"(, "tus": [{"file": "a.c"}]})"), "");
}

} // namespace
} // namespace devlife::program
