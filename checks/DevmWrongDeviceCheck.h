//===- DevmWrongDeviceCheck.h - devlife-devm-wrong-device ----------------------------===//
#ifndef DEVLIFE_CHECKS_DEVMWRONGDEVICECHECK_H
#define DEVLIFE_CHECKS_DEVMWRONGDEVICECHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds a devres-managed call (devm_*, pcim_*, dmam_*) whose device is not
/// the one the driver is bound to, so its devres is not released at unbind.
class DevmWrongDeviceCheck : public Rule {
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
