//===- Partial.cpp --------------------------------------------------------===//
#include "integrations/audit/Partial.h"

#include "core/OutputFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using nlohmann::json;

json toJson(const PartialRun &R) {
  json Models = json::array();
  for (const ModelFileCopy &M : R.Models)
    Models.push_back({{"path", M.Path}, {"text", M.Text}});
  return {{"devlife_version", R.Version}, {"checks", R.Checks},
          {"model_files", Models},        {"source_root", R.SourceRoot},
          {"uri_base_id", R.UriBaseId},   {"database_dir", R.DatabaseDir}};
}

PartialRun runFromJson(const json &J) {
  PartialRun R;
  R.Version = J.at("devlife_version").get<std::string>();
  R.Checks = J.at("checks").get<std::vector<std::string>>();
  for (const json &M : J.at("model_files"))
    R.Models.push_back({M.at("path").get<std::string>(), M.at("text").get<std::string>()});
  R.SourceRoot = J.at("source_root").get<std::string>();
  R.UriBaseId = J.at("uri_base_id").get<std::string>();
  R.DatabaseDir = J.at("database_dir").get<std::string>();
  return R;
}

json toJson(const PartialCoverage &C) {
  if (C.What == PartialCoverage::Files)
    return {{"kind", "files"}};
  return {{"kind", "shard"},
          {"index", C.Index},
          {"count", C.Count},
          {"selection_sha256", C.SelectionDigest},
          {"paths", C.Paths},
          {"selection_size", C.SelectionSize}};
}

PartialCoverage coverageFromJson(const json &J) {
  PartialCoverage C;
  std::string Kind = J.at("kind").get<std::string>();
  if (Kind == "files")
    return C;
  if (Kind != "shard")
    throw json::other_error::create(501, "unknown coverage kind '" + Kind + "'", &J);
  C.What = PartialCoverage::Shard;
  C.Index = J.at("index").get<unsigned>();
  C.Count = J.at("count").get<unsigned>();
  C.SelectionDigest = J.at("selection_sha256").get<std::string>();
  C.Paths = J.at("paths").get<std::vector<std::string>>();
  C.SelectionSize = J.at("selection_size").get<size_t>();
  return C;
}

json toJson(const PartialTU &T) {
  json J = {{"directory", T.Job.Directory},
            {"file", T.Job.File},
            {"arguments", T.Job.Arguments},
            {"ok", T.Outcome.Ok}};
  if (T.Outcome.Ok)
    J["facts"] = T.Outcome.Facts;
  else
    J["failure"] = T.Outcome.Failure;
  return J;
}

PartialTU tuFromJson(const json &J) {
  PartialTU T;
  T.Job = {J.at("directory").get<std::string>(), J.at("file").get<std::string>(),
           J.at("arguments").get<std::vector<std::string>>()};
  T.Outcome.File = T.Job.File;
  T.Outcome.Ok = J.at("ok").get<bool>();
  if (T.Outcome.Ok)
    T.Outcome.Facts = J.at("facts").get<TUFacts>();
  else
    T.Outcome.Failure = J.at("failure").get<std::string>();
  return T;
}

/// How a run differs from the first partial's, or "" when it does not.
std::string runDifference(const PartialRun &A, const PartialRun &B) {
  if (A.Version != B.Version)
    return "made by devlife " + B.Version + ", not " + A.Version;
  if (A.Checks != B.Checks)
    return "made with other checks (" + llvm::join(B.Checks, ",") + ")";
  if (A.Models.size() != B.Models.size())
    return "made with " + std::to_string(B.Models.size()) + " --api-model file(s), not " +
           std::to_string(A.Models.size());
  for (size_t I = 0; I < A.Models.size(); ++I)
    if (A.Models[I].Text != B.Models[I].Text)
      return "made with another --api-model " + B.Models[I].Path;
  if (A.SourceRoot != B.SourceRoot)
    return "made with source root " + B.SourceRoot + ", not " + A.SourceRoot;
  if (A.UriBaseId != B.UriBaseId)
    return "made with uri base id " + B.UriBaseId + ", not " + A.UriBaseId;
  if (A.DatabaseDir != B.DatabaseDir)
    return "made from database " + B.DatabaseDir + ", not " + A.DatabaseDir;
  return "";
}

std::string coverageDifference(const PartialCoverage &A, const PartialCoverage &B) {
  if (A.What != B.What)
    return "a shard partial and a per-file (Kbuild) partial do not merge";
  if (A.What == PartialCoverage::Files)
    return "";
  if (A.Count != B.Count)
    return "shard " + std::to_string(B.Index) + "/" + std::to_string(B.Count) +
           " is of another split than " + std::to_string(A.Index) + "/" +
           std::to_string(A.Count);
  if (A.Paths != B.Paths)
    return "made for other paths (" + llvm::join(B.Paths, " ") + ")";
  if (A.SelectionDigest != B.SelectionDigest || A.SelectionSize != B.SelectionSize)
    return "split another selection of translation units (the compile database "
           "changed in between?)";
  return "";
}

