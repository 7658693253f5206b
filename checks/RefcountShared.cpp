//===- RefcountShared.cpp -------------------------------------------------===//
#include "checks/RefcountShared.h"

#include "core/TUState.h"

namespace devlife {

/// What a TU's refcount section says about one function: its summary for
/// the other TUs, and for each callee only another TU can describe, the
/// summary this analysis used (null: none), so the global phase knows when
/// a newer one means analysing again.
static void recordFacts(TUFactsBuilder &Facts, const ApiModel &Model,
                        const clang::FunctionDecl *FD,
                        const refcount::FunctionResult &R) {
  if (Facts.countFunction(FD->getCanonicalDecl(), R.GaveUp) && R.GaveUp) {
    const clang::SourceManager &SM = FD->getASTContext().getSourceManager();
    SourcePoint At = toSourcePoint(FD->getLocation(), SM);
    Facts.noteProblem("line " + std::to_string(At.Line) +
                      ": refcount analysis of '" + FD->getNameAsString() +
                      "' gave up after " + std::to_string(refcount::PathBudget) +
                      " path steps; no refcount findings for it");
  }
  nlohmann::json &Section = Facts.section("refcount");
  for (const std::string &Callee : R.ExternalCallees) {
    const RefFunction *Used = Model.refFunction(Callee);
    Section["external_callees"][Callee] =
        Used ? nlohmann::json(*Used) : nlohmann::json();
  }
  // The model's contract for an API beats what its body looks like to us:
  // of_graph_get_next_endpoint() must not be re-learned for other files.
  const RefFunction *Known = Model.refFunction(R.Summary.Name);
  if (FD->isExternallyVisible() && R.Summary.hasEffect() &&
      (!Known || Known->Learned))
    Section["exported"][R.Summary.Name] = R.Summary;
}

const refcount::FunctionResult *
analyse(const ApiModel &Model, TUFactsBuilder *Facts,
        const clang::FunctionDecl *FD,
        const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  if (!FD)
    return nullptr;
  // Both refcount rules share one analysis of each function.
  auto &Analysis = TUState::of(*Result.Context).get<refcount::Analyzer>([&] {
    return new refcount::Analyzer(Model, *Result.Context);
  });
  const refcount::FunctionResult &R = Analysis.analyze(FD);
  if (Facts)
    recordFacts(*Facts, Model, FD, R);
  return R.GaveUp ? nullptr : &R;
}

} // namespace devlife
