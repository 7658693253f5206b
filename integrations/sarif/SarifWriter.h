//===- SarifWriter.h - SARIF 2.1.0 for GitHub code scanning ---------------===//
//
// Renders findings as one SARIF run that GitHub code scanning accepts as is,
// including through the REST API (which adds no fingerprints of its own).
// The output depends only on the input, never on its order: the same
// findings in any order give the same bytes.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_SARIF_SARIFWRITER_H
#define DEVLIFE_INTEGRATIONS_SARIF_SARIFWRITER_H

#include "core/Finding.h"
#include "core/RuleInfo.h"
#include "integrations/sarif/GitHubLimits.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

/// How much one file may hold (GitHubLimits.h); tests make them small.
struct SarifLimits {
  size_t MaxResults = github::MaxResultsPerRun;
  size_t MaxGzipBytes = github::MaxGzipBytes;
  /// Thread flow locations per result, all its code flows together.
  size_t FlowLocations = github::ThreadFlowLocationsShown;
  /// Related locations linked from the message, and written at all (the
  /// primary location counts towards GitHub's locations per result).
  size_t RelatedLinked = github::RelatedLocationsShown;
  size_t RelatedWritten = github::MaxLocationsPerResult - 1;
};

struct SarifOptions {
  /// Absolute directory, normally the repository root: URIs of files under
  /// it are written relative to it, which is what GitHub expects.
  std::string SourceRoot;
  std::string UriBaseId = "%SRCROOT%";
  std::string ToolVersion;    // also written as semanticVersion if it is one
  std::string InformationUri; // absolute URI of the tool's documentation
  std::string WorkingDirectory;
  /// The code scanning category. A "/" is appended unless present, as the
  /// upload action does, so that the whole string names the category.
  std::string AutomationId;
  SarifLimits Limits;
};

/// Something about the run rather than about the code: a file that did not
/// parse, a rule that crashed.
struct ToolNotification {
  std::string File; // "" if it concerns no file
  Level Severity = Level::Warning;
  std::string Message;
  unsigned Line = 0, Column = 0; // 1-based; 0: the whole file
};

/// A finding a comment in the source suppresses (NOLINT). GitHub ignores
/// `suppressions` and would show it as an open alert, so it is written only
/// for consumers that ask, with a suppression of kind inSource.
struct SuppressedFinding {
  Finding What;
  SourcePoint Comment; // the "N" of the NOLINT that suppresses it
};

struct SarifInput {
  std::vector<RuleInfo> Rules;
  std::vector<Finding> Findings;
  std::vector<SuppressedFinding> Suppressed;
  std::vector<ToolNotification> Notifications;
  bool ExecutionSuccessful = true;
};

/// Returns a file's bytes, or nothing if it cannot be read. Used for the
/// fingerprints and to turn byte columns into UTF-16 columns.
using SourceReader =
    std::function<std::optional<std::string>(const std::string &File)>;

/// What went into the file, for the caller to tell the user.
struct SarifStats {
  size_t Results = 0; // written
  size_t LeftOut = 0; // findings left out to stay within the limits
};

/// The SARIF log as pretty-printed JSON text, ending with a newline. A log
/// that would exceed Opts.Limits.MaxResults or MaxGzipBytes keeps the
/// findings of the highest levels (within a level, the first in the
/// findings' order) and says in a toolExecutionNotification how many of
/// which level it left out.
std::string renderSarif(const SarifInput &In, const SarifOptions &Opts,
                        SourceReader ReadFile, SarifStats *Stats = nullptr);

/// How a file is named in an artifactLocation.
struct ArtifactUri {
  std::string Uri;     // percent-encoded, forward slashes
  bool UnderRoot;      // relative to the source root: carries the uriBaseId
};

/// Forward slashes, no "." or ".." components, no trailing slash.
std::string normalisedPath(llvm::StringRef Path);

/// File normalised (forward slashes, no "." or ".."), and relative to Root
/// when it lies under it: how SARIF, --changed-lines and JSON lines name a
/// file of the source tree.
std::string pathUnderRoot(const std::string &File, llvm::StringRef Root);

/// A path under SourceRoot (or a relative path) becomes a relative URI;
/// anything else an absolute file:// URI.
ArtifactUri artifactUriFor(const std::string &File,
                           const std::string &SourceRoot);

} // namespace devlife

#endif
