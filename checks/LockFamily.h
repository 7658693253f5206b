//===- LockFamily.h - The lock family: program facts in, findings out -----===//
#ifndef DEVLIFE_CHECKS_LOCKFAMILY_H
#define DEVLIFE_CHECKS_LOCKFAMILY_H

#include "core/Family.h"
#include "core/Report.h"
#include "core/Rule.h"

namespace devlife {

const Family &lockFamily();

namespace locks {

/// Both lock rules look at the whole TU once: `translationUnitDecl()`.
void registerTUMatcher(clang::ast_matchers::MatchFinder &Finder,
                       clang::ast_matchers::MatchFinder::MatchCallback &CB);

/// In an audit, leaves the TU's program facts for the global phase (once,
/// whichever rule asks first). In clang-tidy, runs the global step over this
/// TU (and the facts file, if any) and reports RuleId's findings that lie in
/// the main file.
void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const clang::ast_matchers::MatchFinder::MatchResult &Result,
             ReportSink &Sink);

} // namespace locks
} // namespace devlife

#endif
