//===- Facts.h - What one translation unit tells the global phase ---------===//
//
// The audit is two-phase: each worker analyses one TU and writes its TUFacts
// as JSON; the global phase hands them to every analysis family (core/Family.h).
// Beyond the findings and the bookkeeping every TU has, each family keeps its
// own section: "refcount" holds the learned summaries, "program" the facts of
// the whole-program driver model. Facts written by another format version
// are refused, never half-read.
//
// Between the worker that writes a section and the global step that reads
// it, the section is kept packed (MessagePack): the audit holds every TU's
// facts at once, and their JSON DOMs take several times their text (with
// them the audit of the 2,421 TUs of the default subset peaked at 1.1 GB,
// without them under 0.4 GB). A family unpacks a section when it reads it
// and keeps what it needs.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_FACTS_H
#define DEVLIFE_CORE_FACTS_H

#include "core/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace devlife {

/// The JSON form of TUFacts; bumped when any section changes shape.
inline constexpr const char *FactsFormat = "devlife-facts/3";

/// One family's facts of one TU, packed.
class PackedSection {
public:
  explicit PackedSection(const nlohmann::json &J)
      : Bytes(nlohmann::json::to_msgpack(J)) {}
  /// Bytes another process packed, if they are MessagePack (checked without
  /// building the DOM).
  static std::optional<PackedSection> fromBytes(std::vector<std::uint8_t> B);
  nlohmann::json unpack() const { return nlohmann::json::from_msgpack(Bytes); }
  const std::vector<std::uint8_t> &bytes() const { return Bytes; }

private:
  PackedSection() = default;
  std::vector<std::uint8_t> Bytes;
};

struct TUFacts {
  std::string File; // the main file, absolute
  std::vector<Finding> Findings;
  /// Each family's own facts, by section name.
  std::map<std::string, PackedSection> Sections;
  /// Compiler errors, analysis give-ups: each becomes a notification.
  std::vector<std::string> Problems;
  unsigned ErrorCount = 0;
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsGivenUp = 0;
  /// Function definitions parsed, and how many of them without their body
  /// because no rule reads it (core/BodyFilter.h).
  unsigned FunctionBodies = 0;
  unsigned FunctionBodiesSkipped = 0;

  /// The section, unpacked, or none when this TU has none.
  std::optional<nlohmann::json> section(llvm::StringRef Name) const;
  void setSection(llvm::StringRef Name, const nlohmann::json &S);
};

void to_json(nlohmann::json &J, const TUFacts &F);
/// Throws nlohmann::json::exception on malformed facts or another format.
void from_json(const nlohmann::json &J, TUFacts &F);

/// TUFacts as the worker hands them to the audit and the cache keeps them:
/// MessagePack, with each section's packed bytes as they are, so reading
/// the facts of a whole tree back builds no DOM of any section.
std::string factsBytes(const TUFacts &F);
/// Throws nlohmann::json::exception on malformed facts or another format.
TUFacts factsFromBytes(llvm::StringRef Bytes);

/// Collects facts while rules run over one TU.
class TUFactsBuilder {
public:
  nlohmann::json &section(llvm::StringRef Name) {
    return Building[Name.str()];
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
  /// The facts, with every section packed.
  TUFacts take();

private:
  TUFacts Facts;
  std::map<std::string, nlohmann::json> Building; // sections, unpacked
  std::set<const void *> Counted;
};

} // namespace devlife

#endif
