//===- DriverRoles.h - Which functions play which part in the driver model ===//
//
// Found from how a translation unit wires its callbacks, never from names:
//  - owner callbacks: installed as `.release = fn` (or `x->release = fn`),
//    they own the object they are handed and may drop what it holds;
//  - binding context: installed as `.probe`/`.remove`/... of a driver, or a
//    static function every caller of which is in the binding context. Code
//    there works on a device the bus lent to the driver.
// The callback field names are API model data (driver_model section).
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

private:
  std::set<const clang::FunctionDecl *> Owners, Binding;
};

} // namespace devlife

#endif
