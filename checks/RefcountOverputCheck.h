//===- RefcountOverputCheck.h - devlife-refcount-overput ------------------===//
#ifndef DEVLIFE_CHECKS_REFCOUNTOVERPUTCHECK_H
#define DEVLIFE_CHECKS_REFCOUNTOVERPUTCHECK_H

#include "checks/RefcountAnalysis.h"
#include "core/Rule.h"

namespace devlife {

/// Finds releases of a reference the function no longer owns: a second put
/// on the same path, or a put after an API (an iterator step, a
/// from-consuming of_find_*) already dropped it.
class RefcountOverputCheck : public Rule {
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
