//===- ReleasingTypes.h - Objects this file has a put function for --------===//
//
// A getter/putter pair hands a device reference out inside another object:
// qmp_get() returns the drvdata of the device it found and keeps the
// reference; qmp_put(qmp) drops it with put_device(qmp->dev). Found from the
// putter's body, never from names: a function that takes `T *p` and releases
// what it reaches from p (`p->f`, `&p->f`, or through locals, container_of()
// and one-argument helpers: `tsa = tsa_serial_get_tsa(p); put_device(tsa->dev)`,
// `pdev = to_platform_device(p->dev); platform_device_put(pdev)`) makes T a
// releasing type for the kind of reference it drops, and a function
// returning a T * gives the caller the references of that kind with it.
//
// The same putters say which pointer fields keep a reference of their
// object's: device_del(dev) drops `dev->parent`, so `struct device.parent`
// holds a reference device_add() took with get_device(dev->parent).
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_RELEASINGTYPES_H
#define DEVLIFE_MATCHERS_RELEASINGTYPES_H

#include "matchers/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include <map>
#include <set>
#include <string>

namespace devlife {

class ReleasingTypes {
public:
  ReleasingTypes(const ApiModel &Model, clang::ASTContext &Ctx);

  /// The kinds of reference ("device") some function of this file releases
  /// from what a T * points to; empty when there is none.
  const std::set<std::string> &
  kindsReleasedFor(const clang::QualType &Pointer) const;

  /// A pointer field whose reference some function of this file drops,
  /// reading it from an object it was handed (`put_device(dev->parent)`):
  /// the object keeps a reference in that field. Fields the model says only
  /// lend (device.of_node) never do.
  bool releasesField(const clang::FieldDecl *F) const;

private:
  std::map<const clang::RecordDecl *, std::set<std::string>> Types;
  std::set<const clang::FieldDecl *> Fields;
};

} // namespace devlife

#endif
