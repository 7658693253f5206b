//===- DevmManualFreeCheck.h - devlife-devm-manual-free -------------------===//
#ifndef DEVLIFE_CHECKS_DEVMMANUALFREECHECK_H
#define DEVLIFE_CHECKS_DEVMMANUALFREECHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds a devres-managed object released by hand with the plain call
/// (kfree() of devm_kzalloc() memory, free_irq() of a devm_request_irq()
/// line), which unbind then releases again; and a counted reference given
/// to a plain release (kfree(np), `np __free(kfree)`) instead of its put.
class DevmManualFreeCheck : public Rule {
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
