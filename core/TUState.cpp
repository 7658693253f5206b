//===- TUState.cpp --------------------------------------------------------===//
#include "core/TUState.h"

namespace devlife {

TUState &TUState::of(clang::ASTContext &Ctx) {
  static TUState Current;
  // An ASTContext may reuse the address of the previous TU's; the TU decl
  // tells them apart as well.
  if (Current.Ctx != &Ctx || Current.TU != Ctx.getTranslationUnitDecl()) {
    Current.Values.clear();
    Current.Ctx = &Ctx;
    Current.TU = Ctx.getTranslationUnitDecl();
  }
  return Current;
}

} // namespace devlife
