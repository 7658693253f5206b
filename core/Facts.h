//===- Facts.h - What one translation unit tells the global phase ---------===//
//
// The audit is two-phase: each worker analyses one TU and writes its TUFacts
// as JSON; the global phase merges them. Summaries are expressed as API-model
// entries, so a function learned in one file is, to every other file, just
// one more line of model data.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_FACTS_H
#define DEVLIFE_CORE_FACTS_H

#include "core/Finding.h"
#include "matchers/ApiModel.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace devlife {

struct TUFacts {
  std::string File; // the main file, absolute
  std::vector<Finding> Findings;
  /// Summaries of functions with external linkage defined in this TU.
  std::map<std::string, RefFunction> Exported;
  /// Functions called here but defined elsewhere and absent from the model:
  /// a summary from another TU for one of them means this TU is re-analysed.
  std::set<std::string> ExternalCallees;
  /// Compiler errors, analysis give-ups: each becomes a notification.
  std::vector<std::string> Problems;
  unsigned ErrorCount = 0;
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsGivenUp = 0;
};

void to_json(nlohmann::json &J, const TUFacts &F);
void from_json(const nlohmann::json &J, TUFacts &F);

/// Collects facts while rules run over one TU.
class TUFactsBuilder {
public:
  void exportSummary(const RefFunction &F) { Facts.Exported[F.Name] = F; }
  void noteExternalCallee(llvm::StringRef Name) {
    Facts.ExternalCallees.insert(Name.str());
  }
  void noteProblem(std::string Msg) { Facts.Problems.push_back(std::move(Msg)); }
  /// Several rules may analyse the same function; it counts once.
  void countFunction(const void *Function, bool GaveUp) {
    if (!Counted.insert(Function).second)
      return;
    ++Facts.FunctionsAnalysed;
    Facts.FunctionsGivenUp += GaveUp;
  }
  TUFacts &facts() { return Facts; }

private:
  TUFacts Facts;
  std::set<const void *> Counted;
};

} // namespace devlife

#endif
