//===- TUState.h - What the rules of one translation unit share -----------===//
//
// Rules are separate objects (clang-tidy creates one check per rule), but a
// family's analysis must run once per TU whichever of its rules are on. The
// first rule that asks builds the shared value; the others reuse it. One
// process analyses one TU at a time (an audit worker, clang-tidy's loop), so
// the state of the previous TU is dropped when a new one starts: the front
// ends say when (startTranslationUnit(), from the MatchFinder's callback).
// The ASTContext's address alone cannot tell: the next TU's context and its
// TranslationUnitDecl are often allocated where the last ones were.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_TUSTATE_H
#define DEVLIFE_CORE_TUSTATE_H

#include "clang/AST/ASTContext.h"
#include <map>
#include <memory>

namespace devlife {

class TUState {
public:
  static TUState &of(clang::ASTContext &Ctx);
  /// A new TU begins: nothing the last one left is seen again.
  static void startTranslationUnit();

  /// The TU's value of type T, made by Make() on first use.
  template <typename T, typename MakeFn> T &get(MakeFn Make) {
    std::shared_ptr<void> &Slot = Values[&tag<T>];
    if (!Slot)
      Slot = std::shared_ptr<T>(Make());
    return *static_cast<T *>(Slot.get());
  }

private:
  // One address per type, so no RTTI is needed to tell the values apart.
  template <typename T> static inline const char tag = 0;

  const clang::ASTContext *Ctx = nullptr;
  const clang::TranslationUnitDecl *TU = nullptr;
  std::map<const void *, std::shared_ptr<void>> Values;
};

} // namespace devlife

#endif
