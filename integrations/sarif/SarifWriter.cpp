//===- SarifWriter.cpp - SARIF 2.1.0 for GitHub code scanning -------------===//
//
// What GitHub needs and why each piece is here is in FACTS.md, section SARIF.
// Keys are written in a fixed order (ordered_json) and every list is sorted
// before it is written, so equal input always gives equal bytes.
//
//===----------------------------------------------------------------------===//
#include "integrations/sarif/SarifWriter.h"
#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/Fingerprint.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <tuple>

namespace devlife {

using Json = nlohmann::ordered_json;

namespace {

constexpr const char *SchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char *ToolName = "devlife";
using github::MaxDescriptionBytes;
using github::MaxTagsPerRule;

//===-- Paths and URIs ----------------------------------------------------===//

bool isUnreservedUriChar(unsigned char C) {
  return llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~';
}

/// RFC 3986 percent-encoding of a path, keeping "/" as the separator.
/// Everything but unreserved characters is encoded: a ":" in a relative
/// path would otherwise read as a URI scheme, a "%" as an escape.
std::string percentEncodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isUnreservedUriChar(C) || C == '/') {
      Out += static_cast<char>(C);
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 0xF);
  }
  return Out;
}

bool isAbsolutePath(llvm::StringRef Path) {
  return llvm::sys::path::is_absolute(Path, llvm::sys::path::Style::posix);
}

/// A directory as an absolute file URI; SARIF wants base URIs to end in "/".
std::string directoryUri(const std::string &Dir) {
  std::string Uri = "file://" + percentEncodePath(normalisedPath(Dir));
  if (Uri.back() != '/')
    Uri += '/';
  return Uri;
}

//===-- Text --------------------------------------------------------------===//

/// At most MaxBytes bytes, cut on a UTF-8 character boundary. Bytes bound
/// every other way of counting characters, so GitHub's limit holds too.
std::string truncateUtf8(const std::string &Text, size_t MaxBytes) {
  if (Text.size() <= MaxBytes)
    return Text;
  const std::string Ellipsis = "...";
  size_t Cut = MaxBytes - Ellipsis.size();
  while (Cut > 0 && (static_cast<unsigned char>(Text[Cut]) & 0xC0) == 0x80)
    --Cut;
  return Text.substr(0, Cut) + Ellipsis;
}

/// SARIF §3.11.6: in a message with embedded links, literal "[" and "]"
/// (and so "\") are escaped with a backslash, so that only our own
/// "[text](id)" links are read as links.
std::string escapeForEmbeddedLinks(const std::string &Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '\\' || C == '[' || C == ']')
      Out += '\\';
    Out += C;
  }
  return Out;
}

const std::string &
firstNonEmpty(std::initializer_list<const std::string *> Ts) {
  for (const std::string *T : Ts)
    if (!T->empty())
      return *T;
  return **(Ts.end() - 1);
}

bool isSemanticVersion(const std::string &V) {
  static const std::regex SemVer(
      R"(^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))"
      R"((-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)");
  return std::regex_match(V, SemVer);
}

bool isKnownPrecision(const std::string &P) {
  return P == "very-high" || P == "high" || P == "medium" || P == "low";
}

/// GitHub reads security-severity as a number from 0.0 to 10.0 written as
/// a string; anything else would only make the upload fail.
bool isSecuritySeverity(const std::string &S) {
  if (S.empty())
    return false;
  char *End = nullptr;
  double V = std::strtod(S.c_str(), &End);
  return *End == '\0' && V >= 0.0 && V <= 10.0;
}

/// GitHub's problem.severity vocabulary for non-security rules.
const char *problemSeverity(Level L) {
  switch (L) {
  case Level::Error:
    return "error";
  case Level::Warning:
    return "warning";
  case Level::Note:
    return "recommendation";
  }
  return "warning";
}

//===-- Source files ------------------------------------------------------===//

/// Reads each source file at most once; all that the writer needs from the
/// text of a file: its line hashes and UTF-16 columns.
class SourceFiles {
public:
  explicit SourceFiles(SourceReader Read) : Read(std::move(Read)) {}

