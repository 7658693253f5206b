//===- DriverRoles.h - Which functions play which part in the driver model ===//
//
// Found from how a translation unit wires its callbacks, never from names:
//  - owner callbacks: installed in an owner slot such as device.release
//    (`.release = fn` or `x->release = fn`),
//    they own the object they are handed and may drop what it holds;
//  - binding context: installed as platform_driver.probe/.remove/... or a
//    static function every caller of which is in the binding context. Code
//    there works on a device the bus lent to the driver.
// The slots (record.field) are API model data (driver_model.slots).
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_DRIVERROLES_H
#define DEVLIFE_MATCHERS_DRIVERROLES_H

#include "matchers/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include <set>

namespace devlife {

class DriverRoles {
public:
  DriverRoles(const ApiModel &Model, clang::ASTContext &Ctx);

  bool isOwnerCallback(const clang::FunctionDecl *FD) const;
  bool inBindingContext(const clang::FunctionDecl *FD) const;
  /// The file installs a probe, remove or shutdown callback: it is a driver,
  /// not subsystem core code.
  bool bindsDriver() const { return !Binding.empty(); }

private:
  std::set<const clang::FunctionDecl *> Owners, Binding;
};

} // namespace devlife

#endif
