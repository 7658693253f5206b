//===- ReleasingTypes.h - Objects this file has a put function for --------===//
//
// A getter/putter pair hands a device reference out inside another object:
// qmp_get() returns the drvdata of the device it found and keeps the
// reference; qmp_put(qmp) drops it with put_device(qmp->dev). Found from the
// putter's body, never from names: a function that takes `T *p` and passes
// `p->f` or `&p->f` to a release of the model makes T a releasing type, and
// a function returning a T * gives the caller the references T's putter
// drops.
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

  /// The releases ("put_device") some function of this file applies to what
  /// a T * points to; empty when there is none.
  const std::set<std::string> &releasesFor(const clang::QualType &Pointer) const;

private:
  std::map<const clang::RecordDecl *, std::set<std::string>> Types;
};

} // namespace devlife

#endif
