//===- JsonLines.cpp ------------------------------------------------------===//
#include "integrations/report/JsonLines.h"

#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/SarifWriter.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using Json = nlohmann::ordered_json;

Json step(const PathStep &S, const std::string &Root) {
  Json J;
  J["file"] = pathUnderRoot(S.Where.File, Root);
  J["line"] = S.Where.Line;
  J["column"] = S.Where.Column;
  J["message"] = S.Message;
  return J;
}

Json steps(const std::vector<PathStep> &Steps, const std::string &Root) {
  Json Out = Json::array();
  for (const PathStep &S : Steps)
    Out.push_back(step(S, Root));
  return Out;
}

Json fix(const Edit &E, const std::string &Root) {
  Json J;
  J["file"] = pathUnderRoot(E.Begin.File, Root);
  J["line"] = E.Begin.Line;
  J["column"] = E.Begin.Column;
  J["end_line"] = E.End.Line;
  J["end_column"] = E.End.Column;
  J["replacement"] = E.Replacement;
  return J;
}

} // namespace

void printJsonLines(const std::vector<Finding> &Findings,
                    const std::string &SourceRoot, const SourceReader &Read,
                    llvm::raw_ostream &OS) {
  FindingHasher Hasher(SourceRoot, Read);
  for (const Finding &F : Findings) {
    Json J;
    J["rule"] = F.RuleId;
    J["level"] = levelName(F.Severity);
    J["message"] = F.Message;
    J["file"] = pathUnderRoot(F.Where.File, SourceRoot);
    J["line"] = F.Where.Line;
    J["column"] = F.Where.Column;
    J["function"] = F.Function;
    J["fingerprint"] = Hasher.numbered(F);
    J["flow"] = steps(F.Path, SourceRoot);
    J["other_flows"] = Json::array();
    for (const std::vector<PathStep> &Flow : F.OtherFlows)
      J["other_flows"].push_back(steps(Flow, SourceRoot));
    J["related"] = steps(F.Related, SourceRoot);
    J["fixes"] = Json::array();
    for (const Edit &E : F.Fixes)
      J["fixes"].push_back(fix(E, SourceRoot));
    OS << J.dump(-1, ' ', /*ensure_ascii=*/false,
                 nlohmann::json::error_handler_t::replace)
       << "\n";
  }
}

} // namespace devlife