  /// GitHub's hash of the line, or nothing if the file or line is missing.
  std::optional<std::string> lineHash(const std::string &File, unsigned Line) {
    Text *T = get(File);
    if (!T || Line == 0)
      return std::nullopt;
    if (!T->Hashes)
      T->Hashes = lineHashes(T->Bytes);
    if (Line > T->Hashes->size())
      return std::nullopt;
    return (*T->Hashes)[Line - 1];
  }

  /// Findings count columns in bytes (as Clang does); SARIF's default
  /// columnKind counts UTF-16 code units. They differ after non-ASCII text.
  /// Without the file, the byte column is the best there is.
  unsigned utf16Column(const SourcePoint &P) {
    Text *T = get(P.File);
    if (!T || P.Column == 0 || P.Line == 0 || P.Line > T->LineStarts.size())
      return P.Column;
    size_t Begin = T->LineStarts[P.Line - 1];
    size_t End = P.Line < T->LineStarts.size() ? T->LineStarts[P.Line]
                                               : T->Bytes.size();
    size_t Wanted = P.Column - 1;
    size_t Inside = std::min(Wanted, End - Begin);
    size_t Units =
        utf16CodeUnits(llvm::StringRef(T->Bytes).substr(Begin, Inside)).size();
    return static_cast<unsigned>(Units + (Wanted - Inside) + 1);
  }

private:
  struct Text {
    std::string Bytes;
    std::vector<size_t> LineStarts;
    std::optional<std::vector<std::string>> Hashes;
  };

  /// Line breaks as the fingerprint sees them: LF, CR LF and a lone CR.
  static std::vector<size_t> lineStarts(const std::string &Bytes) {
    std::vector<size_t> Starts{0};
    for (size_t I = 0; I < Bytes.size(); ++I) {
      if (Bytes[I] == '\r' && I + 1 < Bytes.size() && Bytes[I + 1] == '\n')
        ++I;
      if (Bytes[I] == '\n' || Bytes[I] == '\r')
        Starts.push_back(I + 1);
    }
    return Starts;
  }

  Text *get(const std::string &File) {
    auto It = Cache.find(File);
    if (It == Cache.end()) {
      std::optional<Text> T;
      if (std::optional<std::string> Bytes = Read ? Read(File) : std::nullopt)
        T = Text{*Bytes, lineStarts(*Bytes), std::nullopt};
      It = Cache.emplace(File, std::move(T)).first;
    }
    return It->second ? &*It->second : nullptr;
  }

  SourceReader Read;
  std::map<std::string, std::optional<Text>> Cache;
};

//===-- Input preparation -------------------------------------------------===//

auto pointKey(const SourcePoint &P) {
  return std::tie(P.File, P.Line, P.Column);
}

bool stepLess(const PathStep &A, const PathStep &B) {
  return std::tuple_cat(pointKey(A.Where), std::tie(A.Message)) <
         std::tuple_cat(pointKey(B.Where), std::tie(B.Message));
}

bool editLess(const Edit &A, const Edit &B) {
  return std::tuple_cat(pointKey(A.Begin), pointKey(A.End),
                        std::tie(A.Replacement)) <
         std::tuple_cat(pointKey(B.Begin), pointKey(B.End),
                        std::tie(B.Replacement));
}

/// Negative, zero or positive as A sorts before, with or after B.
template <typename T, typename Less>
int compareLists(const std::vector<T> &A, const std::vector<T> &B, Less L) {
  if (std::lexicographical_compare(A.begin(), A.end(), B.begin(), B.end(), L))
    return -1;
  if (std::lexicographical_compare(B.begin(), B.end(), A.begin(), A.end(), L))
    return 1;
  return 0;
}

/// operator< leaves ties between findings that differ only in severity or
/// evidence; this breaks them, so that input order never shows.
bool totalLess(const Finding &A, const Finding &B) {
  if (A < B || B < A)
    return A < B;
  if (A.Severity != B.Severity)
    return A.Severity < B.Severity;
  if (int C = compareLists(A.Path, B.Path, stepLess))
    return C < 0;
  if (int C = compareLists(A.Related, B.Related, stepLess))
    return C < 0;
  return compareLists(A.Fixes, B.Fixes, editLess) < 0;
}

