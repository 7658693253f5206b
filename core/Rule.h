//===- Rule.h - One devlife rule, independent of the front end ------------===//
//
// A rule registers AST matchers and reports through a ReportSink. The
// clang-tidy module wraps each rule in a ClangTidyCheck; the audit runs the
// same rule objects on its own MatchFinder. Rules never see either front end.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_RULE_H
#define DEVLIFE_CORE_RULE_H

#include "core/Report.h"
#include "core/RuleInfo.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>

namespace devlife {

class ApiModel;
class TUFactsBuilder;

/// What every rule of one translation unit shares.
struct RuleContext {
  std::shared_ptr<const ApiModel> Model;
  /// Where rules leave facts for the global phase; null in clang-tidy, which
  /// sees one translation unit at a time.
  TUFactsBuilder *Facts = nullptr;
  /// clang-tidy: program facts an audit wrote (option ProgramFacts), for
  /// findings that need other TUs; "" when there are none.
  std::string ProgramFactsFile;
};

class Rule {
public:
  explicit Rule(const RuleContext &Ctx) : Ctx(Ctx) {}
  virtual ~Rule() = default;

  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                                clang::ast_matchers::MatchFinder::MatchCallback
                                    &Callback) = 0;
  virtual void check(const clang::ast_matchers::MatchFinder::MatchResult &Result,
                     ReportSink &Sink) = 0;

protected:
  const ApiModel &model() const { return *Ctx.Model; }
  TUFactsBuilder *facts() const { return Ctx.Facts; }
  const RuleContext &context() const { return Ctx; }

private:
  RuleContext Ctx;
};

/// How a front end creates a rule: its metadata and a factory.
struct RuleEntry {
  RuleInfo Info;
  std::unique_ptr<Rule> (*Create)(const RuleContext &);
};

/// Every rule devlife has, sorted by id. Defined in checks/Rules.cpp.
const std::vector<RuleEntry> &allRules();
const RuleEntry *findRule(llvm::StringRef Id);

} // namespace devlife

#endif
