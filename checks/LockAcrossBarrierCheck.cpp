//===- LockAcrossBarrierCheck.cpp - devlife-lock-across-barrier -----------===//
#include "checks/LockAcrossBarrierCheck.h"

#include "checks/LockFamily.h"
#include "checks/LockGraph.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &LockAcrossBarrierCheck::info() {
  static const RuleInfo Info{
      locks::AcrossBarrierRule,
      "LockAcrossBarrier",
      "A lock is held while waiting for a callback that takes the same lock.",
      "A lock is held across a call that waits for callbacks to finish "
      "(flush_work, cancel_work_sync, flush_workqueue, synchronize_irq, "
      "free_irq, del_timer_sync, kthread_stop, tasklet_kill, "
      "wait_for_completion, synchronize_srcu, ...), and one of the callbacks "
      "it waits for takes the same lock class, directly or through any chain "
      "of calls across files. The waiter holds the lock until the callback "
      "ends; the callback cannot end until it gets the lock. Holding a "
      "sleeping lock across a wait whose callbacks cannot be resolved "
      "statically (device_link_wait_removal) is reported as a note.",
      "Drop the lock before the barrier and take it again after, or make the "
      "callback not need it (a trylock, or state the callback reads without "
      "the lock). The code flow shows where the lock was taken, the barrier, "
      "the callback it waits for and where that callback takes the lock.",
      "Drop the lock before the barrier and take it again after, or make the "
      "callback not need it (a trylock, or state the callback reads without "
      "the lock).\n\nThe code flow shows where the lock was taken, the "
      "barrier, the callback it waits for and where that callback takes the "
      "lock.",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "concurrency"},
      "high",
      ""};
  return Info;
}

void LockAcrossBarrierCheck::registerMatchers(MatchFinder &Finder,
                                              MatchFinder::MatchCallback &CB) {
  // The whole translation unit: the callback may be anywhere.
  locks::registerTUMatcher(Finder, CB);
}

void LockAcrossBarrierCheck::check(const MatchFinder::MatchResult &Result,
                                   ReportSink &Sink) {
  locks::checkTU(info().Id, context(), Result, Sink);
}

} // namespace devlife