/// Findings in a total order, duplicates (sameFinding) removed: the first
/// in that order is kept.
std::vector<Finding> sortedUniqueFindings(std::vector<Finding> Findings) {
  std::sort(Findings.begin(), Findings.end(), totalLess);
  std::vector<Finding> Out;
  for (Finding &F : Findings)
    if (Out.empty() || !sameFinding(Out.back(), F))
      Out.push_back(std::move(F));
  return Out;
}

/// At most Budget steps (at least 2): the first half and the last, so the
/// flow still starts where it starts and ends where the bug is; the first
/// step after the gap says how many were left out.
std::vector<PathStep> keepStartAndEnd(const std::vector<PathStep> &Path,
                                      size_t Budget) {
  if (Path.size() <= Budget)
    return Path;
  size_t Head = Budget / 2, Tail = Budget - Head;
  std::vector<PathStep> Out(Path.begin(), Path.begin() + Head);
  Out.insert(Out.end(), Path.end() - Tail, Path.end());
  PathStep &AfterGap = Out[Head];
  AfterGap.Message = "(" + std::to_string(Path.size() - Budget) +
                     " steps left out) " + AfterGap.Message;
  return Out;
}

/// Which findings a log that must stay under a limit keeps: the first Keep
/// of the highest levels first, the findings' order breaking ties.
std::vector<Finding> highestLevelsFirst(std::vector<Finding> Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return A.Severity > B.Severity;
                   });
  return Findings;
}

/// "3 warnings and 1,204 notes": what was left out, by level.
std::string countByLevel(const std::vector<Finding> &LeftOut) {
  std::map<Level, size_t, std::greater<Level>> N;
  for (const Finding &F : LeftOut)
    ++N[F.Severity];
  std::string Out;
  size_t I = 0;
  for (const auto &[L, Count] : N) {
    Out += I == 0 ? "" : I + 1 == N.size() ? " and " : ", ";
    Out += std::to_string(Count) + " " + levelName(L) + (Count == 1 ? "" : "s");
    ++I;
  }
  return Out;
}

/// Deflate output size, as gzip would write it (zlib's wrapper is 12 bytes
/// shorter than gzip's). Without zlib, the text's own size bounds it.
size_t gzipSize(llvm::StringRef Text) {
  if (!llvm::compression::zlib::isAvailable())
    return Text.size();
  llvm::SmallVector<uint8_t, 0> Out;
  llvm::compression::zlib::compress(llvm::arrayRefFromStringRef(Text), Out);
  return Out.size() + 12;
}

auto ruleKey(const RuleInfo &R) {
  return std::tie(R.Id, R.Name, R.ShortDescription, R.FullDescription,
                  R.HelpText, R.HelpMarkdown, R.HelpUri, R.DefaultLevel, R.Tags,
                  R.Precision, R.SecuritySeverity);
}

/// Rules sorted by id, one per id. A finding whose rule is missing gets a
/// placeholder rule rather than being dropped, and a notification says so.
struct RuleTable {
  std::vector<RuleInfo> Rules;
  std::map<std::string, unsigned> IndexOf;
  std::vector<ToolNotification> Problems;

  RuleTable(const std::vector<RuleInfo> &Given,
            const std::vector<Finding> &Findings) {
    // If an id is described twice, the description that sorts first wins,
    // whatever the input order.
    std::vector<RuleInfo> Sorted = Given;
    std::sort(Sorted.begin(), Sorted.end(),
              [](const RuleInfo &A, const RuleInfo &B) {
                return ruleKey(A) < ruleKey(B);
              });
    std::map<std::string, RuleInfo> ById;
    for (RuleInfo &R : Sorted)
      ById.emplace(R.Id, std::move(R));
    for (const Finding &F : Findings) {
      if (ById.count(F.RuleId))
        continue;
      ById.emplace(F.RuleId, placeholderRule(F.RuleId));
      Problems.push_back({"", Level::Warning,
                          "No rule metadata for '" + F.RuleId +
                              "'; a placeholder rule was written."});
    }
    for (auto &[Id, R] : ById) {
      IndexOf[Id] = static_cast<unsigned>(Rules.size());
      Rules.push_back(std::move(R));
    }
  }

