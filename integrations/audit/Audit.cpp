//===- Audit.cpp ----------------------------------------------------------===//
#include "integrations/audit/Audit.h"

#include "core/Family.h"
#include "core/OutputFile.h"
#include "core/ProgramFactsFile.h"
#include "core/Rule.h"
#include "matchers/ApiModel.h"
#include "integrations/audit/CompileDatabase.h"
#include "integrations/audit/Interrupt.h"
#include "integrations/audit/Distributed.h"
#include "integrations/audit/KernelTree.h"
#include "integrations/audit/Partial.h"
#include "integrations/audit/Suppressions.h"
#include "integrations/audit/Version.h"
#include "integrations/report/JsonLines.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <csignal>
#include <sys/resource.h>
#include <map>
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

/// Rounds of refinement before the global phase stops: a chain of wrappers
/// across this many files is followed to its end.
constexpr unsigned MaxRounds = 8;

llvm::Expected<std::string> writeModelFragment(const nlohmann::json &Model) {
  nlohmann::json File = Model;
  File["schema"] = "devlife-api-model/1";
  llvm::SmallString<128> Path;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
          "devlife-learned", "json", FD, Path))
    return llvm::createStringError(EC, "cannot write learned model data: %s",
                                   EC.message().c_str());
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << File.dump(1);
  return std::string(Path);
}

/// The pool's events drive the progress display.
PoolHooks hooksFor(Progress &P, const std::vector<CompileJob> &Jobs) {
  PoolHooks H;
  H.OnEvent = [&P, &Jobs](const WorkerEvent &E) {
    std::string File = displayPath(Jobs[E.Index].File);
    if (E.What == WorkerEvent::Started)
      P.started(File);
    else
      P.finished(File);
  };
  H.ShouldStop = [] { return InterruptCatcher::caught() != 0; };
  return H;
}

/// What the families see: the TUs that were analysed, and where each is in
/// the outcomes.
struct FamilyView {
  GlobalInput In;
  std::vector<size_t> OutcomeIndex;
};

FamilyView viewOf(const std::vector<TUOutcome> &Outcomes, const ApiModel &Model,
                  const std::vector<std::string> &Checks) {
  FamilyView V;
  V.In.Model = &Model;
  V.In.Rules.insert(Checks.begin(), Checks.end());
  for (size_t I = 0; I < Outcomes.size(); ++I)
    if (Outcomes[I].Ok) {
      V.In.TUs.push_back(&Outcomes[I].Facts);
      V.OutcomeIndex.push_back(I);
    }
  return V;
}

/// Asks every family what it learned; the TUs any of them wants again.
std::set<size_t> refineOnce(const FamilyView &V, nlohmann::json &Learned,
                            std::vector<UnreadableFacts> &Unreadable) {
  std::set<size_t> Again;
  for (const Family *F : allFamilies()) {
    Refinement R = refineReadable(*F, V.In, Unreadable);
    if (!R.Model.is_null())
      Learned.merge_patch(R.Model);
    for (size_t I : R.Reanalyse)
      Again.insert(V.OutcomeIndex[I]);
  }
  return Again;
}

