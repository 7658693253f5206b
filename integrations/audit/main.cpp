//===- main.cpp - The devlife command line --------------------------------===//
//
//   devlife audit -p DIR [PATH...] [--jobs N] [--sarif FILE] [--checks GLOBS]
//                 [--api-model FILE] [--fail-on LEVEL] [--progress MODE]
//                 [--quiet] [--parse-all-bodies] [--cache-dir DIR | --no-cache] ...
//   devlife list-checks
//   devlife worker --job FILE --out FILE      (internal: one TU)
//
//===----------------------------------------------------------------------===//
#include "core/Rule.h"
#include "checks/LockGraph.h"
#include "core/ProgramFactsFile.h"
#include "core/ProgramModel.h"
#include "integrations/audit/Audit.h"
#include "matchers/ApiModel.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {

cl::OptionCategory AuditCat("devlife audit options");
cl::SubCommand AuditCmd("audit", "Analyse the C files of a compile database");
cl::SubCommand ListCmd("list-checks", "List the rules devlife has");
cl::SubCommand WorkerCmd("worker", "Internal: analyse one translation unit");
cl::SubCommand StatsCmd("program-stats",
                        "What the program model resolved, from the facts "
                        "`audit --program-facts` wrote");
cl::opt<std::string> StatsFile(cl::Positional, cl::desc("FACTS"), cl::Required,
                               cl::sub(StatsCmd));
cl::opt<bool> StatsFindings("findings",
                            cl::desc("Also print the lock rules' findings on "
                                     "these facts, one line each"),
                            cl::sub(StatsCmd));

cl::opt<std::string> BuildPath("p", cl::desc("Directory of compile_commands.json"),
                               cl::value_desc("dir"), cl::Required,
                               cl::sub(AuditCmd), cl::cat(AuditCat));