  static RuleInfo placeholderRule(const std::string &Id) {
    RuleInfo R;
    R.Id = Id;
    R.ShortDescription = "Findings of the devlife rule " + Id + ".";
    return R;
  }
};

std::vector<ToolNotification>
sortedNotifications(std::vector<ToolNotification> Ns) {
  std::sort(Ns.begin(), Ns.end(),
            [](const ToolNotification &A, const ToolNotification &B) {
              return std::make_tuple(A.File, A.Line, A.Column, A.Severity,
                                     A.Message) <
                     std::make_tuple(B.File, B.Line, B.Column, B.Severity,
                                     B.Message);
            });
  return Ns;
}

//===-- Rendering ---------------------------------------------------------===//

class SarifRenderer {
public:
  SarifRenderer(const SarifInput &In, const SarifOptions &Opts,
                SourceReader Read)
      : In(In), Opts(Opts), Findings(sortedUniqueFindings(In.Findings)),
        Suppressed(sortedSuppressed(In.Suppressed)),
        Rules(In.Rules, withSuppressed(Findings, Suppressed)), Files(Read),
        Hasher(Opts.SourceRoot, std::move(Read)) {}

  Json log() {
    Json Log;
    Log["$schema"] = SchemaUri;
    Log["version"] = "2.1.0";
    Log["runs"] = Json::array();
    Log["runs"].push_back(run());
    return Log;
  }

private:
  /// Sorted and deduplicated as the findings are.
  static std::vector<SuppressedFinding>
  sortedSuppressed(std::vector<SuppressedFinding> S) {
    std::sort(S.begin(), S.end(), [](const auto &A, const auto &B) {
      return totalLess(A.What, B.What);
    });
    S.erase(std::unique(S.begin(), S.end(),
                        [](const auto &A, const auto &B) {
                          return sameFinding(A.What, B.What);
                        }),
            S.end());
    return S;
  }

  /// Every finding a rule must be described for.
  static std::vector<Finding>
  withSuppressed(const std::vector<Finding> &Findings,
                 const std::vector<SuppressedFinding> &Suppressed) {
    std::vector<Finding> All = Findings;
    for (const SuppressedFinding &S : Suppressed)
      All.push_back(S.What);
    return All;
  }

  Json run() {
    Json Run;
    Run["tool"] = {{"driver", driver()}};
    if (!Opts.AutomationId.empty())
      Run["automationDetails"] = {{"id", automationId()}};
    Run["invocations"] = Json::array();
    Run["invocations"].push_back(invocation());
    if (!Opts.SourceRoot.empty())
      Run["originalUriBaseIds"] = {
          {Opts.UriBaseId, {{"uri", directoryUri(Opts.SourceRoot)}}}};
    Run["columnKind"] = "utf16CodeUnits";
    Run["results"] = results();
    return Run;
  }

  std::string automationId() const {
    std::string Id = Opts.AutomationId;
    if (Id.back() != '/')
      Id += '/';
    return Id;
  }

  Json driver() {
    Json D;
    D["name"] = ToolName;
    if (!Opts.ToolVersion.empty())
      D["version"] = Opts.ToolVersion;
    if (isSemanticVersion(Opts.ToolVersion))
      D["semanticVersion"] = Opts.ToolVersion;
    if (!Opts.InformationUri.empty())
      D["informationUri"] = Opts.InformationUri;
    D["rules"] = Json::array();
    for (const RuleInfo &R : Rules.Rules)
      D["rules"].push_back(rule(R));
    return D;
  }

  static Json rule(const RuleInfo &R) {
    // GitHub rejects empty descriptions; each falls back on the shorter one.
    const std::string &Short =
        firstNonEmpty({&R.ShortDescription, &R.Name, &R.Id});
    const std::string &Full = firstNonEmpty({&R.FullDescription, &Short});
    const std::string &Help = firstNonEmpty({&R.HelpText, &Full});
    Json J;
    J["id"] = R.Id;
    if (!R.Name.empty())
      J["name"] = R.Name;
    J["shortDescription"] = {{"text", Short}};
    J["fullDescription"] = {{"text", truncateUtf8(Full, MaxDescriptionBytes)}};
    J["help"] = {{"text", Help}};
    if (!R.HelpMarkdown.empty())
      J["help"]["markdown"] = R.HelpMarkdown;
    if (!R.HelpUri.empty())
      J["helpUri"] = R.HelpUri;
    J["defaultConfiguration"] = {{"level", levelName(R.DefaultLevel)}};
    J["properties"] = ruleProperties(R);
    return J;
  }

