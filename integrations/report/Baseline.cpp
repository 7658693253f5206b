//===- Baseline.cpp -------------------------------------------------------===//
#include "integrations/report/Baseline.h"

#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using nlohmann::json;

llvm::Error bad(const std::string &Name, const llvm::Twine &Why) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "--baseline %s: %s", Name.c_str(),
                                 Why.str().c_str());
}

/// "0123456789abcdef:2" without its counter.
std::string withoutCounter(const std::string &Fingerprint) {
  return llvm::StringRef(Fingerprint).rsplit(':').first.str();
}

const json *member(const json &J, const char *Key) {
  if (!J.is_object())
    return nullptr;
  auto It = J.find(Key);
  return It == J.end() ? nullptr : &*It;
}

std::string stringMember(const json &J, const char *Key) {
  const json *M = member(J, Key);
  return M && M->is_string() ? M->get<std::string>() : std::string();
}

/// The rule of a result: its ruleId, or the id of the rule its ruleIndex
/// points at (SARIF allows either).
std::string ruleOf(const json &Result, const json &Rules) {
  std::string Id = stringMember(Result, "ruleId");
  if (!Id.empty())
    return Id;
  const json *Index = member(Result, "ruleIndex");
  if (Index && Index->is_number_unsigned() && Rules.is_array() &&
      Index->get<size_t>() < Rules.size())
    return stringMember(Rules[Index->get<size_t>()], "id");
  return "";
}

std::string uriOf(const json &Result) {
  const json *Locations = member(Result, "locations");
  if (!Locations || !Locations->is_array() || Locations->empty())
    return "";
  const json *Physical = member((*Locations)[0], "physicalLocation");
  const json *Artifact = Physical ? member(*Physical, "artifactLocation") : nullptr;
  return Artifact ? stringMember(*Artifact, "uri") : "";
}

} // namespace

llvm::Expected<Baseline> Baseline::fromSarifFile(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return bad(Path, "cannot read it: " + Buf.getError().message());
  return fromSarifText((*Buf)->getBuffer(), Path);
}

llvm::Expected<Baseline> Baseline::fromSarifText(llvm::StringRef Text,
                                                 const std::string &Name) {
  json Log = json::parse(Text.begin(), Text.end(), nullptr, /*allow_exceptions=*/false);
  if (Log.is_discarded())
    return bad(Name, "not JSON, so not a SARIF log");
  const json *Runs = member(Log, "runs");
  if (stringMember(Log, "version") != "2.1.0" || !Runs || !Runs->is_array())
    return bad(Name, "not a SARIF 2.1.0 log (it needs \"version\": \"2.1.0\" "
                     "and a \"runs\" array)");
  Baseline B;
  std::vector<std::string> OtherTools;
  bool AnyDevlife = false;
  for (size_t R = 0; R < Runs->size(); ++R) {
    const json &Run = (*Runs)[R];
    const json *Tool = member(Run, "tool");
    const json *Driver = Tool ? member(*Tool, "driver") : nullptr;
    std::string ToolName = Driver ? stringMember(*Driver, "name") : "";
    if (ToolName != "devlife") {
      OtherTools.push_back(ToolName.empty() ? "(unnamed)" : ToolName);
      continue;
    }
    AnyDevlife = true;
    const json *Rules = member(*Driver, "rules");
    const json *Results = member(Run, "results");
    if (!Results)
      continue; // a run that found nothing may leave them out
    if (!Results->is_array())
      return bad(Name, "runs[" + llvm::Twine(R) + "].results is not an array");
    for (size_t I = 0; I < Results->size(); ++I) {
      const json &Result = (*Results)[I];
      std::string Where = "runs[" + std::to_string(R) + "].results[" +
                          std::to_string(I) + "]";
      std::string Rule = ruleOf(Result, Rules ? *Rules : json());
      if (Rule.empty())
        return bad(Name, Where + " has no ruleId");
      const json *Prints = member(Result, "partialFingerprints");
      std::string Hash = Prints ? stringMember(*Prints, FindingHashKey) : "";
      std::string LineHash =
          Prints ? stringMember(*Prints, "primaryLocationLineHash") : "";
      if (!Hash.empty())
        ++B.ByHash[{Rule, withoutCounter(Hash)}];
      else if (!LineHash.empty())
        ++B.ByLineHash[{Rule, uriOf(Result), LineHash}];
      else
        return bad(Name, Where + " has no partialFingerprints devlife can "
                                 "match (" + FindingHashKey +
                                 " or primaryLocationLineHash)");
      ++B.Results;
    }
  }
  if (!AnyDevlife)
    return bad(Name, "no run of devlife in it (runs of: " +
                         llvm::join(OtherTools, ", ") + ")");
  return B;
}

Baseline Baseline::fromFindings(const std::vector<Finding> &Findings,
                                const std::string &SourceRoot,
                                const SourceReader &Read) {
  Baseline B;
  FindingHasher Hasher(SourceRoot, Read);
  for (const Finding &F : Findings) {
    ++B.ByHash[{F.RuleId, Hasher.base(F)}];
    ++B.Results;
  }
  return B;
}

std::vector<Finding> Baseline::newFindings(const std::vector<Finding> &Findings,
                                           const std::string &SourceRoot,
                                           const SourceReader &Read) const {
  std::map<RuleAndHash, size_t> HashLeft = ByHash;
  std::map<RuleFileAndLineHash, size_t> LineHashLeft = ByLineHash;
  FindingHasher Hasher(SourceRoot, Read);
  std::map<std::string, std::vector<std::string>> LineHashes;
  auto Consume = [](auto &Left, const auto &Key) {
    auto It = Left.find(Key);
    if (It == Left.end() || It->second == 0)
      return false;
    --It->second;
    return true;
  };
  std::vector<Finding> New;
  for (const Finding &F : Findings) {
    if (Consume(HashLeft, RuleAndHash{F.RuleId, Hasher.base(F)}))
      continue;
    if (!LineHashLeft.empty()) {
      auto It = LineHashes.find(F.Where.File);
      if (It == LineHashes.end()) {
        std::optional<std::string> Text = Read ? Read(F.Where.File) : std::nullopt;
        It = LineHashes.emplace(F.Where.File, Text ? lineHashes(*Text)
                                                   : std::vector<std::string>())
                 .first;
      }
      unsigned Line = F.Where.Line ? F.Where.Line : 1;
      if (Line <= It->second.size() &&
          Consume(LineHashLeft,
                  RuleFileAndLineHash{F.RuleId,
                                      artifactUriFor(F.Where.File, SourceRoot).Uri,
                                      It->second[Line - 1]}))
        continue;
    }
    New.push_back(F);
  }
  return New;
}

} // namespace devlife
