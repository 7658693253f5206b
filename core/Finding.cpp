//===- Finding.cpp - Order, identity and JSON form of findings ------------===//
//
// The JSON form is the contract between workers and the global phase, so it
// round-trips every field. Optional parts (function, path, related, fixes)
// may be absent on input; on output every key is always written so that two
// equal findings serialise to the same bytes.
//
//===----------------------------------------------------------------------===//
#include "core/Finding.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

namespace devlife {

const char *levelName(Level L) {
  switch (L) {
  case Level::Note:
    return "note";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  // Only reachable through a cast of an out-of-range integer; "warning" keeps
  // every consumer (SARIF included) on a value it accepts.
  return "warning";
}

std::optional<Level> parseLevel(const std::string &Name) {
  for (Level L : {Level::Note, Level::Warning, Level::Error})
    if (Name == levelName(L))
      return L;
  return std::nullopt;
}

bool operator<(const SourcePoint &A, const SourcePoint &B) {
  return std::tie(A.File, A.Line, A.Column) <
         std::tie(B.File, B.Line, B.Column);
}

bool operator==(const SourcePoint &A, const SourcePoint &B) {
  return std::tie(A.File, A.Line, A.Column) ==
         std::tie(B.File, B.Line, B.Column);
}

/// The identity of a finding: where, which rule, what it says, in which
/// function. Severity and evidence (path, related, fixes) are not part of it.
static auto identityKey(const Finding &F) {
  return std::tie(F.Where.File, F.Where.Line, F.Where.Column, F.RuleId,
                  F.Message, F.Function);
}

bool operator<(const Finding &A, const Finding &B) {
  return identityKey(A) < identityKey(B);
}

bool sameFinding(const Finding &A, const Finding &B) {
  return identityKey(A) == identityKey(B);
}

void to_json(nlohmann::json &J, const SourcePoint &P) {
  J = nlohmann::json{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

void from_json(const nlohmann::json &J, SourcePoint &P) {
  P.File = J.at("file").get<std::string>();
  P.Line = J.value("line", 0u);
  P.Column = J.value("column", 0u);
}

namespace {

nlohmann::json stepsToJson(const std::vector<PathStep> &Steps) {
  nlohmann::json Out = nlohmann::json::array();
  for (const PathStep &S : Steps)
    Out.push_back({{"where", S.Where}, {"message", S.Message}});
  return Out;
}

std::vector<PathStep> stepsFromJson(const nlohmann::json &J,
                                    const char *Key) {
  std::vector<PathStep> Steps;
  if (!J.contains(Key))
    return Steps;
  for (const nlohmann::json &S : J.at(Key))
    Steps.push_back({S.at("where").get<SourcePoint>(),
                     S.value("message", std::string())});
  return Steps;
}

nlohmann::json editsToJson(const std::vector<Edit> &Edits) {
  nlohmann::json Out = nlohmann::json::array();
  for (const Edit &E : Edits)
    Out.push_back({{"begin", E.Begin},
                   {"end", E.End},
                   {"replacement", E.Replacement}});
  return Out;
}

std::vector<Edit> editsFromJson(const nlohmann::json &J) {
  std::vector<Edit> Edits;
  if (!J.contains("fixes"))
    return Edits;
  for (const nlohmann::json &E : J.at("fixes"))
    Edits.push_back({E.at("begin").get<SourcePoint>(),
                     E.at("end").get<SourcePoint>(),
                     E.value("replacement", std::string())});
  return Edits;
}

Level levelFromJson(const nlohmann::json &J) {
  if (!J.contains("level"))
    return Level::Warning;
  std::string Name = J.at("level").get<std::string>();
  if (std::optional<Level> L = parseLevel(Name))
    return *L;
  // A silent default would turn a corrupt worker file into wrong output.
  // A json exception, as every other malformed field is: each reader of
  // facts (workers, the cache, partials, --program-facts) catches those
  // and names the file; anything else ended the audit.
  throw nlohmann::json::other_error::create(
      501, "unknown finding level '" + Name + "'", &J);
}

} // namespace

void to_json(nlohmann::json &J, const Finding &F) {
  J = nlohmann::json{{"ruleId", F.RuleId},
                     {"level", levelName(F.Severity)},
                     {"message", F.Message},
                     {"where", F.Where},
                     {"function", F.Function},
                     {"path", stepsToJson(F.Path)},
                     {"related", stepsToJson(F.Related)},
                     {"fixes", editsToJson(F.Fixes)}};
  if (!F.MacroSites.empty())
    J["macro_sites"] = F.MacroSites;
  if (!F.OtherFlows.empty()) {
    J["other_flows"] = nlohmann::json::array();
    for (const auto &Flow : F.OtherFlows)
      J["other_flows"].push_back(stepsToJson(Flow));
  }
}

void from_json(const nlohmann::json &J, Finding &F) {
  F.RuleId = J.at("ruleId").get<std::string>();
  F.Severity = levelFromJson(J);
  F.Message = J.at("message").get<std::string>();
  F.Where = J.at("where").get<SourcePoint>();
  F.Function = J.value("function", std::string());
  F.Path = stepsFromJson(J, "path");
  F.Related = stepsFromJson(J, "related");
  F.Fixes = editsFromJson(J);
  F.MacroSites.clear();
  if (J.contains("macro_sites"))
    F.MacroSites = J.at("macro_sites").get<std::vector<SourcePoint>>();
  F.OtherFlows.clear();
  if (J.contains("other_flows"))
    for (const nlohmann::json &Flow : J.at("other_flows"))
      F.OtherFlows.push_back(
          stepsFromJson(nlohmann::json{{"steps", Flow}}, "steps"));
}

} // namespace devlife
