//===- LockOrderInversionCheck.cpp - devlife-lock-order-inversion ---------===//
#include "checks/LockOrderInversionCheck.h"

#include "checks/LockFamily.h"
#include "checks/LockGraph.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &LockOrderInversionCheck::info() {
  static const RuleInfo Info{
      locks::OrderInversionRule,
      "LockOrderInversion",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "concurrency"},
      "medium",
      ""};
  return Info;
}

void LockOrderInversionCheck::registerMatchers(MatchFinder &Finder,
                                               MatchFinder::MatchCallback &CB) {
  // The whole translation unit: the other order may be in another file.
  locks::registerTUMatcher(Finder, CB);
}

void LockOrderInversionCheck::check(const MatchFinder::MatchResult &Result,
                                    ReportSink &Sink) {
  locks::checkTU(info().Id, context(), Result, Sink);
}

} // namespace devlife