/// The global phase: families refine the model from every TU's facts and
/// name the TUs to analyse again, round after round until nothing changes;
/// then each reports what only the whole program shows.
void globalPhase(const AuditOptions &Opts, const std::vector<CompileJob> &Jobs,
                 const WorkerConfig &Config, const ApiModel &Model,
                 Progress &P, std::vector<TUOutcome> &Outcomes,
                 AuditResult &Result) {
  nlohmann::json Learned = nlohmann::json::object();
  std::set<size_t> Redone;
  std::vector<UnreadableFacts> Unreadable;
  for (unsigned Round = 1;; ++Round) {
    std::set<size_t> Again = refineOnce(viewOf(Outcomes, Model, Result.Checks),
                                        Learned, Unreadable);
    if (Again.empty())
      break;
    if (Round > MaxRounds) {
      Result.Notifications.push_back(
          {"", Level::Warning,
           "the global phase stopped after " + std::to_string(MaxRounds) +
               " rounds with " + std::to_string(Again.size()) +
               " translation unit(s) still waiting for newer summaries"});
      break;
    }
    auto ModelFile = writeModelFragment(Learned);
    if (!ModelFile) {
      Result.Notifications.push_back(
          {"", Level::Warning, llvm::toString(ModelFile.takeError())});
      break;
    }
    WorkerConfig Next = Config;
    // The user's model is read last so that it overrides what was learned.
    Next.ModelFiles.insert(Next.ModelFiles.begin(), *ModelFile);
    std::vector<size_t> Order(Again.begin(), Again.end());
    std::vector<CompileJob> SubJobs;
    for (size_t I : Order)
      SubJobs.push_back(Jobs[I]);
    P.beginPhase("re-analysis round " + std::to_string(Result.Rounds + 1),
                 SubJobs.size());
    std::vector<TUOutcome> Out = runWorkers(Opts.SelfExe, SubJobs, Next,
                                            Opts.Limits, hooksFor(P, SubJobs));
    llvm::sys::fs::remove(*ModelFile);
    if (InterruptCatcher::caught())
      return;
    Result.ReanalysesFromCache += countFromCache(Out);
    for (size_t K = 0; K < Order.size(); ++K)
      if (Out[K].Ok)
        Outcomes[Order[K]] = std::move(Out[K]);
    Redone.insert(Order.begin(), Order.end());
    ++Result.Rounds;
  }
  Result.Reanalysed = Redone.size();
  FamilyView Final = viewOf(Outcomes, Model, Result.Checks);
  for (const Family *F : allFamilies()) {
    std::vector<Finding> Found = reportReadable(*F, Final.In, Unreadable);
    Result.Findings.insert(Result.Findings.end(), Found.begin(), Found.end());
  }
  // Each round meets the same ones again: say each once.
  std::set<std::pair<std::string, std::string>> Said;
  for (const UnreadableFacts &U : Unreadable)
    if (Said.insert({U.File, U.Message}).second)
      Result.Notifications.push_back({U.File, Level::Error, U.Message});
}

void collect(const std::vector<TUOutcome> &Outcomes, AuditResult &Result) {
  for (const TUOutcome &O : Outcomes) {
    if (!O.Ok) {
      ++Result.FailedTUs;
      Result.Notifications.push_back({O.File, Level::Error, O.Failure});
      continue;
    }
    const TUFacts &F = O.Facts;
    Result.Findings.insert(Result.Findings.end(), F.Findings.begin(),
                           F.Findings.end());
    Result.FunctionsAnalysed += F.FunctionsAnalysed;
    Result.FunctionsGivenUp += F.FunctionsGivenUp;
    Result.FunctionBodies += F.FunctionBodies;
    Result.FunctionBodiesSkipped += F.FunctionBodiesSkipped;
    if (F.ErrorCount > 0) {
      ++Result.FailedTUs;
      std::string Msg = std::to_string(F.ErrorCount) +
                        " compiler error(s); findings in this file may be "
                        "incomplete";
      for (const std::string &P : F.Problems)
        Msg += "\n" + P;
      Result.Notifications.push_back({O.File, Level::Error, Msg});
    } else {
      for (const std::string &P : F.Problems)
        Result.Notifications.push_back({O.File, Level::Warning, P});
    }
  }
  std::sort(Result.Findings.begin(), Result.Findings.end());
  Result.Findings.erase(std::unique(Result.Findings.begin(),
                                    Result.Findings.end(), sameFinding),
                        Result.Findings.end());
}

/// Drops the findings NOLINT comments suppress (kept aside for --sarif with
/// --keep-suppressed) and notes the comments' problems.
void suppress(const AuditOptions &Opts, const std::vector<TUOutcome> &Outcomes,
              AuditResult &Result) {
  SuppressionOptions SO;
  SO.Checks = Result.Checks;
  SO.ReportUnused = Opts.ReportUnusedSuppressions;
  for (const TUOutcome &O : Outcomes)
    if (O.Ok && O.Facts.ErrorCount == 0)
      SO.ScanFiles.push_back(O.Facts.File);
  SuppressionOutcome S =
      applySuppressions(std::move(Result.Findings), SO, sourceReader(Opts));
  Result.Findings = std::move(S.Kept);
  Result.Suppressed = std::move(S.Suppressed);
  Result.SuppressionErrors = S.HasErrors;
  Result.Notifications.insert(Result.Notifications.end(), S.Problems.begin(),
                              S.Problems.end());
}

