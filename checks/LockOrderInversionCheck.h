//===- LockOrderInversionCheck.h - devlife-lock-order-inversion -------------===//
#ifndef DEVLIFE_CHECKS_LOCKORDERINVERSIONCHECK_H
#define DEVLIFE_CHECKS_LOCKORDERINVERSIONCHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds two lock classes taken in both orders along the call chains of the
/// analysed code (barriers included), with no common outer lock that would
/// keep the two orders from running at once.
class LockOrderInversionCheck : public Rule {
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