  static Json ruleProperties(const RuleInfo &R) {
    Json P;
    P["tags"] = Json::array();
    std::set<std::string> Seen;
    for (const std::string &Tag : R.Tags)
      if (P["tags"].size() < MaxTagsPerRule && !Tag.empty() &&
          Seen.insert(Tag).second)
        P["tags"].push_back(Tag);
    if (isKnownPrecision(R.Precision))
      P["precision"] = R.Precision;
    P["problem.severity"] = problemSeverity(R.DefaultLevel);
    if (isSecuritySeverity(R.SecuritySeverity))
      P["security-severity"] = R.SecuritySeverity; // a string, never a number
    return P;
  }

  Json invocation() {
    Json Inv;
    Inv["executionSuccessful"] = In.ExecutionSuccessful;
    if (!Opts.WorkingDirectory.empty())
      Inv["workingDirectory"] = {{"uri", directoryUri(Opts.WorkingDirectory)}};
    std::vector<ToolNotification> All = In.Notifications;
    All.insert(All.end(), Rules.Problems.begin(), Rules.Problems.end());
    Json Notes = Json::array();
    for (const ToolNotification &N : sortedNotifications(std::move(All)))
      Notes.push_back(notification(N));
    if (!Notes.empty())
      Inv["toolExecutionNotifications"] = std::move(Notes);
    return Inv;
  }

  Json notification(const ToolNotification &N) {
    Json J;
    J["level"] = levelName(N.Severity);
    J["message"] = {{"text", N.Message}};
    if (!N.File.empty()) {
      Json Physical;
      Physical["artifactLocation"] = artifactLocation(N.File);
      if (N.Line)
        Physical["region"] = region({N.File, N.Line, N.Column});
      Json Location;
      Location["physicalLocation"] = std::move(Physical);
      J["locations"] = Json::array();
      J["locations"].push_back(std::move(Location));
    }
    return J;
  }

  Json results() {
    Json Rs = Json::array();
    for (const Finding &F : Findings)
      Rs.push_back(result(F));
    for (const SuppressedFinding &S : Suppressed) {
      Json R = result(S.What);
      Json Where;
      Where["physicalLocation"] = physicalLocation(S.Comment);
      R["suppressions"] = Json::array();
      R["suppressions"].push_back(
          {{"kind", "inSource"}, {"location", std::move(Where)}});
      Rs.push_back(std::move(R));
    }
    return Rs;
  }

  Json result(const Finding &F) {
    const RuleInfo &R = Rules.Rules[Rules.IndexOf.at(F.RuleId)];
    Json J;
    J["ruleId"] = F.RuleId;
    J["ruleIndex"] = Rules.IndexOf.at(F.RuleId);
    J["level"] = levelName(F.Severity);
    J["message"] = {{"text", messageText(F, R)}};
    J["locations"] = Json::array();
    J["locations"].push_back(primaryLocation(F));
    if (!F.Path.empty())
      J["codeFlows"] = codeFlows(F);
    if (!F.Related.empty())
      J["relatedLocations"] = relatedLocations(F);
    J["partialFingerprints"] = {{"primaryLocationLineHash", fingerprint(F)},
                                {FindingHashKey, Hasher.numbered(F)}};
    if (Json Fx = fixes(F); !Fx.empty())
      J["fixes"] = std::move(Fx);
    return J;
  }

