//===- Audit.h - `devlife audit`: a whole tree, two phases ----------------===//
#ifndef DEVLIFE_AUDIT_AUDIT_H
#define DEVLIFE_AUDIT_AUDIT_H

#include "core/Finding.h"
#include "integrations/audit/Cache.h"
#include "matchers/ApiModel.h"
#include "integrations/audit/Progress.h"
#include "integrations/audit/Workers.h"
#include "integrations/report/Baseline.h"
#include "integrations/report/ChangedLines.h"
#include "integrations/report/TextOutput.h"
#include "integrations/sarif/SarifWriter.h"
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

/// Exit codes of `devlife audit`, documented in the README.
enum ExitCode : int {
  ExitOk = 0,         // analysed; no finding at or above --fail-on
  ExitFindings = 1,   // a finding at or above --fail-on
  ExitUsage = 2,      // bad arguments or input: nothing was analysed
  ExitIncomplete = 3, // some TUs could not be analysed; the rest reported
  // Stopped by a signal (128 + its number, as a shell reports a process it
  // killed): workers killed, nothing reported, no output file written.
  ExitInterrupted = 130, // SIGINT
  ExitTerminated = 143,  // SIGTERM
};

/// What stdout carries (`--format`).
enum class OutputFormat {
  Text,  // clang-style findings, then the summary
  Jsonl, // one JSON object per finding (JsonLines.h); summary on stderr
  Sarif, // the SARIF log; summary on stderr
};

struct AuditOptions {
  std::string DatabaseDir;
  std::vector<std::string> Paths;
  std::vector<std::string> CheckGlobs; // e.g. "devlife-refcount-*", "-x"
  std::vector<std::string> ModelFiles;
  std::string SarifFile;
  std::string SourceRoot; // default: the database directory
  std::string UriBaseId = "%SRCROOT%";
  std::optional<Level> FailOn;
  WorkerLimits Limits;
  std::string SelfExe;
  std::string ResourceDir;
  /// Parse every function body, also those no rule reads (for measuring
  /// and for checking that skipping them changes no finding).
  bool ParseAllBodies = false;
  /// Stdout gets the summary only, stderr errors only: no findings, no
  /// progress, no warnings (the SARIF file is the same).
  bool Quiet = false;
  /// Write the findings NOLINT comments suppress to the SARIF, marked with
  /// `suppressions` (kind inSource); left out by default.
  bool KeepSuppressed = false;
  /// Report NOLINT(devlife-...) comments that suppress no finding.
  bool ReportUnusedSuppressions = false;
  ProgressMode Progress = ProgressMode::Auto;
  /// Where to write every TU's program facts, for clang-tidy (ProgramFacts
  /// option) to see other files' callbacks and locks; "" for nowhere.
  std::string ProgramFactsFile;
  CacheOptions Cache;
  /// --shard K/N (0/0: all): analyse only that part of the TUs, round 1
  /// only, and write it to PartialFile for `devlife merge`.
  unsigned ShardIndex = 0, ShardCount = 0;
  /// A shard and `check` stop after round 1 and write PartialFile (if set).
  bool RoundOneOnly = false;
  std::string PartialFile;
  /// --kernel-tree: the jobs come from Kbuild (KernelTree.h), not -p.
  std::string KernelTree;
  std::string KernelCompiler = "clang-22";
  bool RecordCommands = false;

  /// Reported are only the findings absent from Known (--baseline) and
  /// touching a line of Changed (--changed-lines); null for no filter.
  std::shared_ptr<const Baseline> Known;
  std::string KnownName; // what the summary calls it: OLD.sarif, a revision
  std::shared_ptr<const ChangedLines> Changed;
  OutputFormat Format = OutputFormat::Text;
  ColorMode Color = ColorMode::Auto;
  /// The code scanning category, as SARIF automationDetails.id ("" none).
  std::string Category;
  /// How the report reads sources (fingerprints, columns); none: the disk.
  SourceReader Sources;
  /// See WorkerConfig::Overlay.
  std::map<std::string, std::string> Overlay;
};

