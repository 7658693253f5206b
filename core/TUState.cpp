//===- TUState.cpp --------------------------------------------------------===//
#include "core/TUState.h"

namespace devlife {

namespace {
TUState &current() {
  static TUState Current;
  return Current;
}
} // namespace

void TUState::startTranslationUnit() {
  TUState &Current = current();
  Current.Values.clear();
  Current.Ctx = nullptr;
  Current.TU = nullptr;
}

TUState &TUState::of(clang::ASTContext &Ctx) {
  TUState &Current = current();
  // A front end that does not say when a TU starts still gets fresh state
  // for a context at a new address.
  if (Current.Ctx != &Ctx || Current.TU != Ctx.getTranslationUnitDecl()) {
    Current.Values.clear();
    Current.Ctx = &Ctx;
    Current.TU = Ctx.getTranslationUnitDecl();
  }
  return Current;
}

} // namespace devlife
