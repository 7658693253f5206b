//===- RefcountShared.cpp -------------------------------------------------===//
#include "checks/RefcountShared.h"

namespace devlife {

const refcount::FunctionResult *
analyse(std::unique_ptr<refcount::Analyzer> &Analysis, const ApiModel &Model,
        TUFactsBuilder *Facts, const clang::FunctionDecl *FD,
        const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  if (!FD)
    return nullptr;
  // A rule object lives for one TU, so its analyzer does too.
  if (!Analysis)
    Analysis = std::make_unique<refcount::Analyzer>(Model, *Result.Context);
  const refcount::FunctionResult &R = Analysis->analyze(FD);
  if (Facts) {
    Facts->countFunction(FD->getCanonicalDecl(), R.GaveUp);
    for (const std::string &Callee : R.ExternalCallees)
      Facts->noteExternalCallee(Callee);
    // The model's contract for an API beats what its body looks like to us:
    // of_graph_get_next_endpoint() must not be re-learned for other files.
    if (FD->isExternallyVisible() && R.Summary.hasEffect() &&
        !Model.refFunction(R.Summary.Name))
      Facts->exportSummary(R.Summary);
  }
  return R.GaveUp ? nullptr : &R;
}

} // namespace devlife
