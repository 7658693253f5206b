//===- RefcountShared.h - What the refcount rules have in common ----------===//
#ifndef DEVLIFE_CHECKS_REFCOUNTSHARED_H
#define DEVLIFE_CHECKS_REFCOUNTSHARED_H

#include "checks/RefcountAnalysis.h"
#include "core/Facts.h"
#include "matchers/KernelMatchers.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace devlife {

/// Functions the refcount rules look at, bound to "fn". Headers are left to
/// the TU that owns them: a static inline in of.h is a model entry's job.
inline auto refcountFunction() {
  using namespace clang::ast_matchers;
  return matchers::analysedFunction(isExpansionInMainFile()).bind("fn");
}

/// Runs (or re-uses) the analysis of the matched function, records facts for
/// the global phase, and returns null when there is nothing to report.
const refcount::FunctionResult *
analyse(const ApiModel &Model, TUFactsBuilder *Facts,
        const clang::FunctionDecl *FD,
        const clang::ast_matchers::MatchFinder::MatchResult &Result);

} // namespace devlife

#endif
