//===- DevmOutsideProbeCheck.cpp - devlife-devm-outside-probe -------------===//
#include "checks/DevmOutsideProbeCheck.h"

#include "checks/DevmFamily.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &DevmOutsideProbeCheck::info() {
  static const RuleInfo Info{
      devm::OutsideProbeRule,
      "DevmOutsideProbe",
      "A devres-managed call runs outside probe, so each call accumulates "
      "until the driver unbinds.",
      "devres is released when the driver unbinds. A devm_*() call reached "
      "from an entry point that runs many times while the driver is bound "
      "(a file operation: open, read, ioctl; a sysfs show/store; a work, "
      "timer, tasklet or IRQ callback; a kernel thread) adds a new resource "
      "on every call and frees none until unbind: memory grows with every "
      "ioctl, and allocation from IRQ context sleeps. Reachability follows "
      "direct and indirect calls across files; probe itself is never "
      "entered, so helpers used by probe alone stay silent.",
      "Allocate the resource once in probe, or use the unmanaged call and "
      "free it on the same path. The code flow shows the entry point and "
      "the chain of calls that reaches the managed call.",
      "Allocate the resource once in probe, or use the unmanaged call and "
      "free it on the same path.\n\nThe code flow shows the entry point and "
      "the chain of calls that reaches the managed call.",
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