/// What went wrong with the audit itself, on stderr; --quiet keeps the errors.
void printNotifications(const AuditResult &R, bool ErrorsOnly) {
  for (const ToolNotification &N : R.Notifications) {
    if (ErrorsOnly && N.Severity != Level::Error)
      continue;
    std::string Where = N.File.empty() ? "devlife" : displayPath(N.File);
    if (N.Line)
      Where += ":" + std::to_string(N.Line) + ":" + std::to_string(N.Column);
    llvm::errs() << Where << ": " << levelName(N.Severity) << ": " << N.Message
                 << "\n";
  }
}

/// "3.7 s" for a short run, "1:02:05" for a long one.
std::string duration(double Seconds) {
  if (Seconds >= 60)
    return clockTime(Seconds);
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::format("%.1f s", Seconds);
  return Out;
}

/// This process's peak resident memory in kB. VmHWM, not getrusage's
/// ru_maxrss: that keeps the peak of whatever ran before an exec() into
/// devlife (`sh -c '... && exec devlife audit'`).
uint64_t ownPeakKB() {
  // As a stream: /proc files have size 0, and getFile() would read nothing.
  auto Status = llvm::MemoryBuffer::getFileAsStream("/proc/self/status");
  if (Status) {
    llvm::StringRef Rest = (*Status)->getBuffer();
    if (size_t At = Rest.find("VmHWM:"); At != llvm::StringRef::npos) {
      uint64_t KB = 0;
      if (!Rest.substr(At + 6).ltrim().consumeInteger(10, KB))
        return KB;
    }
  }
  struct rusage Self;
  return getrusage(RUSAGE_SELF, &Self) == 0 ? uint64_t(Self.ru_maxrss) : 0;
}

/// What the workers cost, every round's, and the audit process itself.
void measureUsage(AuditResult &R) {
  WorkerUsage U = workerUsage();
  R.WorkerCpuSeconds = U.CpuSeconds;
  R.LargestWorkerKB = U.PeakKB;
  R.AuditPeakKB = ownPeakKB();
  struct rusage Self;
  if (getrusage(RUSAGE_SELF, &Self) != 0)
    return;
  auto Seconds = [](const timeval &T) { return T.tv_sec + T.tv_usec / 1e6; };
  R.AuditCpuSeconds = Seconds(Self.ru_utime) + Seconds(Self.ru_stime);
}

/// "12 of 40 skipped (30%)": the bodies no rule reads, left unparsed.
std::string skippedBodies(const AuditResult &R) {
  uint64_t Percent =
      R.FunctionBodies ? R.FunctionBodiesSkipped * 100 / R.FunctionBodies : 0;
  return std::to_string(R.FunctionBodiesSkipped) + " of " +
         std::to_string(R.FunctionBodies) + " skipped (" +
         std::to_string(Percent) + "%)";
}

/// The one-line summary scripts grep for (`^devlife:`), then a table:
/// findings per rule (rows start "  devlife-"), TUs, time.
void printSummary(const AuditResult &R, llvm::raw_ostream &OS,
                  const std::string &Known, bool Changed) {
  std::map<std::string, size_t> PerRule;
  for (const std::string &Id : R.Checks)
    PerRule[Id] = 0;
  for (const Finding &F : R.Findings)
    ++PerRule[F.RuleId];
  OS << "devlife: " << R.TUs << " translation units, " << R.FailedTUs
     << " failed, " << R.FromCache << " from cache, " << R.Reanalysed
     << " re-analysed with cross-TU summaries (" << R.Rounds << " round(s)); "
     << R.FunctionsAnalysed << " functions (" << R.FunctionsGivenUp
     << " given up); " << R.Findings.size() << " findings";
  if (!Known.empty() || Changed)
    OS << " (" << R.KnownLeftOut << " known, " << R.OffChangedLines
       << " off the changed lines, left out)";
  OS << "\n";
  size_t Width = std::string("translation units").size();
  for (const auto &Entry : PerRule)
    Width = std::max(Width, Entry.first.size());
  auto Row = [&](llvm::StringRef Name, const llvm::Twine &Value) {
    OS << "  " << llvm::left_justify(Name, Width) << "  " << Value << "\n";
  };
  auto Count = [&](llvm::StringRef Name, size_t N) {
    OS << "  " << llvm::left_justify(Name, Width) << "  "
       << llvm::right_justify(std::to_string(N), 8) << "\n";
  };
  OS << "\n  " << llvm::left_justify("rule", Width) << "  findings\n";
  for (const auto &[Id, N] : PerRule)
    Count(Id, N);
  Count("total", R.Findings.size());
  OS << "\n";
  if (!Known.empty())
    Row("baseline", llvm::Twine(R.KnownLeftOut) + " findings of " + Known +
                        " left out");
  if (Changed)
    Row("changed lines", llvm::Twine(R.OffChangedLines) +
                             " findings off the changed lines left out");
  Row("translation units", llvm::Twine(R.TUs - R.FailedTUs) + " ok, " +
                               llvm::Twine(R.FailedTUs) + " failed");
  Row("suppressed", llvm::Twine(R.Suppressed.size()) +
                        " finding(s), by NOLINT comments");
  Row("function bodies", skippedBodies(R));
  Row("cache", R.CacheDir.empty()
                   ? llvm::Twine("off")
                   : llvm::Twine(R.FromCache) + " of " + llvm::Twine(R.TUs) +
                         " translation units and " +
                         llvm::Twine(R.ReanalysesFromCache) +
                         " re-analyses from " + R.CacheDir);
  Row("wall time", duration(R.WallSeconds));
  Row("worker CPU time", duration(R.WorkerCpuSeconds) + " (largest worker " +
                             llvm::Twine(R.LargestWorkerKB / 1024) + " MiB)");
  Row("audit process", duration(R.AuditCpuSeconds) + " CPU, peak " +
                           llvm::Twine(R.AuditPeakKB / 1024) + " MiB");
}

