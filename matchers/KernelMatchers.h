//===- KernelMatchers.h - AST helpers and matchers shared by the rules ----===//
#ifndef DEVLIFE_MATCHERS_KERNELMATCHERS_H
#define DEVLIFE_MATCHERS_KERNELMATCHERS_H

#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringRef.h"

namespace devlife {

/// Name of the function a call targets directly; "" for indirect calls.
llvm::StringRef calleeName(const clang::CallExpr *Call);

/// The argument of likely()/unlikely() once they expand to __builtin_expect.
const clang::Expr *stripBuiltinExpect(const clang::Expr *E);

/// The DEFINE_FREE name behind `__free(name)`: the cleanup function of such a
/// variable is `__free_name`. Returns "" when V has no such cleanup.
llvm::StringRef freeClassOf(const clang::VarDecl *V);

namespace matchers {

/// Matches a variable declared with __attribute__((cleanup(...))), which is
/// what `__free()`, `guard()` and the `_scoped` iterators expand to.
AST_MATCHER(clang::VarDecl, hasCleanupAttr) {
  return Node.hasAttr<clang::CleanupAttr>();
}

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
