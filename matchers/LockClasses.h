//===- LockClasses.h - Naming locks, callback objects and functions -------===//
//
// The program facts (core/ProgramFacts.h) name things the way lockdep names
// lock classes, so that facts from two functions or two files meet:
//  - `&ctx->lock`, `ctx->inner.lock`: the record the last `->` points into
//    plus the field path after it ("struct foo_ctx.inner.lock"), so every
//    instance of a struct shares the class;
//  - a global: its name ("of_mutex", "foo.lock" for a field of a global
//    struct), "<file>::name" when it is static;
//  - a parameter used as the lock itself: "@N", which the caller resolves;
//  - a local pointer initialised once from one of these: that class.
// Fields that name the lock itself from inside (the model's internal_fields,
// &lock->rlock, &(l)->dep_map) are dropped from the end of a path. Whatever
// is left unnamed (a local irq number, a call result) is "".
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_LOCKCLASSES_H
#define DEVLIFE_MATCHERS_LOCKCLASSES_H

#include "matchers/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <memory>
#include <string>

namespace devlife {

class FunctionSyntax;

/// Names the expressions of one function (or of file scope, Fn null).
class LockClasses {
public:
  LockClasses(const ApiModel &Model, clang::ASTContext &Ctx,
              const clang::FunctionDecl *Fn);
  ~LockClasses();

  /// The class a pointer or a value names: `&ctx->lock`, `priv->irq`,
  /// `ctx->task`, `of_mutex`, `m` (a parameter), `spinlock_check(l)`.
  std::string classOf(const clang::Expr *E) const;
  /// The class of the object an lvalue is: `ctx->lock`, `foo.work`.
  std::string objectClass(const clang::Expr *E) const;
  /// The class of where a call's result is kept: the left-hand side it is
  /// assigned to or the variable it initialises, seen out through a
  /// statement expression whose value that variable is (kthread_run()).
  std::string resultClass(const clang::CallExpr *Call) const;
  /// The expression that is the lock itself, for messages: seen through
  /// pass-through calls (spinlock_check(l)), internal fields
  /// (`&(l)->dep_map` is l) and the local copies macros make (`_wq`).
  const clang::Expr *lockExpression(const clang::Expr *E) const;
  /// How the user wrote E, or the lock it stands for; "" when neither is
  /// written outside a macro body.
  std::string textOf(const clang::Expr *E) const;

private:
  const ApiModel &Model;
  clang::ASTContext &Ctx;
  const clang::FunctionDecl *Fn;
  std::unique_ptr<FunctionSyntax> Syntax;

  std::string classOf(const clang::Expr *E, unsigned Depth) const;
  std::string objectClass(const clang::Expr *E, unsigned Depth) const;
  std::string variableClass(const clang::VarDecl *V, unsigned Depth) const;
  std::string storedVariableClass(const clang::VarDecl *V) const;
  std::string parameterClass(const clang::VarDecl *V) const;
};

/// "struct foo_ctx" for a record, or its typedef name when anonymous;
/// "" when it has neither.
std::string recordClass(const clang::RecordDecl *RD);
/// "foo_ops": the record's name as callback slots use it.
std::string recordName(const clang::RecordDecl *RD);
/// The record a pointer or record type is about, if any.
const clang::RecordDecl *recordOf(clang::QualType T);

/// "name" for a global with external linkage, "<file>::name" otherwise.
std::string globalName(const clang::VarDecl *V, const clang::SourceManager &SM);
/// The function key of ProgramFacts.h, the same rule as globalName().
std::string functionKey(const clang::FunctionDecl *FD,
                        const clang::SourceManager &SM);

/// The function an expression names (`fn`, `&fn`, a cast of either).
const clang::FunctionDecl *functionNamedBy(const clang::Expr *E);

/// The expression as the user wrote it, following macro arguments to where
/// they were spelled; "" when any of it comes from a macro's body.
std::string writtenText(const clang::Expr *E, const clang::ASTContext &Ctx);

} // namespace devlife

#endif
