//===- DevmWrongDeviceCheck.cpp - devlife-devm-wrong-device ---------------===//
#include "checks/DevmWrongDeviceCheck.h"

#include "checks/DevmFamily.h"
#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &DevmWrongDeviceCheck::info() {
  static const RuleInfo Info{
      devm::WrongDeviceRule,
      "DevmWrongDevice",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "devres"},
      "high",
      ""};
  return Info;
}

void DevmWrongDeviceCheck::registerMatchers(MatchFinder &Finder,
                                            MatchFinder::MatchCallback &CB) {
  // devm_request_irq(&stdev->dev, ...), devm_kzalloc(&indio_dev->dev, ...)
  Finder.addMatcher(devm::managedCall(model()), &CB);
}

namespace {

/// When the devres of a device of this kind is released. Since 6.4
/// device_del() releases every device's devres, so it goes when the device
/// is deleted (or, if it never is, at its final put): on the subsystem's or
/// the device's schedule. Even when that deletion happens during unbind
/// (iio_device_unregister() in remove), it is not the point where the
/// driver's own devres unwinds, so what is still running then (IRQ
/// handlers, buffers being disabled) may use what it freed.
std::string releasedWhen(const DeviceOrigin &O) {
  switch (O.Kind) {
  case DeviceKind::Created:
    return "a device this driver creates: its devres is released when that "
           "device is deleted, or at its final put if it never is, not with "
           "the driver's own devres at unbind";
  case DeviceKind::Subsystem:
    return "the " + O.What + ": its devres is released when the subsystem "
           "deletes the " + O.What + ", or at its final put if it never does, "
           "not with the driver's own devres at unbind";
  default:
    return "a " + O.What + ": its devres is released when that device is "
           "unregistered, not with the driver's own devres at unbind";
  }
}

std::string instead(const std::string &Bound) {
  return "attach it to the device the driver is bound to" +
         (Bound.empty() ? std::string() : " (" + Bound + ")");
}

/// Subsystem core code (power_supply_core.c, the TPM event log) and tests
/// (root-device-test.c) attach to their own device objects on purpose, as
/// does a driver that keeps memory as long as a device it creates: the
/// lifetime is the one they want. Only a driver has a binding to confuse.
bool ownsItsDevice(const DeviceOrigin &O, llvm::StringRef Api,
                   const devm::DevmTU &TU) {
  if (!TU.Roles.bindsDriver())
    return true;
  return O.Kind == DeviceKind::Created && TU.isMemory(Api);
}

/// Memory on a subsystem's device that nothing reads once the allocating
/// function returns (hid sensors' channel tables, handed to the IIO core,
/// which copies what it needs) cannot be used after the subsystem deletes
/// the device, however early that is.
bool unreadAfterwards(const DeviceOrigin &O, llvm::StringRef Api,
                      const devm::DevmTU &TU, const clang::CallExpr *Call,
                      const clang::FunctionDecl *FD) {
  return O.Kind == DeviceKind::Subsystem && TU.isMemory(Api) &&
         !TU.readLater(Call, FD);
}

} // namespace

void DevmWrongDeviceCheck::check(const MatchFinder::MatchResult &Result,
                                 ReportSink &Sink) {
  const auto *Call = Result.Nodes.getNodeAs<clang::CallExpr>("call");
  const auto *FD = Result.Nodes.getNodeAs<clang::FunctionDecl>("fn");
  std::string Api = calleeName(Call).str();
  const clang::Expr *Dev = devm::deviceArgument(model(), Call);
  if (!Dev || !model().devmAttaches(Api))
    return; // devm_kfree() on the device the memory came from is right
  devm::DevmTU &TU = devm::devmOf(context(), *Result.Context);
  DeviceOrigin O = TU.Origins.classify(Dev, FD);
  if (!outlivesBinding(O.Kind) || ownsItsDevice(O, Api, TU) ||
      unreadAfterwards(O, Api, TU, Call, FD))
    return;
  std::string Text = writtenText(Dev, *Result.Context);
  Report R;
  R.RuleId = info().Id;
  R.Loc = Call->getBeginLoc();
  R.Function = FD->getNameAsString();
  R.Message = Api + "() attaches to " + (Text.empty() ? "a device" : Text) +
              ", " + releasedWhen(O) + "; " +
              instead(TU.Origins.boundDeviceText(FD));
  for (const DeviceStep &S : O.Steps)
    R.Path.push_back({S.Loc, S.Message});
  R.Path.push_back({Call->getBeginLoc(),
                    Api + "() attaches the resource to " +
                        (Text.empty() ? "this device" : Text) + " here"});
  Sink.report(std::move(R), *Result.SourceManager);
}

} // namespace devlife
