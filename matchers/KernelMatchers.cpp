//===- KernelMatchers.cpp -------------------------------------------------===//
#include "matchers/KernelMatchers.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/Builtins.h"

namespace devlife {

llvm::StringRef calleeName(const clang::CallExpr *Call) {
  const clang::FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return "";
  return FD->getName();
}

const clang::RecordDecl *slotRecord(const clang::FieldDecl *Field) {
  const clang::RecordDecl *RD = Field->getParent();
  while (RD && RD->isAnonymousStructOrUnion())
    RD = llvm::dyn_cast<clang::RecordDecl>(RD->getParent());
  return RD;
}

const clang::Expr *stripBuiltinExpect(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    if (Call->getBuiltinCallee() == clang::Builtin::BI__builtin_expect &&
        Call->getNumArgs() > 0)
      return stripBuiltinExpect(Call->getArg(0));
  return E;
}

} // namespace devlife
