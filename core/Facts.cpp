//===- Facts.cpp ----------------------------------------------------------===//
#include "core/Facts.h"

namespace devlife {

const nlohmann::json *TUFacts::section(llvm::StringRef Name) const {
  auto It = Sections.find(Name.str());
  return It == Sections.end() ? nullptr : &It->second;
}

void to_json(nlohmann::json &J, const TUFacts &F) {
  J = {{"format", FactsFormat},
       {"file", F.File},
       {"findings", F.Findings},
       {"sections", F.Sections},
       {"problems", F.Problems},
       {"error_count", F.ErrorCount},
       {"functions_analysed", F.FunctionsAnalysed},
       {"functions_given_up", F.FunctionsGivenUp},
       {"function_bodies", F.FunctionBodies},
       {"function_bodies_skipped", F.FunctionBodiesSkipped}};
}

void from_json(const nlohmann::json &J, TUFacts &F) {
  std::string Format = J.at("format").get<std::string>();
  if (Format != FactsFormat)
    throw nlohmann::json::other_error::create(
        501, "facts of format '" + Format + "', expected '" + FactsFormat + "'",
        &J);
  F.File = J.at("file").get<std::string>();
  F.Findings = J.at("findings").get<std::vector<Finding>>();
  F.Sections = J.at("sections").get<std::map<std::string, nlohmann::json>>();
  F.Problems = J.at("problems").get<std::vector<std::string>>();
  F.ErrorCount = J.at("error_count").get<unsigned>();
  F.FunctionsAnalysed = J.at("functions_analysed").get<unsigned>();
  F.FunctionsGivenUp = J.at("functions_given_up").get<unsigned>();
  F.FunctionBodies = J.at("function_bodies").get<unsigned>();
  F.FunctionBodiesSkipped = J.at("function_bodies_skipped").get<unsigned>();
}

} // namespace devlife