/// Every shard once: the names of a duplicate, the numbers missing.
llvm::Error checkShards(const std::vector<Partial> &Parts,
                        const std::vector<std::string> &Names) {
  unsigned N = Parts.front().Coverage.Count;
  std::map<unsigned, size_t> Seen;
  for (size_t I = 0; I < Parts.size(); ++I) {
    auto [It, New] = Seen.insert({Parts[I].Coverage.Index, I});
    if (!New)
      return llvm::createStringError(
          std::errc::invalid_argument, "shard %u/%u is given twice: %s and %s",
          Parts[I].Coverage.Index, N, Names[It->second].c_str(), Names[I].c_str());
  }
  std::vector<std::string> Missing;
  for (unsigned K = 1; K <= N; ++K)
    if (!Seen.count(K))
      Missing.push_back(std::to_string(K) + "/" + std::to_string(N));
  if (!Missing.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "shard(s) %s missing: every shard of the "
                                   "split must be merged, each once",
                                   llvm::join(Missing, ", ").c_str());
  return llvm::Error::success();
}

} // namespace

std::vector<size_t> shardIndices(size_t NumJobs, unsigned K, unsigned N) {
  std::vector<size_t> Out;
  for (size_t I = K - 1; I < NumJobs; I += N)
    Out.push_back(I);
  return Out;
}

llvm::Expected<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text) {
  auto [KText, NText] = Text.split('/');
  unsigned K = 0, N = 0;
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || K < 1 || K > N)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--shard takes K/N with 1 <= K <= N, not '%s'",
                                   Text.str().c_str());
  return std::make_pair(K, N);
}

std::string digestOf(llvm::StringRef Text) {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text)),
                     /*LowerCase=*/true);
}

std::string selectionDigest(const std::vector<CompileJob> &Jobs) {
  json All = json::array();
  for (const CompileJob &J : Jobs)
    All.push_back({J.Directory, J.File, J.Arguments});
  return digestOf(All.dump());
}

llvm::Error writePartial(const std::string &Path, const Partial &P) {
  json TUs = json::array();
  for (const PartialTU &T : P.TUs)
    TUs.push_back(toJson(T));
  json J = {{"format", PartialFormat},
            {"run", toJson(P.Run)},
            {"coverage", toJson(P.Coverage)},
            {"tus", TUs}};
  return writeFileAtomically(Path, J.dump());
}

llvm::Expected<Partial> readPartial(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "cannot read partial %s: %s",
                                   Path.c_str(), Buf.getError().message().c_str());
  return parsePartial((*Buf)->getBuffer(), Path);
}

llvm::Expected<Partial> parsePartial(llvm::StringRef Text,
                                     const std::string &Path) {
  json J = json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s is no devlife partial (not JSON)", Path.c_str());
  std::string Format = J.value("format", "");
  if (Format != PartialFormat)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "%s is a partial of format '%s'; this devlife reads '%s' only: make "
        "every partial with the same devlife as the merge",
        Path.c_str(), Format.c_str(), PartialFormat);
  try {
    Partial P;
    P.Run = runFromJson(J.at("run"));
    P.Coverage = coverageFromJson(J.at("coverage"));
    for (const json &T : J.at("tus"))
      P.TUs.push_back(tuFromJson(T));
    return P;
  } catch (const json::exception &E) {
    return llvm::createStringError(std::errc::invalid_argument,
                                   "partial %s is malformed: %s", Path.c_str(),
                                   E.what());
  }
}

llvm::Expected<Partial> combinePartials(const std::vector<Partial> &Parts,
                                        const std::vector<std::string> &Names) {
  if (Parts.empty())
    return llvm::createStringError(std::errc::invalid_argument, "no partial to merge");
  const Partial &First = Parts.front();
  for (size_t I = 1; I < Parts.size(); ++I) {
    // The kinds first: between a shard and a Kbuild file, that is the news.
    std::string Why = coverageDifference(First.Coverage, Parts[I].Coverage);
    if (Why.empty())
      Why = runDifference(First.Run, Parts[I].Run);
    if (!Why.empty())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s does not belong with %s: %s",
                                     Names[I].c_str(), Names[0].c_str(), Why.c_str());
  }
  if (First.Coverage.What == PartialCoverage::Shard)
    if (auto Err = checkShards(Parts, Names))
      return Err;

  Partial All{First.Run, First.Coverage, {}};
  std::map<std::string, size_t> FileFrom;
  for (size_t I = 0; I < Parts.size(); ++I)
    for (const PartialTU &T : Parts[I].TUs) {
      auto [It, New] = FileFrom.insert({T.Job.File, I});
      if (!New)
        return llvm::createStringError(std::errc::invalid_argument,
                                       "%s is in two partials: %s and %s",
                                       T.Job.File.c_str(), Names[It->second].c_str(),
                                       Names[I].c_str());
      All.TUs.push_back(T);
    }
  if (All.Coverage.What == PartialCoverage::Shard &&
      All.TUs.size() != All.Coverage.SelectionSize)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "the shards hold %zu translation units, the "
                                   "split selection %zu",
                                   All.TUs.size(), All.Coverage.SelectionSize);
  std::sort(All.TUs.begin(), All.TUs.end(), [](const PartialTU &A, const PartialTU &B) {
    return A.Job.File < B.Job.File;
  });
  return All;
}

} // namespace devlife