  /// GitHub links related locations only from "[text](id)" in the message,
  /// so each related location gets such a link, numbered as its id. Related
  /// locations that say the same thing share it: "also lost here: [line
  /// 245](1), [line 251](2)".
  ///
  /// GitHub shows no related location the message does not link, and
  /// links only the first few (SarifLimits::RelatedLinked): the rest are
  /// counted in the message, and written (up to RelatedWritten) for other
  /// viewers.
  std::string messageText(const Finding &F, const RuleInfo &R) const {
    const std::string &Text = firstNonEmpty(
        {&F.Message, &R.ShortDescription, &R.Name, &R.Id});
    size_t Count = std::min(F.Related.size(), Opts.Limits.RelatedLinked);
    if (Count == 0)
      return Text;
    std::vector<std::pair<std::string, std::vector<size_t>>> Groups;
    for (size_t I = 0; I < Count; ++I) {
      std::string Label = F.Related[I].Message.empty()
                              ? std::string("related location")
                              : F.Related[I].Message;
      auto It = llvm::find_if(Groups, [&](auto &G) { return G.first == Label; });
      if (It == Groups.end())
        Groups.push_back({std::move(Label), {I}});
      else
        It->second.push_back(I);
    }
    std::string Out = escapeForEmbeddedLinks(Text) + " (see ";
    for (size_t G = 0; G < Groups.size(); ++G) {
      const auto &[Label, Ids] = Groups[G];
      Out += G ? "; " : "";
      if (Ids.size() == 1) {
        Out += "[" + escapeForEmbeddedLinks(Label) + "](" +
               std::to_string(Ids[0] + 1) + ")";
        continue;
      }
      Out += escapeForEmbeddedLinks(Label) + ": ";
      for (size_t K = 0; K < Ids.size(); ++K)
        Out += std::string(K ? ", " : "") + "[line " +
               std::to_string(F.Related[Ids[K]].Where.Line) + "](" +
               std::to_string(Ids[K] + 1) + ")";
    }
    if (size_t More = F.Related.size() - Count)
      Out += "; and " + std::to_string(More) + " more related location" +
             (More == 1 ? "" : "s");
    return Out + ")";
  }

  Json artifactLocation(const std::string &File) {
    ArtifactUri A = artifactUriFor(File, Opts.SourceRoot);
    Json J;
    J["uri"] = A.Uri;
    if (A.UnderRoot && !Opts.UriBaseId.empty())
      J["uriBaseId"] = Opts.UriBaseId;
    return J;
  }

  /// Line 0 means "somewhere in the file": GitHub needs a region, and its
  /// own tooling uses line 1 for such results.
  Json region(const SourcePoint &P) {
    Json R;
    R["startLine"] = P.Line ? P.Line : 1u;
    if (P.Line && P.Column)
      R["startColumn"] = Files.utf16Column(P);
    return R;
  }

  Json physicalLocation(const SourcePoint &P) {
    return {{"artifactLocation", artifactLocation(P.File)},
            {"region", region(P)}};
  }

  Json primaryLocation(const Finding &F) {
    Json L;
    L["physicalLocation"] = physicalLocation(F.Where);
    // SARIF keeps logical locations on the location, not on the result.
    if (!F.Function.empty()) {
      Json Logical;
      Logical["name"] = F.Function;
      Logical["kind"] = "function";
      L["logicalLocations"] = Json::array();
      L["logicalLocations"].push_back(std::move(Logical));
    }
    return L;
  }

  /// A location with a message; Id is set for related locations, which the
  /// result message links to by id.
  Json stepLocation(const PathStep &S, std::optional<size_t> Id = {}) {
    Json L;
    if (Id)
      L["id"] = *Id;
    L["physicalLocation"] = physicalLocation(S.Where);
    if (!S.Message.empty())
      L["message"] = {{"text", S.Message}};
    return L;
  }

  Json codeFlow(const std::vector<PathStep> &Path, size_t Budget) {
    Json ThreadFlow;
    ThreadFlow["locations"] = Json::array();
    for (const PathStep &S : keepStartAndEnd(Path, Budget)) {
      Json Step;
      Step["location"] = stepLocation(S);
      ThreadFlow["locations"].push_back(std::move(Step));
    }
    Json Flow;
    Flow["threadFlows"] = Json::array();
    Flow["threadFlows"].push_back(std::move(ThreadFlow));
    return Flow;
  }

