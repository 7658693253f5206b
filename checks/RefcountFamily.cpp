//===- RefcountFamily.cpp - The refcount family's global step -------------===//
//
// A function summarised in one file is model data for every other: the
// summaries of all TUs become a model fragment, and a TU is analysed again
// when a callee's summary differs from the one it was analysed with. The
// audit repeats this, so a.c's acquiring API, wrapped in b.c and leaked in
// c.c, reaches c.c in the second round.
//
//===----------------------------------------------------------------------===//
#include "core/Family.h"

namespace devlife {
namespace {

using nlohmann::json;

/// Every TU's exported summaries, marked as learned; the first TU in
/// database order wins when two define the same name.
json mergedSummaries(const GlobalInput &In) {
  json All = json::object();
  for (const TUFacts *TU : In.TUs)
    if (std::optional<json> S = TU->section("refcount");
        S && S->contains("exported"))
      for (auto &[Name, Summary] : S->at("exported").items())
        if (!All.contains(Name)) {
          All[Name] = Summary;
          All[Name]["learned"] = true;
        }
  return All;
}

/// The TU used another summary (or none) for some callee than the one
/// there is now. A callee the user's model describes is never learned.
bool sawOtherSummaries(const TUFacts &TU, const json &Summaries) {
  const std::optional<json> S = TU.section("refcount");
  if (!S || !S->contains("external_callees"))
    return false;
  for (auto &[Name, Used] : S->at("external_callees").items()) {
    if (!Used.is_null() && !Used.value("learned", false))
      continue;
    auto It = Summaries.find(Name);
    const json Now = It == Summaries.end() ? json() : *It;
    if (Now != Used)
      return true;
  }
  return false;
}

class RefcountFamily : public Family {
public:
  llvm::StringRef name() const override { return "refcount"; }

  Refinement refine(const GlobalInput &In) const override {
    json Summaries = mergedSummaries(In);
    Refinement R;
    for (size_t I = 0; I < In.TUs.size(); ++I)
      if (sawOtherSummaries(*In.TUs[I], Summaries))
        R.Reanalyse.push_back(I);
    if (!R.Reanalyse.empty())
      R.Model = {{"refcount", {{"functions", Summaries}}}};
    return R;
  }
};

} // namespace

const Family &refcountFamily() {
  static const RefcountFamily F;
  return F;
}

} // namespace devlife
