//===- Guards.h - what must hold for a statement to run ---------*- C++ -*-===//
//
// Small path facts read off the syntax tree, not a dataflow: enough to tell
// "allocate once, then reuse" from "allocate on every call".
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_GUARDS_H
#define DEVLIFE_MATCHERS_GUARDS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "matchers/ApiModel.h"

namespace devlife {

/// Whether two expressions name the same storage: the same variable, the
/// same field of the same base (`priv->buf`, `p->ctx.buf`), the same
/// constant index. Calls and anything with side effects are never the same.
bool sameStorage(const clang::Expr *A, const clang::Expr *B);

/// Whether \p E is a null pointer constant (`NULL`, `0`, `(void *)0`).
bool isNullPointer(const clang::Expr *E, clang::ASTContext &Ctx);

/// Whether \p S runs only when \p Target is NULL in its enclosing function:
/// inside `if (!Target)` (or the else of `if (Target)`), or after an
/// `if (Target) return/goto ...;` in an enclosing block. \p S must be part
/// of a function body of \p Ctx.
bool runsOnlyWhenNull(const clang::Stmt *S, const clang::Expr *Target,
                      clang::ASTContext &Ctx);

/// The storage a call's result is assigned to (`priv->buf = f()`), looking
/// through casts and parentheses; null when it is not assigned.
const clang::Expr *assignedTo(const clang::CallExpr *Call,
                              clang::ASTContext &Ctx);

/// The variable a call's result initialises (`u8 *buf = devm_kzalloc(...)`),
/// looking through casts and parentheses; null otherwise.
const clang::VarDecl *initialisedBy(const clang::CallExpr *Call,
                                    clang::ASTContext &Ctx);

/// Whether \p Call runs at most once per object because its result is
/// cached: assigned to storage it runs only when NULL (`if (!priv->buf)
/// priv->buf = f()`), or to a local copy of a field that the function
/// stores back (`cdata = spi->controller_data; if (!cdata) { cdata = f(spi);
/// spi->controller_data = cdata; }`).
bool cachesItsResult(const clang::CallExpr *Call, clang::ASTContext &Ctx);

/// Whether \p Release runs, in \p FD, only on paths where \p Acquire
/// reported failure: a non-zero int, or a NULL or ERR_PTR pointer, tested
/// in the result variable (or the call itself) before anything else is
/// stored into it. False when \p Release is not reached from \p Acquire.
/// Failure tests other than NULL and zero (`IS_ERR()`) are the model's
/// `failure_tests`.
bool runsOnlyOnFailure(const clang::CallExpr *Acquire,
                       const clang::Stmt *Release,
                       const clang::FunctionDecl *FD, const ApiModel &Model,
                       clang::ASTContext &Ctx);

} // namespace devlife

#endif
