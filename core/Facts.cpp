//===- Facts.cpp ----------------------------------------------------------===//
#include "core/Facts.h"

namespace devlife {

std::optional<nlohmann::json> TUFacts::section(llvm::StringRef Name) const {
  auto It = Sections.find(Name.str());
  if (It == Sections.end())
    return std::nullopt;
  return It->second.unpack();
}

void TUFacts::setSection(llvm::StringRef Name, const nlohmann::json &S) {
  Sections.insert_or_assign(Name.str(), PackedSection(S));
}

TUFacts TUFactsBuilder::take() {
  for (const auto &[Name, S] : Building)
    Facts.setSection(Name, S);
  Building.clear();
  return std::move(Facts);
}

namespace {
/// Accepts any well-formed input and builds nothing.
struct Validator : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t &) override { return true; }
  bool string(string_t &) override { return true; }
  bool binary(binary_t &) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t &) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string &,
                   const nlohmann::detail::exception &) override {
    return false;
  }
};
} // namespace

std::optional<PackedSection>
PackedSection::fromBytes(std::vector<std::uint8_t> B) {
  Validator V;
  if (!nlohmann::json::sax_parse(B, &V, nlohmann::json::input_format_t::msgpack))
    return std::nullopt;
  PackedSection S;
  S.Bytes = std::move(B);
  return S;
}

/// Everything but the sections, which each form writes its own way.
static nlohmann::json withoutSections(const TUFacts &F) {
  return {{"format", FactsFormat},
          {"file", F.File},
          {"findings", F.Findings},
          {"sections", nlohmann::json::object()},
          {"problems", F.Problems},
          {"error_count", F.ErrorCount},
          {"functions_analysed", F.FunctionsAnalysed},
          {"functions_given_up", F.FunctionsGivenUp},
          {"function_bodies", F.FunctionBodies},
          {"function_bodies_skipped", F.FunctionBodiesSkipped}};
}

static void readWithoutSections(const nlohmann::json &J, TUFacts &F) {
  std::string Format = J.at("format").get<std::string>();
  if (Format != FactsFormat)
    throw nlohmann::json::other_error::create(
        501, "facts of format '" + Format + "', expected '" + FactsFormat + "'",
        &J);
  F.File = J.at("file").get<std::string>();
  F.Findings = J.at("findings").get<std::vector<Finding>>();
  F.Problems = J.at("problems").get<std::vector<std::string>>();
  F.ErrorCount = J.at("error_count").get<unsigned>();
  F.FunctionsAnalysed = J.at("functions_analysed").get<unsigned>();
  F.FunctionsGivenUp = J.at("functions_given_up").get<unsigned>();
  F.FunctionBodies = J.at("function_bodies").get<unsigned>();
  F.FunctionBodiesSkipped = J.at("function_bodies_skipped").get<unsigned>();
}

static const nlohmann::json &sectionsOf(const nlohmann::json &J) {
  const nlohmann::json &S = J.at("sections");
  if (!S.is_object())
    throw nlohmann::json::type_error::create(302, "sections is not an object",
                                             &S);
  return S;
}

void to_json(nlohmann::json &J, const TUFacts &F) {
  J = withoutSections(F);
  for (const auto &[Name, S] : F.Sections)
    J["sections"][Name] = S.unpack();
}

void from_json(const nlohmann::json &J, TUFacts &F) {
  readWithoutSections(J, F);
  F.Sections.clear();
  for (const auto &[Name, S] : sectionsOf(J).items())
    F.setSection(Name, S);
}

std::string factsBytes(const TUFacts &F) {
  nlohmann::json J = withoutSections(F);
  for (const auto &[Name, S] : F.Sections)
    J["sections"][Name] = nlohmann::json::binary(S.bytes());
  std::vector<std::uint8_t> Bytes = nlohmann::json::to_msgpack(J);
  return std::string(Bytes.begin(), Bytes.end());
}

TUFacts factsFromBytes(llvm::StringRef Bytes) {
  nlohmann::json J =
      nlohmann::json::from_msgpack(Bytes.bytes_begin(), Bytes.bytes_end());
  TUFacts F;
  readWithoutSections(J, F);
  for (auto &[Name, S] : sectionsOf(J).items()) {
    if (!S.is_binary())
      throw nlohmann::json::type_error::create(
          302, "section '" + Name + "' is not packed", &S);
    std::optional<PackedSection> P =
        PackedSection::fromBytes(std::vector<std::uint8_t>(S.get_binary()));
    if (!P)
      throw nlohmann::json::other_error::create(
          501, "section '" + Name + "' is not MessagePack", &S);
    F.Sections.insert_or_assign(Name, std::move(*P));
  }
  return F;
}

} // namespace devlife
