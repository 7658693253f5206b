//===- RefcountLeakCheck.h - devlife-refcount-leak ------------------------===//
#ifndef DEVLIFE_CHECKS_REFCOUNTLEAKCHECK_H
#define DEVLIFE_CHECKS_REFCOUNTLEAKCHECK_H

#include "checks/RefcountAnalysis.h"
#include "core/Rule.h"

namespace devlife {

/// Finds references (device_node, fwnode_handle, device) obtained from an
/// acquiring API that are not released on some path out of the function.
class RefcountLeakCheck : public Rule {
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