struct AuditResult {
  std::vector<Finding> Findings; // sorted, deduplicated, none suppressed
  std::vector<SuppressedFinding> Suppressed; // by NOLINT comments
  bool SuppressionErrors = false; // an unmatched NOLINTBEGIN or NOLINTEND
  std::vector<ToolNotification> Notifications;
  std::vector<std::string> Checks;
  size_t TUs = 0, FailedTUs = 0, Reanalysed = 0;
  /// Findings left out by --baseline and by --changed-lines.
  size_t KnownLeftOut = 0, OffChangedLines = 0;
  unsigned Rounds = 0; // of the global phase that analysed TUs again
  /// TUs whose facts came from the cache; the same of the re-analyses.
  size_t FromCache = 0, ReanalysesFromCache = 0;
  std::string CacheDir; // "" when no cache was used
  unsigned FunctionsAnalysed = 0, FunctionsGivenUp = 0;
  uint64_t FunctionBodies = 0, FunctionBodiesSkipped = 0; // first analysis
  double WallSeconds = 0;       // the whole audit
  double WorkerCpuSeconds = 0;  // user + system, all workers together
  uint64_t LargestWorkerKB = 0; // peak resident memory of the largest worker
  /// The audit process itself: cache lookups, reading the workers' facts,
  /// the global phase, the report.
  double AuditCpuSeconds = 0;
  uint64_t AuditPeakKB = 0;
};

/// The rule ids selected by comma-separated globs, in registry order; a
/// leading '-' removes. An error names a glob that selects nothing.
llvm::Expected<std::vector<std::string>>
selectChecks(const std::vector<std::string> &Globs);

/// What one audit analyses, however it was gathered: from a compile
/// database, a kernel tree, or partials.
struct AuditInput {
  std::vector<std::string> Checks; // rule ids
  ApiModel Model;                  // builtin + the user's, validated
  std::vector<CompileJob> Jobs;    // sorted by file
  size_t Selected = 0;             // before --shard took its part
  std::string SelectionDigest;     // of those, for a shard's partial
};

/// The pipeline audit, shard and merge share: round 1 (unless RoundOne
/// holds its outcomes, in Jobs' order), then either the partial
/// (Opts.RoundOneOnly) or the global phase and the report (findings, summary,
/// SARIF). Returns the process exit code.
int runPipeline(const AuditOptions &Opts, const AuditInput &In,
                std::optional<std::vector<TUOutcome>> RoundOne,
                std::chrono::steady_clock::time_point Start);

/// Both phases without the report: the result, or the exit code when
/// there is nothing to report (interrupted, a partial written, an output
/// that could not be written).
struct Analysed {
  std::optional<AuditResult> Result;
  int ExitCode = ExitOk;
};
Analysed analysePipeline(const AuditOptions &Opts, const AuditInput &In,
                         std::optional<std::vector<TUOutcome>> RoundOne,
                         std::chrono::steady_clock::time_point Start);

/// The report of an analysed audit: the filters (--baseline,
/// --changed-lines), the findings in Opts.Format, the summary, the SARIF
/// file. Returns the process exit code.
int reportAudit(const AuditOptions &Opts, AuditResult &Result,
                std::chrono::steady_clock::time_point Start);

/// What analysePipeline finds over In (both phases, NOLINT applied), with
/// nothing printed or written: for a front end that shows the findings its
/// own way (`devlife lsp`). None when a signal stopped it.
std::optional<AuditResult> auditQuietly(const AuditOptions &Opts,
                                        const AuditInput &In);

/// The rules, model and jobs an audit over Opts (database, paths, checks,
/// models) analyses; an error says what is wrong with the input.
llvm::Expected<AuditInput> auditInput(const AuditOptions &Opts);

/// Opts.Sources, or the disk.
SourceReader sourceReader(const AuditOptions &Opts);

/// The builtin model extended by Files, in order; an error names the entry.
llvm::Expected<ApiModel> loadApiModel(const std::vector<std::string> &Files);

/// Runs the audit; returns the process exit code. While the TUs are
/// analysed it catches SIGINT and SIGTERM (see Interrupt.h): call it from
/// the main process only.
int runAudit(const AuditOptions &Opts);

} // namespace devlife

#endif
