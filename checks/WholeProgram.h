//===- WholeProgram.h - What whole-program families share per TU ----------===//
//
// Families whose findings need other TUs (locks, devm) keep their per-TU
// facts in sections of the TU facts. In an audit, each section is written
// once for the global phase. In clang-tidy there is no global phase: the
// family's global step runs over this TU's live facts plus the facts an
// audit left in a file (option ProgramFacts), read once per TU.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_WHOLEPROGRAM_H
#define DEVLIFE_CHECKS_WHOLEPROGRAM_H

#include "core/Family.h"
#include "core/Report.h"
#include "core/Rule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <functional>

namespace devlife::wholeprogram {

/// The section Name of this TU's live facts, made by Collect() on first use
/// and, in an audit, written to the TU facts once.
const nlohmann::json &
section(const RuleContext &Ctx, clang::ASTContext &AST, llvm::StringRef Name,
        const std::function<nlohmann::json()> &Collect);

/// clang-tidy: the TU facts of the audit named by option ProgramFacts
/// (read once per TU; none without the option or when it cannot be read,
/// which reportInEditor() reports).
const std::vector<TUFacts> &storedFacts(const RuleContext &Ctx,
                                        clang::ASTContext &AST);
/// clang-tidy: Fam's global step over this TU's live facts and the stored
/// facts of every other TU, run once per TU; the findings in the main file
/// of rule RuleId are reported. Sections must have been made before.
void reportInEditor(const Family &Fam, const std::set<std::string> &Rules,
                    llvm::StringRef RuleId, const RuleContext &Ctx,
                    const clang::ast_matchers::MatchFinder::MatchResult &Result,
                    ReportSink &Sink);

} // namespace devlife::wholeprogram

#endif