/// The SARIF log of the result; a warning on stderr if GitHub's limits
/// made it leave findings out.
std::string sarifText(const AuditOptions &Opts, const AuditResult &R) {
  SarifInput In;
  for (const std::string &Id : R.Checks)
    In.Rules.push_back(findRule(Id)->Info);
  In.Findings = R.Findings;
  if (Opts.KeepSuppressed)
    In.Suppressed = R.Suppressed;
  In.Notifications = R.Notifications;
  In.ExecutionSuccessful = R.FailedTUs == 0;
  SarifOptions SO;
  SO.SourceRoot = Opts.SourceRoot;
  SO.UriBaseId = Opts.UriBaseId;
  SO.ToolVersion = toolVersion();
  SO.InformationUri = homepage().str();
  SO.AutomationId = Opts.Category;
  SarifStats Stats;
  std::string Text = renderSarif(In, SO, sourceReader(Opts), &Stats);
  if (Stats.LeftOut && !Opts.Quiet)
    llvm::errs() << "devlife: warning: " << Stats.LeftOut << " of "
                 << R.Findings.size()
                 << " findings left out of the SARIF log to stay within "
                    "GitHub code scanning's limits (its "
                    "toolExecutionNotifications say which)\n";
  return Text;
}

/// --baseline and --changed-lines: what is left is what the user sees.
void filterFindings(const AuditOptions &Opts, AuditResult &R) {
  if (Opts.Known) {
    std::vector<Finding> New =
        Opts.Known->newFindings(R.Findings, Opts.SourceRoot, sourceReader(Opts));
    R.KnownLeftOut = R.Findings.size() - New.size();
    R.Findings = std::move(New);
  }
  if (Opts.Changed) {
    std::vector<Finding> Touching;
    for (Finding &F : R.Findings)
      if (Opts.Changed->keeps(F, Opts.SourceRoot))
        Touching.push_back(std::move(F));
    R.OffChangedLines = R.Findings.size() - Touching.size();
    R.Findings = std::move(Touching);
  }
}

bool failsOn(const AuditResult &R, std::optional<Level> FailOn) {
  if (!FailOn)
    return false;
  return std::any_of(R.Findings.begin(), R.Findings.end(), [&](const Finding &F) {
    return int(F.Severity) >= int(*FailOn);
  });
}

/// Both phases: every TU in a worker, then the global phase. Returns the
/// signal that interrupted them, or 0. Only while they run is a signal
/// caught: from the report on, LLVM's handlers remove a half-written output
/// file and end the process.
///
/// A merge comes with round 1 done (Outcomes given); a shard stops after it.
int analyse(const AuditOptions &Opts, const std::vector<CompileJob> &Jobs,
            const WorkerConfig &Config, const ApiModel &Model, bool RoundOneDone,
            std::vector<TUOutcome> &Outcomes, AuditResult &Result) {
  InterruptCatcher Catch;
  Progress P(progressStyleFor(Opts.Progress, Opts.Quiet), llvm::errs());
  if (!RoundOneDone) {
    P.beginPhase("analysing", Jobs.size());
    Outcomes = runWorkers(Opts.SelfExe, Jobs, Config, Opts.Limits, hooksFor(P, Jobs));
    Result.FromCache = countFromCache(Outcomes);
  }
  if (!InterruptCatcher::caught() && !Opts.RoundOneOnly)
    globalPhase(Opts, Jobs, Config, Model, P, Outcomes, Result);
  return InterruptCatcher::caught();
}

