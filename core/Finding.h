//===- Finding.h - What a rule reports, independent of any front end ------===//
//
// A Finding is the serialisable result of one rule on one path. Workers write
// findings as JSON, the global phase merges them, and front ends (clang-style
// text, SARIF, clang-tidy) only render them. Nothing here knows about Clang.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_FINDING_H
#define DEVLIFE_CORE_FINDING_H

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

enum class Level { Note, Warning, Error };

const char *levelName(Level L); // "note", "warning", "error"
std::optional<Level> parseLevel(const std::string &Name);

/// A point in a source file. File is an absolute, normalised path; front ends
/// make it relative to the source root when they render it.
struct SourcePoint {
  std::string File;
  unsigned Line = 0;   // 1-based
  unsigned Column = 0; // 1-based
};

/// One step of the evidence: "acquired here", "taking the true branch", ...
struct PathStep {
  SourcePoint Where;
  std::string Message;
};

/// A textual edit, for fix-its (the audit prints them; clang-tidy applies them).
struct Edit {
  SourcePoint Begin;
  SourcePoint End; // exclusive; equal to Begin for an insertion
  std::string Replacement;
};

struct Finding {
  std::string RuleId; // e.g. "devlife-refcount-leak"
  Level Severity = Level::Warning;
  std::string Message;
  SourcePoint Where;
  std::string Function;          // enclosing function, "" at file scope
  std::vector<PathStep> Path;    // ordered code flow, ends at Where
  /// More code flows that together make the finding (the other order of a
  /// lock-order inversion); SARIF gives each its own codeFlow.
  std::vector<std::vector<PathStep>> OtherFlows;
  std::vector<PathStep> Related; // other places worth a look
  std::vector<Edit> Fixes;
  /// When Where is inside a macro expansion: where the reported token is
  /// spelled, then each expansion around it, ending at Where; the places a
  /// NOLINT comment can suppress it (core/Nolint.h). Empty otherwise.
  std::vector<SourcePoint> MacroSites;
};

/// Total order used to make every output independent of scheduling.
bool operator<(const SourcePoint &A, const SourcePoint &B);
bool operator==(const SourcePoint &A, const SourcePoint &B);
bool operator<(const Finding &A, const Finding &B);
bool sameFinding(const Finding &A, const Finding &B);

void to_json(nlohmann::json &J, const SourcePoint &P);
void from_json(const nlohmann::json &J, SourcePoint &P);
void to_json(nlohmann::json &J, const Finding &F);
void from_json(const nlohmann::json &J, Finding &F);

} // namespace devlife

#endif
