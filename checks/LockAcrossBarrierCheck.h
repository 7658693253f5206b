//===- LockAcrossBarrierCheck.h - devlife-lock-across-barrier -------------===//
#ifndef DEVLIFE_CHECKS_LOCKACROSSBARRIERCHECK_H
#define DEVLIFE_CHECKS_LOCKACROSSBARRIERCHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds a lock held at a barrier (flush_work, cancel_work_sync,
/// synchronize_irq, del_timer_sync, kthread_stop, ...) whose callbacks take
/// the same lock, directly or through any depth of calls and files.
class LockAcrossBarrierCheck : public Rule {
public:
  static const RuleInfo &info();
  using Rule::Rule;

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                        clang::ast_matchers::MatchFinder::MatchCallback
                            &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result,
             ReportSink &Sink) override;
};

} // namespace devlife

#endif
