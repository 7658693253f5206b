//===- DevmOutsideProbeCheck.cpp - devlife-devm-outside-probe -------------===//
#include "checks/DevmOutsideProbeCheck.h"

#include "checks/DevmFamily.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &DevmOutsideProbeCheck::info() {
  static const RuleInfo Info{
      devm::OutsideProbeRule,
      "DevmOutsideProbe",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "devres"},
      "high",
      ""};
  return Info;
}

void DevmOutsideProbeCheck::registerMatchers(MatchFinder &Finder,
                                             MatchFinder::MatchCallback &CB) {
  // The whole translation unit: the entry point may be in another file.
  devm::registerTUMatcher(Finder, CB);
}

void DevmOutsideProbeCheck::check(const MatchFinder::MatchResult &Result,
                                  ReportSink &Sink) {
  devm::checkTU(info().Id, context(), Result, Sink);
}

} // namespace devlife
