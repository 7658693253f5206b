//===- KernelMatchers.h - AST helpers and matchers shared by the rules ----===//
#ifndef DEVLIFE_MATCHERS_KERNELMATCHERS_H
#define DEVLIFE_MATCHERS_KERNELMATCHERS_H

#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringRef.h"

namespace devlife {

/// Name of the function a call targets directly; "" for indirect calls.
llvm::StringRef calleeName(const clang::CallExpr *Call);

/// The record a callback slot is named by: the named struct that holds the
/// field, through anonymous unions (platform_driver's remove/remove_new).
const clang::RecordDecl *slotRecord(const clang::FieldDecl *Field);

/// The argument of likely()/unlikely() once they expand to __builtin_expect.
const clang::Expr *stripBuiltinExpect(const clang::Expr *E);

namespace matchers {

/// A function definition with a body that devlife analyses, narrowed
/// further by Extra.
template <typename... Matchers> auto analysedFunction(Matchers... Extra) {
  using namespace clang::ast_matchers;
  return functionDecl(isDefinition(), hasBody(compoundStmt()),
                      unless(isImplicit()), Extra...);
}

} // namespace matchers
} // namespace devlife

#endif