int interrupted(int Sig) {
  llvm::errs() << "devlife: interrupted by " << (Sig == SIGINT ? "SIGINT" : "SIGTERM")
               << ": workers stopped, nothing reported, no file written\n";
  return Sig == SIGINT ? ExitInterrupted : ExitTerminated;
}

int usageError(llvm::Error Err) {
  llvm::errs() << "devlife: error: " << llvm::toString(std::move(Err)) << "\n";
  return ExitUsage;
}

/// The C files under the paths, from the compile database or the kernel tree.
llvm::Expected<JobList> allJobs(const AuditOptions &Opts) {
  if (Opts.KernelTree.empty())
    return loadCompileJobs(Opts.DatabaseDir, Opts.Paths);
  return kernelTreeJobs({Opts.KernelTree, Opts.Paths, Opts.SelfExe,
                         Opts.KernelCompiler, Opts.Limits.Jobs, Opts.RecordCommands});
}

/// The jobs of the audit: all of them, or one shard (Selected and Digest
/// then say what was split).
llvm::Expected<std::vector<CompileJob>> jobsFor(const AuditOptions &Opts,
                                                size_t &Selected,
                                                std::string &Digest) {
  auto List = allJobs(Opts);
  if (!List)
    return List.takeError();
  if (!Opts.Quiet)
    for (const std::string &W : List->Warnings)
      llvm::errs() << "devlife: warning: " << W << "\n";
  if (List->Jobs.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "no C file of the compile database is "
                                   "under the given paths");
  Selected = List->Jobs.size();
  if (!Opts.ShardCount)
    return std::move(List->Jobs);
  Digest = selectionDigest(List->Jobs);
  std::vector<CompileJob> Mine;
  for (size_t I : shardIndices(List->Jobs.size(), Opts.ShardIndex, Opts.ShardCount))
    Mine.push_back(List->Jobs[I]);
  return Mine;
}

} // namespace

llvm::Expected<std::vector<std::string>>
selectChecks(const std::vector<std::string> &Globs) {
  std::vector<bool> On(allRules().size(), Globs.empty());
  for (llvm::StringRef G : Globs) {
    bool Remove = G.consume_front("-");
    auto Pattern = llvm::GlobPattern::create(G.trim());
    if (!Pattern)
      return Pattern.takeError();
    bool Any = false;
    for (size_t I = 0; I < allRules().size(); ++I)
      if (Pattern->match(allRules()[I].Info.Id)) {
        On[I] = !Remove;
        Any = true;
      }
    if (!Any)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "--checks: '%s' matches no rule",
                                     G.str().c_str());
  }
  std::vector<std::string> Ids;
  for (size_t I = 0; I < allRules().size(); ++I)
    if (On[I])
      Ids.push_back(allRules()[I].Info.Id);
  return Ids;
}

llvm::Expected<ApiModel> loadApiModel(const std::vector<std::string> &Files) {
  auto Model = ApiModel::builtin();
  if (!Model)
    return Model.takeError();
  for (const std::string &F : Files)
    if (auto Err = Model->extendFromFile(F))
      return Err;
  return Model;
}

SourceReader sourceReader(const AuditOptions &Opts) {
  if (Opts.Sources)
    return Opts.Sources;
  return [](const std::string &File) -> std::optional<std::string> {
    auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false);
    if (!Buf)
      return std::nullopt;
    return (*Buf)->getBuffer().str();
  };
}

llvm::Expected<AuditInput> auditInput(const AuditOptions &Opts) {
  auto Checks = selectChecks(Opts.CheckGlobs);
  if (!Checks)
    return Checks.takeError();
  // Validate the user's model here, once, not in every worker.
  auto Model = loadApiModel(Opts.ModelFiles);
  if (!Model)
    return Model.takeError();
  size_t Selected = 0;
  std::string Digest;
  auto Jobs = jobsFor(Opts, Selected, Digest);
  if (!Jobs)
    return Jobs.takeError();
  return AuditInput{*Checks, std::move(*Model), std::move(*Jobs), Selected, Digest};
}

