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
