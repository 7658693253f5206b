//===- DeviceOrigins.h - Which device a `struct device *` value is --------===//
//
// devres is released when the device it is attached to is unbound from its
// driver, or, for a device no driver is bound to, only when that device is
// freed. So the question every devm rule asks first is which device a value
// is:
//  - the bound device: the device of a probe's argument (`&pdev->dev`, a
//    `struct device *dev` parameter of a function in the binding context),
//    and locals, fields and casts that hold it;
//  - a device whose devres outlives the binding: one the driver creates
//    (`&x->dev` where this file passes `&y->dev` of the same struct type to
//    device_initialize()/device_register()/cdev_device_add()), a subsystem's
//    device object (`&indio_dev->dev`, data: devm.subsystem_devices), or a
//    device from a factory no driver binds to (root_device_register(),
//    device_create()).
// Anything the analysis cannot tell is Unknown, and the rules stay silent on
// it. The classification is flow-insensitive: a local or field counts as one
// kind only when every value stored into it in this file is of that kind.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_DEVICEORIGINS_H
#define DEVLIFE_MATCHERS_DEVICEORIGINS_H

#include "matchers/ApiModel.h"
#include "matchers/DriverRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <map>
#include <string>
#include <vector>

namespace devlife {

enum class DeviceKind {
  Unknown,
  Bound,     // the device the driver is bound to
  BusDevice, // some device on a bus: a driver binds to it, at its own unbind
  Parent,    // dev->parent: another driver's binding
  Created,   // a device this driver creates and registers itself
  Subsystem, // a subsystem's device object (IIO, input, RTC, ...)
  Factory,   // root_device_register(), device_create()
};

/// Its devres is not released when the driver unbinds.
inline bool outlivesBinding(DeviceKind K) {
  return K == DeviceKind::Created || K == DeviceKind::Subsystem ||
         K == DeviceKind::Factory;
}

/// A step of where a device came from, for the code flow.
struct DeviceStep {
  clang::SourceLocation Loc;
  std::string Message;
};

struct DeviceOrigin {
  DeviceKind Kind = DeviceKind::Unknown;
  std::string What; // "IIO device", "root device", "device this driver creates"
  std::vector<DeviceStep> Steps; // first to last
};

class DeviceOrigins {
public:
  DeviceOrigins(const ApiModel &Model, clang::ASTContext &Ctx,
                const DriverRoles &Roles);
  ~DeviceOrigins();

  /// Which device Dev (a `struct device *` expression in In) is.
  DeviceOrigin classify(const clang::Expr *Dev,
                        const clang::FunctionDecl *In) const;

  /// How the bound device is spelled in In (`&pdev->dev`, `dev`), for a
  /// message that says what to use instead; "" when In has none at hand.
  std::string boundDeviceText(const clang::FunctionDecl *In) const;

private:
  struct Stored {
    const clang::Expr *Value;
    const clang::FunctionDecl *In;
  };
  const ApiModel &Model;
  clang::ASTContext &Ctx;
  const DriverRoles &Roles;
  /// "record.field" of embedded devices this file initialises or registers
  /// itself, with the call that does.
  std::map<std::string, const clang::CallExpr *> CreatedFields;
  /// Values stored into `struct device *` fields, "record.field" -> values.
  std::map<std::string, std::vector<Stored>> FieldStores;
  /// Per local variable: its initialiser and every value assigned to it.
  std::map<const clang::VarDecl *, std::vector<const clang::Expr *>> LocalStores;

  DeviceOrigin classify(const clang::Expr *E, const clang::FunctionDecl *In,
                        unsigned Depth) const;
  DeviceOrigin embedded(const clang::MemberExpr *ME,
                        const clang::FunctionDecl *In) const;
  DeviceOrigin variable(const clang::VarDecl *V, const clang::FunctionDecl *In,
                        unsigned Depth) const;
  DeviceOrigin join(const std::vector<Stored> &Values, unsigned Depth) const;
  DeviceOrigin call(const clang::CallExpr *Call, const clang::FunctionDecl *In,
                    unsigned Depth) const;
  bool isBindingParameter(const clang::Expr *E,
                          const clang::FunctionDecl *In) const;
  std::string text(const clang::Expr *E) const;
};

} // namespace devlife

#endif