int runAudit(const AuditOptions &Opts) {
  auto Start = std::chrono::steady_clock::now();
  auto In = auditInput(Opts);
  if (!In)
    return usageError(In.takeError());
  return runPipeline(Opts, *In, std::nullopt, Start);
}

int runPipeline(const AuditOptions &Opts, const AuditInput &In,
                std::optional<std::vector<TUOutcome>> RoundOne,
                std::chrono::steady_clock::time_point Start) {
  Analysed A = analysePipeline(Opts, In, std::move(RoundOne), Start);
  if (!A.Result)
    return A.ExitCode;
  return reportAudit(Opts, *A.Result, Start);
}

Analysed analysePipeline(const AuditOptions &Opts, const AuditInput &In,
                         std::optional<std::vector<TUOutcome>> RoundOne,
                         std::chrono::steady_clock::time_point Start) {
  AuditResult Result;
  std::unique_ptr<FactsCache> Cache =
      openCache(Opts.Cache, Opts.SelfExe, Result.Notifications);
  WorkerConfig Config{In.Checks, Opts.ModelFiles, Opts.ResourceDir,
                      Opts.ParseAllBodies, Cache.get(), Opts.Overlay};
  Result.Checks = In.Checks;
  Result.TUs = In.Jobs.size();
  std::vector<TUOutcome> Outcomes = RoundOne ? std::move(*RoundOne)
                                             : std::vector<TUOutcome>();
  int Sig = analyse(Opts, In.Jobs, Config, In.Model, RoundOne.has_value(),
                    Outcomes, Result);
  if (Cache) {
    Result.CacheDir = Cache->dir();
    for (ToolNotification &N : Cache->takeWarnings())
      Result.Notifications.push_back(std::move(N));
    Cache->prune();
  }
  if (Sig)
    return {std::nullopt, interrupted(Sig)};
  if (Opts.RoundOneOnly)
    return {std::nullopt, writeRoundOne(Opts, In, Outcomes)};
  collect(Outcomes, Result);
  suppress(Opts, Outcomes, Result);
  if (!Opts.ProgramFactsFile.empty())
    if (auto Err = writeProgramFacts(Opts.ProgramFactsFile,
                                     viewOf(Outcomes, In.Model, In.Checks).In.TUs))
      return {std::nullopt, usageError(std::move(Err))};
  return {std::move(Result), ExitOk};
}

int reportAudit(const AuditOptions &Opts, AuditResult &Result,
                std::chrono::steady_clock::time_point Start) {
  filterFindings(Opts, Result);
  bool Text = Opts.Format == OutputFormat::Text;
  // Rendered once for stdout and the file (the same bytes, one warning).
  std::optional<std::string> Sarif;
  if (Opts.Format == OutputFormat::Sarif || !Opts.SarifFile.empty())
    Sarif = sarifText(Opts, Result);
  if (Text && !Opts.Quiet)
    printFindings(Result.Findings, llvm::outs(), useColor(Opts.Color, llvm::outs()));
  if (Opts.Format == OutputFormat::Jsonl)
    printJsonLines(Result.Findings, Opts.SourceRoot, sourceReader(Opts), llvm::outs());
  if (Opts.Format == OutputFormat::Sarif)
    llvm::outs() << *Sarif;
  printNotifications(Result, /*ErrorsOnly=*/Opts.Quiet);
  measureUsage(Result);
  Result.WallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  // Where stdout is data, the summary goes with the other words, to stderr.
  if (Text || !Opts.Quiet)
    printSummary(Result, Text ? llvm::outs() : llvm::errs(), Opts.KnownName,
                 Opts.Changed != nullptr);
  if (!Opts.SarifFile.empty())
    if (auto Err = writeFileAtomically(Opts.SarifFile, *Sarif))
      return usageError(std::move(Err));
  if (failsOn(Result, Opts.FailOn))
    return ExitFindings;
  return Result.FailedTUs || Result.SuppressionErrors ? ExitIncomplete : ExitOk;
}

std::optional<AuditResult> auditQuietly(const AuditOptions &Opts,
                                        const AuditInput &In) {
  AuditOptions Quiet = Opts;
  Quiet.Quiet = true;
  Quiet.Progress = ProgressMode::Never;
  Quiet.RoundOneOnly = false;
  Quiet.ProgramFactsFile.clear();
  return analysePipeline(Quiet, In, std::nullopt,
                         std::chrono::steady_clock::now())
      .Result;
}

} // namespace devlife