cl::list<std::string> Paths(cl::Positional, cl::desc("[PATH...]"),
                            cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<unsigned> Jobs("jobs", cl::desc("Parallel workers (default: all cores)"),
                       cl::init(0), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::alias JobsShort("j", cl::aliasopt(Jobs));
cl::opt<std::string> SarifOut("sarif", cl::desc("Write SARIF 2.1.0 to this file"),
                              cl::value_desc("file"), cl::sub(AuditCmd),
                              cl::cat(AuditCat));
cl::list<std::string> Checks("checks",
                             cl::desc("Comma-separated rule globs; '-' removes"),
                             cl::CommaSeparated, cl::sub(AuditCmd),
                             cl::cat(AuditCat));
cl::list<std::string> ModelFiles("api-model",
                                 cl::desc("Extra API model JSON (repeatable)"),
                                 cl::value_desc("file"), cl::sub(AuditCmd),
                                 cl::cat(AuditCat));
cl::opt<std::string> FailOn("fail-on",
                            cl::desc("Exit 1 if a finding has this level or "
                                     "higher: note, warning, error"),
                            cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root for SARIF URIs (default: the -p "
                                         "directory)"),
                                cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> UriBaseId("uri-base-id", cl::desc("SARIF uriBaseId"),
                               cl::init("%SRCROOT%"), cl::sub(AuditCmd),
                               cl::cat(AuditCat));
cl::opt<unsigned> Timeout("timeout", cl::desc("Seconds per translation unit"),
                          cl::init(600), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<unsigned> MemoryLimit("memory-limit",
                              cl::desc("MiB per worker process (0: none)"),
                              cl::init(0), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<bool> Quiet("quiet",
                    cl::desc("Print the summary only, and errors on stderr: "
                             "no findings, no progress, no warnings"),
                    cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<devlife::ProgressMode> ProgressOpt(
    "progress",
    cl::desc("Progress on stderr: a line redrawn in place on a terminal, a "
             "line per tenth elsewhere"),
    cl::values(clEnumValN(devlife::ProgressMode::Auto, "auto",
                          "in place on a terminal, plain lines elsewhere "
                          "(default)"),
               clEnumValN(devlife::ProgressMode::Always, "always",
                          "in place, even when stderr is no terminal"),
               clEnumValN(devlife::ProgressMode::Never, "never", "none")),
    cl::init(devlife::ProgressMode::Auto), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> ProgramFactsOut(
    "program-facts",
    cl::desc("Write every TU's program facts to this file, for the "
             "clang-tidy module's ProgramFacts option"),
    cl::value_desc("file"), cl::sub(AuditCmd), cl::cat(AuditCat));

cl::opt<bool> ParseAllBodies(
    "parse-all-bodies",
    cl::desc("Parse every function body, also the header functions no rule "
             "reads (slower; the findings are the same)"),
    cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep the facts of analysed files here, for the next audit "
             "(default: $XDG_CACHE_HOME/devlife or ~/.cache/devlife)"),
    cl::value_desc("dir"), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<bool> NoCache("no-cache", cl::desc("Neither read nor write the cache"),
                      cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> CacheSize(
    "cache-size",
    cl::desc("Prune the cache, least recently used first, to this size "
             "(e.g. 500m, 4g; default 2g)"),
    cl::value_desc("size"), cl::sub(AuditCmd), cl::cat(AuditCat));

cl::opt<std::string> JobFile("job", cl::sub(WorkerCmd), cl::Required);
cl::opt<std::string> OutFile("out", cl::sub(WorkerCmd), cl::Required);

int programStats() {
  auto TUs = devlife::readProgramFacts(StatsFile);
  if (!TUs) {
    errs() << "devlife: error: " << toString(TUs.takeError()) << "\n";
    return devlife::ExitUsage;
  }
  std::vector<const devlife::TUFacts *> All;
  for (const devlife::TUFacts &T : *TUs)
    All.push_back(&T);
  devlife::program::ProgramModel Model(All);
  const auto &S = Model.stats();
  outs() << "translation units " << All.size() << "\nfunctions "
         << Model.functions().size() << "\nbindings with a resolved callback";
  for (const auto &[Kind, N] : S.BindingsByKind)
    outs() << " " << Kind << "=" << N;
  outs() << "\nslot targets " << S.SlotTargets << "\nindirect calls "
         << S.IndirectCalls << " (" << S.IndirectCallsResolved << " resolved)\n";
  auto Api = devlife::ApiModel::builtin();
  if (!Api) {
    errs() << "devlife: error: " << toString(Api.takeError()) << "\n";
    return devlife::ExitUsage;
  }
  const auto &U = Api->unvalidatedLocks();
  devlife::locks::LockGraph Graph(Model, {U.begin(), U.end()});
  devlife::locks::LockGraphStats L = Graph.stats();
  outs() << "lock classes " << L.Classes << "\nlock-order edges " << L.OrderEdges
         << "\n";
  if (StatsFindings) {
    auto Print = [](const std::vector<devlife::Finding> &Found) {
      for (const devlife::Finding &F : Found)
        outs() << F.Where.File << ":" << F.Where.Line << ": "
               << devlife::levelName(F.Severity) << ": " << F.Message << " ["
               << F.RuleId << "] (" << F.Path.size() << " steps)\n";
    };
    Print(Graph.acrossBarrierFindings());
    Print(Graph.orderInversionFindings());
  }
  for (const std::string &P : Model.problems())
    errs() << "devlife: warning: " << P << "\n";
  return 0;
}

int listChecks() {
  for (const devlife::RuleEntry &E : devlife::allRules())
    outs() << E.Info.Id << "\t" << E.Info.ShortDescription << "\n";
  return 0;
}

std::string absolute(StringRef P) {
  SmallString<256> S(P);
  sys::fs::make_absolute(S);
  sys::path::remove_dots(S, true);
  return std::string(S);
}

int audit(const char *Argv0) {
  devlife::AuditOptions Opts;
  Opts.DatabaseDir = BuildPath;
  Opts.Paths.assign(Paths.begin(), Paths.end());
  Opts.CheckGlobs.assign(Checks.begin(), Checks.end());
  for (const std::string &M : ModelFiles)
    Opts.ModelFiles.push_back(absolute(M));
  Opts.SarifFile = SarifOut;
  Opts.ProgramFactsFile = ProgramFactsOut;
  Opts.Quiet = Quiet;
  Opts.ParseAllBodies = ParseAllBodies;
  Opts.Progress = ProgressOpt;
  Opts.SourceRoot = absolute(SourceRoot.empty() ? BuildPath : SourceRoot);
  Opts.UriBaseId = UriBaseId;
  if (!FailOn.empty()) {
    Opts.FailOn = devlife::parseLevel(FailOn);
    if (!Opts.FailOn) {
      errs() << "devlife: error: --fail-on takes note, warning or error\n";
      return devlife::ExitUsage;
    }
  }
  Opts.Limits.Jobs =
      Jobs ? unsigned(Jobs) : llvm::hardware_concurrency().compute_thread_count();
  Opts.Limits.TimeoutSeconds = Timeout;
  Opts.Limits.MemoryLimitMB = MemoryLimit;
  Opts.Cache.Enabled = !NoCache;
  if (!CacheDir.empty())
    Opts.Cache.Dir = absolute(CacheDir);
  if (!CacheSize.empty()) {
    auto Bytes = devlife::parseCacheSize(CacheSize);
    if (!Bytes) {
      errs() << "devlife: error: " << toString(Bytes.takeError()) << "\n";
      return devlife::ExitUsage;
    }
    Opts.Cache.MaxBytes = *Bytes;
  }
  static int Anchor;
  Opts.SelfExe = sys::fs::getMainExecutable(Argv0, &Anchor);
  Opts.ResourceDir = DEVLIFE_CLANG_RESOURCE_DIR;
  return devlife::runAudit(Opts);
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(AuditCat);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "devlife: device-lifetime rules for Linux "
                                   "drivers\n",
                                   &errs()))
    return devlife::ExitUsage;
  if (ListCmd)
    return listChecks();
  if (StatsCmd)
    return programStats();
  if (WorkerCmd)
    return devlife::workerMain(JobFile, OutFile);
  if (AuditCmd)
    return audit(argv[0]);
  errs() << "devlife: error: no subcommand; try 'devlife audit --help'\n";
  return devlife::ExitUsage;
}
