//===- DevmUserspaceObjectCheck.h - devlife-devm-userspace-object ---------===//
#ifndef DEVLIFE_CHECKS_DEVMUSERSPACEOBJECTCHECK_H
#define DEVLIFE_CHECKS_DEVMUSERSPACEOBJECTCHECK_H

#include "core/Rule.h"

namespace devlife {

/// Finds an object user space can keep alive through an open file (a
/// struct cdev, miscdevice, video_device, registered struct device)
/// embedded in memory from devm_kzalloc() & co and handed to user space:
/// unbind frees the memory while an open file still uses it.
class DevmUserspaceObjectCheck : public Rule {
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
