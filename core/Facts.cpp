//===- Facts.cpp ----------------------------------------------------------===//
#include "core/Facts.h"

#include <nlohmann/json.hpp>

namespace devlife {

static RefFunction refFunctionFromJson(const std::string &Name,
                                       const nlohmann::json &J) {
  RefFunction F;
  F.Name = Name;
  F.Returns = J.value("returns", std::string());
  F.Releases = J.value("releases", std::vector<unsigned>());
  F.Escapes = J.value("escapes", std::vector<unsigned>());
  F.ErrorPointer = J.value("error_pointer", false);
  if (J.contains("passes_arg"))
    F.PassesArg = J.at("passes_arg").get<unsigned>();
  if (J.contains("returns_arg"))
    F.ReturnsArg = J.at("returns_arg").get<unsigned>();
  if (J.contains("out"))
    F.Out = RefFunction::OutRef{J["out"].at("arg").get<unsigned>(),
                                J["out"].at("field").get<std::string>(),
                                J["out"].at("kind").get<std::string>()};
  return F;
}

void to_json(nlohmann::json &J, const TUFacts &F) {
  nlohmann::json Exported = nlohmann::json::object();
  for (const auto &[Name, Fn] : F.Exported)
    Exported[Name] = Fn;
  J = {{"file", F.File},
       {"findings", F.Findings},
       {"exported", Exported},
       {"external_callees", F.ExternalCallees},
       {"problems", F.Problems},
       {"error_count", F.ErrorCount},
       {"functions_analysed", F.FunctionsAnalysed},
       {"functions_given_up", F.FunctionsGivenUp}};
}

void from_json(const nlohmann::json &J, TUFacts &F) {
  F.File = J.at("file").get<std::string>();
  F.Findings = J.at("findings").get<std::vector<Finding>>();
  for (auto &[Name, Fn] : J.at("exported").items())
    F.Exported[Name] = refFunctionFromJson(Name, Fn);
  F.ExternalCallees = J.at("external_callees").get<std::set<std::string>>();
  F.Problems = J.at("problems").get<std::vector<std::string>>();
  F.ErrorCount = J.at("error_count").get<unsigned>();
  F.FunctionsAnalysed = J.at("functions_analysed").get<unsigned>();
  F.FunctionsGivenUp = J.at("functions_given_up").get<unsigned>();
}

} // namespace devlife
