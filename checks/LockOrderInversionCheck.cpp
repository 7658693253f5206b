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
      "Two locks are taken in both orders along the program's call chains.",
      "Lock class A is held while B is taken on one call chain, and B is "
      "held while A is taken on another (directly, through calls across "
      "files, or through a barrier whose callback takes the lock), with no "
      "common outer lock held on both: two CPUs running the two chains "
      "deadlock, each holding what the other waits for. This is the "
      "circular dependency lockdep reports at run time, found on paths that "
      "never ran. Three or more locks in a ring are reported once.",
      "Take the locks in one order everywhere, or release the first before "
      "taking the second on one of the chains. The code flows show both "
      "chains: where each lock is taken and the calls between.",
      "Take the locks in one order everywhere, or release the first before "
      "taking the second on one of the chains.\n\nThe code flows show both "
      "chains: where each lock is taken and the calls between.",
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