  /// The flows of a finding share the locations GitHub shows of a result.
  Json codeFlows(const Finding &F) {
    std::vector<const std::vector<PathStep> *> All{&F.Path};
    for (const std::vector<PathStep> &Other : F.OtherFlows)
      if (!Other.empty())
        All.push_back(&Other);
    size_t Budget = std::max<size_t>(2, Opts.Limits.FlowLocations / All.size());
    Json Flows = Json::array();
    for (const std::vector<PathStep> *Flow : All)
      Flows.push_back(codeFlow(*Flow, Budget));
    return Flows;
  }

  Json relatedLocations(const Finding &F) {
    Json Out = Json::array();
    for (size_t I = 0; I < F.Related.size() && I < Opts.Limits.RelatedWritten; ++I)
      Out.push_back(stepLocation(F.Related[I], I + 1));
    return Out;
  }

  /// All edits of a finding form one fix, grouped by file in the order the
  /// files first appear.
  Json fixes(const Finding &F) {
    std::vector<std::string> FileOrder;
    std::map<std::string, Json> ReplacementsByFile;
    for (const Edit &E : F.Fixes) {
      if (E.Begin.Line == 0 || E.End.Line == 0)
        continue; // an edit without a place cannot be applied
      if (!ReplacementsByFile.count(E.Begin.File))
        FileOrder.push_back(E.Begin.File);
      ReplacementsByFile[E.Begin.File].push_back(replacement(E));
    }
    Json Fix;
    Fix["description"] = {{"text", "Suggested fix"}};
    Fix["artifactChanges"] = Json::array();
    for (const std::string &File : FileOrder) {
      Json Change;
      Change["artifactLocation"] = artifactLocation(File);
      Change["replacements"] = std::move(ReplacementsByFile[File]);
      Fix["artifactChanges"].push_back(std::move(Change));
    }
    Json Fixes = Json::array();
    if (!FileOrder.empty())
      Fixes.push_back(std::move(Fix));
    return Fixes;
  }

  Json replacement(const Edit &E) {
    SourcePoint Begin = E.Begin, End = E.End;
    Begin.Column = std::max(Begin.Column, 1u);
    End.Column = std::max(End.Column, 1u);
    Json Deleted;
    Deleted["startLine"] = Begin.Line;
    Deleted["startColumn"] = Files.utf16Column(Begin);
    Deleted["endLine"] = End.Line;
    Deleted["endColumn"] = Files.utf16Column(End);
    return {{"deletedRegion", Deleted},
            {"insertedContent", {{"text", E.Replacement}}}};
  }

  /// GitHub's own line hash when the file (and the line) can be read.
  /// Otherwise a stand-in of the same shape: the first 64 bits of a SHA-256
  /// of what identifies the finding apart from its line number (rule, URI,
  /// function, message), so that it survives edits above it, numbered the
  /// way GitHub numbers equal hashes. It cannot equal what the upload action
  /// would compute from the file; the action keeps a value that is present
  /// (with a warning if it could hash the file itself), and the REST API
  /// computes nothing, so the stand-in is what GitHub matches alerts on.
  std::string fingerprint(const Finding &F) {
    if (std::optional<std::string> H =
            Files.lineHash(F.Where.File, F.Where.Line ? F.Where.Line : 1))
      return *H;
    const std::string Uri = artifactUriFor(F.Where.File, Opts.SourceRoot).Uri;
    llvm::SHA256 Hasher;
    for (const std::string *Part : {&F.RuleId, &Uri, &F.Function, &F.Message}) {
      Hasher.update(*Part);
      Hasher.update(llvm::StringRef("\0", 1));
    }
    std::array<uint8_t, 32> Digest = Hasher.final();
    std::string Hex = llvm::toHex(llvm::ArrayRef(Digest).take_front(8),
                                  /*LowerCase=*/true);
    return Hex + ":" + std::to_string(++FallbackSeen[Hex]);
  }

  const SarifInput &In;
  const SarifOptions &Opts;
  std::vector<Finding> Findings;
  std::vector<SuppressedFinding> Suppressed;
  RuleTable Rules;
  SourceFiles Files;
  FindingHasher Hasher;
  std::map<std::string, unsigned> FallbackSeen;
};

} // namespace

