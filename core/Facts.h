//===- Facts.h - What one translation unit tells the global phase ---------===//
//
// The audit is two-phase: each worker analyses one TU and writes its TUFacts
// as JSON; the global phase hands them to every analysis family (core/Family.h).
// Beyond the findings and the bookkeeping every TU has, each family keeps its
// own section: "refcount" holds the learned summaries, "program" the facts of
// the whole-program driver model. Facts written by another format version
// are refused, never half-read.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_FACTS_H
#define DEVLIFE_CORE_FACTS_H

#include "core/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace devlife {

/// The JSON form of TUFacts; bumped when any section changes shape.
inline constexpr const char *FactsFormat = "devlife-facts/3";

struct TUFacts {
  std::string File; // the main file, absolute
  std::vector<Finding> Findings;
  /// Each family's own facts, by section name.
  std::map<std::string, nlohmann::json> Sections;
  /// Compiler errors, analysis give-ups: each becomes a notification.
  std::vector<std::string> Problems;
  unsigned ErrorCount = 0;
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsGivenUp = 0;
  /// Function definitions parsed, and how many of them without their body
  /// because no rule reads it (core/BodyFilter.h).
  unsigned FunctionBodies = 0;
  unsigned FunctionBodiesSkipped = 0;

  /// The section, or null when this TU has none.
  const nlohmann::json *section(llvm::StringRef Name) const;
};

void to_json(nlohmann::json &J, const TUFacts &F);
/// Throws nlohmann::json::exception on malformed facts or another format.
void from_json(const nlohmann::json &J, TUFacts &F);

/// Collects facts while rules run over one TU.
class TUFactsBuilder {
public:
  nlohmann::json &section(llvm::StringRef Name) {
    return Facts.Sections[Name.str()];
  }
  void noteProblem(std::string Msg) { Facts.Problems.push_back(std::move(Msg)); }
  /// Several rules may analyse the same function; it counts once, and
  /// only the first call returns true.
  bool countFunction(const void *Function, bool GaveUp) {
    if (!Counted.insert(Function).second)
      return false;
    ++Facts.FunctionsAnalysed;
    Facts.FunctionsGivenUp += GaveUp;
    return true;
  }
  TUFacts &facts() { return Facts; }

private:
  TUFacts Facts;
  std::set<const void *> Counted;
};

} // namespace devlife

#endif
