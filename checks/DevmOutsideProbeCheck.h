//===- DevmOutsideProbeCheck.h - devlife-devm-outside-probe ----------------------------===//
#ifndef DEVLIFE_CHECKS_DEVMOUTSIDEPROBECHECK_H
#define DEVLIFE_CHECKS_DEVMOUTSIDEPROBECHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds a devm call on the bound device in code a non-probe entry point
/// (a file operation, sysfs, work, timer, IRQ) reaches, across files.
class DevmOutsideProbeCheck : public Rule {
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