std::string normalisedPath(llvm::StringRef Path) {
  llvm::SmallString<256> S(Path);
  llvm::sys::path::native(S, llvm::sys::path::Style::posix);
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true,
                               llvm::sys::path::Style::posix);
  return std::string(S);
}

std::string pathUnderRoot(const std::string &File, llvm::StringRef Root) {
  std::string Path = normalisedPath(File);
  std::string R = normalisedPath(Root);
  if (R.empty())
    return Path;
  llvm::StringRef Rel = Path;
  if (Rel.consume_front(llvm::StringRef(R).rtrim('/')) && Rel.consume_front("/") &&
      !Rel.empty())
    return Rel.str();
  return Path;
}

ArtifactUri artifactUriFor(const std::string &File,
                           const std::string &SourceRoot) {
  std::string Path = normalisedPath(File);
  if (isAbsolutePath(Path))
    Path = pathUnderRoot(Path, SourceRoot);
  if (!isAbsolutePath(Path))
    return {percentEncodePath(Path), true};
  return {"file://" + percentEncodePath(Path), false};
}

namespace {

std::string renderOnce(const SarifInput &In, const SarifOptions &Opts,
                       const SourceReader &ReadFile) {
  Json Log = SarifRenderer(In, Opts, ReadFile).log();
  // Messages may quote source text that is not valid UTF-8; replace such
  // bytes with U+FFFD rather than fail the whole report.
  return Log.dump(2, ' ', /*ensure_ascii=*/false,
                  nlohmann::json::error_handler_t::replace) +
         "\n";
}

/// In, keeping the first Keep of Ranked and saying what it left out.
SarifInput keepOnly(const SarifInput &In, const std::vector<Finding> &Ranked,
                    size_t Keep, const SarifLimits &L) {
  SarifInput Out = In;
  Out.Findings.assign(Ranked.begin(), Ranked.begin() + Keep);
  // Suppressed results, written only on request, are the first to go.
  Out.Suppressed.clear();
  std::vector<Finding> LeftOut(Ranked.begin() + Keep, Ranked.end());
  std::string Suppressed =
      In.Suppressed.empty()
          ? ""
          : " (and the " + std::to_string(In.Suppressed.size()) +
                " suppressed results asked for)";
  Out.Notifications.push_back(
      {"", Level::Warning,
       std::to_string(LeftOut.size()) + " of " + std::to_string(Ranked.size()) +
           " results were left out of this file" +
           (LeftOut.empty() ? "" : ", " + countByLevel(LeftOut)) + Suppressed +
           ": GitHub code scanning rejects a run of more than " +
           std::to_string(L.MaxResults) + " results or a file of more than " +
           std::to_string(L.MaxGzipBytes) +
           " bytes gzip-compressed. Kept are the results of the highest "
           "levels, and of the lowest level kept the first by file and line. "
           "devlife's text and JSON lines output list them all."});
  return Out;
}

} // namespace

std::string renderSarif(const SarifInput &In, const SarifOptions &Opts,
                        SourceReader ReadFile, SarifStats *Stats) {
  const SarifLimits &L = Opts.Limits;
  std::vector<Finding> Ranked =
      highestLevelsFirst(sortedUniqueFindings(In.Findings));
  size_t Keep = std::min(Ranked.size(), L.MaxResults);
  bool Whole =
      Keep == Ranked.size() && Ranked.size() + In.Suppressed.size() <= L.MaxResults;
  std::string Text;
  for (;;) {
    Text = Whole ? renderOnce(In, Opts, ReadFile)
                 : renderOnce(keepOnly(In, Ranked, Keep, L), Opts, ReadFile);
    size_t Size = gzipSize(Text);
    if (Size <= L.MaxGzipBytes || Keep == 0)
      break;
    if (Whole && !In.Suppressed.empty()) {
      Whole = false; // without the suppressed results first
      continue;
    }
    Whole = false;
    // Shrink in proportion, with a margin, so a few renderings suffice.
    size_t Next = size_t(double(Keep) * double(L.MaxGzipBytes) / double(Size) * 0.95);
    Keep = std::min(Next, Keep - 1);
  }
  if (Stats)
    *Stats = {Keep, Ranked.size() - Keep};
  return Text;
}

} // namespace devlife
