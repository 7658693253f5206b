//===- main.cpp - The devlife command line --------------------------------===//
//
//   devlife audit -p DIR [PATH...] [--jobs N] [--sarif FILE] [--checks GLOBS]
//                 [--api-model FILE] [--fail-on LEVEL] [--progress MODE]
//                 [--quiet] [--parse-all-bodies] [--cache-dir DIR | --no-cache] ...
//                 [--shard K/N --partial FILE] [--kernel-tree DIR]
//   devlife review REV-RANGE [-p DIR] [PATH...] [--format FMT] [--sarif FILE] ...
//   devlife merge --sarif FILE PARTIAL...
//   devlife check [--partial-dir DIR] [--checks GLOBS] [--] FLAGS... FILE.c
//   devlife list-checks
//   devlife explain RULE
//   devlife lsp [-p DIR] [--checks GLOBS] [--api-model FILE]   (stdin/stdout)
//   devlife --version
//   devlife worker --job FILE --out FILE      (internal: one TU)
//
//===----------------------------------------------------------------------===//
#include "core/Rule.h"
#include "checks/LockGraph.h"
#include "checks/RulePages.h"
#include "core/ProgramFactsFile.h"
#include "core/ProgramModel.h"
#include "integrations/audit/Audit.h"
#include "integrations/audit/Distributed.h"
#include "integrations/audit/KernelTree.h"
#include "integrations/audit/Partial.h"
#include "integrations/audit/Review.h"
#include "integrations/audit/Version.h"
#include "integrations/lsp/Lsp.h"
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
cl::SubCommand MergeCmd("merge",
                        "The global phase and the report over partials of "
                        "`audit --shard` or `check`");
cl::SubCommand ReviewCmd("review",
                         "Audit the translation units a git revision range "
                         "touches, at both ends, and report what it adds on "
                         "the lines it changes");
cl::SubCommand ListCmd("list-checks", "List the rules devlife has");
cl::SubCommand ExplainCmd("explain", "Print a rule's page: what it finds, why "
                                     "it matters, examples, how to suppress");
cl::opt<std::string> ExplainRule(cl::Positional, cl::desc("RULE"), cl::Required,
                                 cl::sub(ExplainCmd));
cl::SubCommand WorkerCmd("worker", "Internal: analyse one translation unit");
cl::SubCommand LspCmd("lsp", "A language server on stdin/stdout: devlife's "
                             "findings for the file being edited, beside clangd");
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
                               cl::value_desc("dir"),
                               cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> ReviewRange(cl::Positional, cl::desc("REV-RANGE"),
                                 cl::Required, cl::sub(ReviewCmd));
cl::list<std::string> ReviewPaths(cl::Positional,
                                  cl::desc("[PATH...] (more TUs to audit)"),
                                  cl::sub(ReviewCmd));
cl::list<std::string> Paths(cl::Positional, cl::desc("[PATH...]"),
                            cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<unsigned> Jobs("jobs", cl::desc("Parallel workers (default: all cores)"),
                       cl::init(0), cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd), cl::cat(AuditCat));
cl::alias JobsShort("j", cl::aliasopt(Jobs));
cl::opt<std::string> SarifOut("sarif", cl::desc("Write SARIF 2.1.0 to this file"),
                              cl::value_desc("file"), cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd),
                              cl::cat(AuditCat));
cl::list<std::string> Checks("checks",
                             cl::desc("Comma-separated rule globs; '-' removes"),
                             cl::CommaSeparated, cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd),
                             cl::cat(AuditCat));
cl::list<std::string> ModelFiles("api-model",
                                 cl::desc("Extra API model JSON (repeatable)"),
                                 cl::value_desc("file"), cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd),
                                 cl::cat(AuditCat));
cl::opt<std::string> FailOn("fail-on",
                            cl::desc("Exit 1 if a finding has this level or "
                                     "higher: note, warning, error"),
                            cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd), cl::cat(AuditCat));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root for SARIF URIs (default: the -p "
                                         "directory)"),
                                cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> UriBaseId("uri-base-id", cl::desc("SARIF uriBaseId"),
                               cl::init("%SRCROOT%"), cl::sub(AuditCmd), cl::sub(ReviewCmd),
                               cl::cat(AuditCat));
cl::opt<unsigned> Timeout("timeout", cl::desc("Seconds per translation unit"),
                          cl::init(600), cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd), cl::cat(AuditCat));
cl::opt<unsigned> MemoryLimit("memory-limit",
                              cl::desc("MiB per worker process (0: none)"),
                              cl::init(0), cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd), cl::cat(AuditCat));
cl::opt<bool> Quiet("quiet",
                    cl::desc("Print the summary only, and errors on stderr: "
                             "no findings, no progress, no warnings"),
                    cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd), cl::cat(AuditCat));
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
    cl::init(devlife::ProgressMode::Auto), cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::sub(MergeCmd),
    cl::cat(AuditCat));
cl::opt<std::string> ProgramFactsOut(
    "program-facts",
    cl::desc("Write every TU's program facts to this file, for the "
             "clang-tidy module's ProgramFacts option"),
    cl::value_desc("file"), cl::sub(AuditCmd), cl::sub(MergeCmd), cl::cat(AuditCat));

cl::opt<std::string> Shard("shard",
                          cl::desc("Analyse part K of N of the TUs (round 1 "
                                   "only) into --partial, for `devlife merge`"),
                          cl::value_desc("K/N"), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> PartialOut("partial", cl::desc("Where --shard writes its partial"),
                                cl::value_desc("file"), cl::sub(AuditCmd),
                                cl::cat(AuditCat));
cl::opt<std::string> KernelTree(
    "kernel-tree",
    cl::desc("A configured, prepared kernel tree to audit without -p: its "
             "compile_commands.json if it has one, else the commands Kbuild "
             "gives (recorded by a make pass that compiles nothing)"),
    cl::value_desc("dir"), cl::sub(AuditCmd), cl::cat(AuditCat));
cl::opt<std::string> KernelCC("kernel-cc",
                              cl::desc("The CC the tree was configured with"),
                              cl::init("clang-22"), cl::sub(AuditCmd),
                              cl::cat(AuditCat));
cl::opt<bool> RecordCommands("record-commands",
                             cl::desc("With --kernel-tree: ask Kbuild even when "
                                      "the tree has a compile_commands.json"),
                             cl::sub(AuditCmd), cl::cat(AuditCat));
cl::list<std::string> PartialFiles(cl::Positional, cl::desc("PARTIAL..."),
                                   cl::OneOrMore, cl::sub(MergeCmd));

cl::opt<bool> ParseAllBodies(
    "parse-all-bodies",
    cl::desc("Parse every function body, also the header functions no rule "
             "reads (slower; the findings are the same)"),
    cl::sub(AuditCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep the facts of analysed files here, for the next audit "
             "(default: $XDG_CACHE_HOME/devlife or ~/.cache/devlife)"),
    cl::value_desc("dir"), cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<bool> NoCache("no-cache", cl::desc("Neither read nor write the cache"),
                      cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> CacheSize(
    "cache-size",
    cl::desc("Prune the cache, least recently used first, to this size "
             "(e.g. 500m, 4g; default 2g)"),
    cl::value_desc("size"), cl::sub(AuditCmd), cl::sub(LspCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));

cl::opt<bool> KeepSuppressed(
    "keep-suppressed",
    cl::desc("Write the findings NOLINT comments suppress to the SARIF too, "
             "marked with suppressions (kind inSource); GitHub would show "
             "them as open alerts"),
    cl::sub(AuditCmd), cl::sub(MergeCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<bool> ReportUnusedSuppressions(
    "report-unused-suppressions",
    cl::desc("Warn about NOLINT(devlife-...) comments that suppress no "
             "finding"),
    cl::sub(AuditCmd), cl::sub(MergeCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));

cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only the findings this earlier SARIF log of devlife's "
             "does not have"),
    cl::value_desc("old.sarif"), cl::sub(AuditCmd), cl::sub(MergeCmd),
    cl::cat(AuditCat));
cl::opt<std::string> ChangedLinesDiff(
    "changed-lines",
    cl::desc("Report only the findings whose location or code flow is on a "
             "line this unified diff adds or changes ('-': stdin)"),
    cl::value_desc("diff"), cl::sub(AuditCmd), cl::sub(MergeCmd),
    cl::cat(AuditCat));
cl::opt<devlife::OutputFormat> Format(
    "format", cl::desc("What stdout carries"),
    cl::values(clEnumValN(devlife::OutputFormat::Text, "text",
                          "clang-style findings, then the summary (default)"),
               clEnumValN(devlife::OutputFormat::Jsonl, "jsonl",
                          "one JSON object per finding; the summary on stderr"),
               clEnumValN(devlife::OutputFormat::Sarif, "sarif",
                          "the SARIF log; the summary on stderr")),
    cl::init(devlife::OutputFormat::Text), cl::sub(AuditCmd), cl::sub(MergeCmd),
    cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> Color(
    "color",
    cl::desc("Colour the text findings: --color or --color=always, "
             "--color=never, --color=auto (default: when stdout is a terminal)"),
    cl::value_desc("when"), cl::ValueOptional, cl::init("auto"),
    cl::sub(AuditCmd), cl::sub(MergeCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));
cl::opt<std::string> Category(
    "category",
    cl::desc("GitHub code scanning category, written as the SARIF run's "
             "automationDetails.id"),
    cl::sub(AuditCmd), cl::sub(MergeCmd), cl::sub(ReviewCmd), cl::cat(AuditCat));

cl::opt<std::string> JobFile("job", cl::sub(WorkerCmd), cl::Required);
cl::opt<std::string> OutFile("out", cl::sub(WorkerCmd), cl::Required);

// Printed after the options of every --help, and so in devlife(1): what is
// not an llvm::cl option. "  TERM - TEXT" lines become the page's items.
cl::extrahelp KbuildHelp(R"(
KBUILD CHECKER:

  devlife check [--partial-dir=DIR] [--checks=GLOBS] [--api-model=FILE] [--source-root=DIR] [--] FLAGS... FILE.c - Check one file as Kbuild runs sparse: make CC=clang-22 C=2 CHECK="devlife check --partial-dir DIR" drivers/foo/ prints each file's findings as the build goes and leaves one partial per file for `devlife merge --sarif OUT DIR/*.partial`
)");
cl::extrahelp ExitHelp(R"(
EXIT STATUS:

  0 - analysed, no finding at or above --fail-on
  1 - a finding at or above --fail-on (wins over 3)
  2 - bad arguments or input (compile database, API model, paths): nothing was analysed
  3 - some files could not be analysed; the others were, and are reported
  130 - interrupted by SIGINT (143: by SIGTERM): the workers are killed, nothing is reported or written
)");

int programStats() {
  auto TUs = devlife::readProgramFacts(StatsFile);
  if (!TUs) {
    errs() << "devlife: error: " << toString(TUs.takeError()) << "\n";
    return devlife::ExitUsage;
  }
  std::vector<const devlife::TUFacts *> All;
  for (const devlife::TUFacts &T : *TUs)
    All.push_back(&T);
  auto Api = devlife::ApiModel::builtin();
  if (!Api) {
    errs() << "devlife: error: " << toString(Api.takeError()) << "\n";
    return devlife::ExitUsage;
  }
  devlife::program::ModelOptions Opts;
  Opts.GatedSlots = Api->gatedSlots();
  Opts.GateOpeners = Api->gateOpeners();
  devlife::program::ProgramModel Model(All, Opts);
  const auto &S = Model.stats();
  outs() << "translation units " << All.size() << "\nfunctions "
         << Model.functions().size() << "\nbindings with a resolved callback";
  for (const auto &[Kind, N] : S.BindingsByKind)
    outs() << " " << Kind << "=" << N;
  outs() << "\nslot targets " << S.SlotTargets << "\nindirect calls "
         << S.IndirectCalls << " (" << S.IndirectCallsResolved << " resolved)\n";
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

int explain() {
  if (const devlife::RulePage *Page = devlife::findRulePage(ExplainRule)) {
    outs() << Page->Markdown;
    return 0;
  }
  errs() << "devlife: error: no rule '" << ExplainRule << "'; the rules are:\n";
  for (const devlife::RuleEntry &E : devlife::allRules())
    errs() << "  " << E.Info.Id << "\n";
  return devlife::ExitUsage;
}

std::string absolute(StringRef P) {
  SmallString<256> S(P);
  sys::fs::make_absolute(S);
  sys::path::remove_dots(S, true);
  return std::string(S);
}

/// What audit, merge and check share: output, workers, where devlife is.
devlife::AuditOptions commonOptions(const char *Argv0) {
  devlife::AuditOptions Opts;
  Opts.SarifFile = SarifOut;
  Opts.ProgramFactsFile = ProgramFactsOut;
  Opts.Quiet = Quiet;
  Opts.KeepSuppressed = KeepSuppressed;
  Opts.ReportUnusedSuppressions = ReportUnusedSuppressions;
  Opts.ParseAllBodies = ParseAllBodies;
  Opts.Progress = ProgressOpt;
  Opts.Limits.Jobs =
      Jobs ? unsigned(Jobs) : llvm::hardware_concurrency().compute_thread_count();
  Opts.Limits.TimeoutSeconds = Timeout;
  Opts.Limits.MemoryLimitMB = MemoryLimit;
  static int Anchor;
  Opts.SelfExe = sys::fs::getMainExecutable(Argv0, &Anchor);
  Opts.ResourceDir = DEVLIFE_CLANG_RESOURCE_DIR;
  return Opts;
}

bool parseCache(devlife::AuditOptions &Opts) {
  Opts.Cache.Enabled = !NoCache;
  if (!CacheDir.empty())
    Opts.Cache.Dir = absolute(CacheDir);
  if (CacheSize.empty())
    return true;
  auto Bytes = devlife::parseCacheSize(CacheSize);
  if (!Bytes) {
    errs() << "devlife: error: " << toString(Bytes.takeError()) << "\n";
    return false;
  }
  Opts.Cache.MaxBytes = *Bytes;
  return true;
}

/// --format, --color, --category.
bool parseOutput(devlife::AuditOptions &Opts) {
  Opts.Format = Format;
  Opts.Category = Category;
  std::optional<devlife::ColorMode> C = devlife::parseColorMode(Color);
  if (!C)
    errs() << "devlife: error: --color takes always, never or auto, not '"
           << Color << "'\n";
  Opts.Color = C.value_or(devlife::ColorMode::Auto);
  return C.has_value();
}

/// --baseline and --changed-lines, read before anything is analysed so
/// that a bad file costs no time.
bool parseFilters(devlife::AuditOptions &Opts) {
  if (!BaselineFile.empty()) {
    auto B = devlife::Baseline::fromSarifFile(BaselineFile);
    if (!B) {
      errs() << "devlife: error: " << toString(B.takeError()) << "\n";
      return false;
    }
    Opts.Known = std::make_shared<devlife::Baseline>(std::move(*B));
    Opts.KnownName = BaselineFile;
  }
  if (!ChangedLinesDiff.empty()) {
    auto C = devlife::ChangedLines::fromFile(ChangedLinesDiff);
    if (!C) {
      errs() << "devlife: error: " << toString(C.takeError()) << "\n";
      return false;
    }
    Opts.Changed = std::make_shared<devlife::ChangedLines>(std::move(*C));
  }
  return true;
}

bool parseFailOn(devlife::AuditOptions &Opts) {
  if (FailOn.empty())
    return true;
  Opts.FailOn = devlife::parseLevel(FailOn);
  if (!Opts.FailOn)
    errs() << "devlife: error: --fail-on takes note, warning or error\n";
  return Opts.FailOn.has_value();
}

bool parseShard(devlife::AuditOptions &Opts) {
  if (Shard.empty() != PartialOut.empty()) {
    errs() << "devlife: error: --shard and --partial go together\n";
    return false;
  }
  if (Shard.empty())
    return true;
  auto KN = devlife::parseShard(Shard);
  if (!KN) {
    errs() << "devlife: error: " << toString(KN.takeError()) << "\n";
    return false;
  }
  std::tie(Opts.ShardIndex, Opts.ShardCount) = *KN;
  Opts.PartialFile = PartialOut;
  Opts.RoundOneOnly = true;
  return true;
}

int merge(const char *Argv0) {
  devlife::AuditOptions Opts = commonOptions(Argv0);
  if (!parseFailOn(Opts) || !parseOutput(Opts) || !parseFilters(Opts))
    return devlife::ExitUsage;
  return devlife::runMerge(Opts, {PartialFiles.begin(), PartialFiles.end()});
}

/// The options review shares with audit.
bool auditSelection(devlife::AuditOptions &Opts) {
  if (!parseFailOn(Opts) || !parseCache(Opts) || !parseOutput(Opts))
    return false;
  Opts.CheckGlobs.assign(Checks.begin(), Checks.end());
  for (const std::string &M : ModelFiles)
    Opts.ModelFiles.push_back(absolute(M));
  Opts.UriBaseId = UriBaseId;
  return true;
}

int review(const char *Argv0) {
  devlife::AuditOptions Opts = commonOptions(Argv0);
  if (!auditSelection(Opts))
    return devlife::ExitUsage;
  Opts.DatabaseDir = BuildPath.empty() ? "." : std::string(BuildPath);
  if (!SourceRoot.empty())
    Opts.SourceRoot = absolute(SourceRoot);
  return devlife::runReview(Opts, ReviewRange, {ReviewPaths.begin(), ReviewPaths.end()});
}

int lsp(const char *Argv0) {
  devlife::AuditOptions Opts = commonOptions(Argv0);
  if (!parseCache(Opts))
    return devlife::ExitUsage;
  if (!BuildPath.empty())
    Opts.DatabaseDir = absolute(BuildPath);
  Opts.CheckGlobs.assign(Checks.begin(), Checks.end());
  for (const std::string &M : ModelFiles)
    Opts.ModelFiles.push_back(absolute(M));
  Opts.Limits.Jobs = 1; // one file at a time
  return devlife::lsp::runLsp(Opts);
}

int audit(const char *Argv0) {
  devlife::AuditOptions Opts = commonOptions(Argv0);
  if (BuildPath.empty() == KernelTree.empty()) {
    errs() << "devlife: error: audit takes -p DIR (a compile database) or "
              "--kernel-tree DIR, one of them\n";
    return devlife::ExitUsage;
  }
  if (!auditSelection(Opts) || !parseShard(Opts) || !parseFilters(Opts))
    return devlife::ExitUsage;
  if (!KernelTree.empty()) {
    // make runs in the real directory: its getcwd() names the files.
    SmallString<256> Real;
    if (std::error_code EC = sys::fs::real_path(KernelTree, Real)) {
      errs() << "devlife: error: --kernel-tree " << KernelTree << ": "
             << EC.message() << "\n";
      return devlife::ExitUsage;
    }
    Opts.KernelTree = std::string(Real);
    Opts.KernelCompiler = KernelCC;
    Opts.RecordCommands = RecordCommands;
    BuildPath = Opts.KernelTree;
  }
  Opts.DatabaseDir = BuildPath;
  Opts.Paths.assign(Paths.begin(), Paths.end());
  Opts.SourceRoot = absolute(SourceRoot.empty() ? BuildPath : SourceRoot);
  return devlife::runAudit(Opts);
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  // Kbuild appends compiler flags llvm::cl would take for its own (or
  // reject): `check` reads its arguments itself.
  if (argc > 1 && StringRef(argv[1]) == "check") {
    devlife::AuditOptions Opts = commonOptions(argv[0]);
    return devlife::runCheck(Opts, {argv + 2, argv + argc});
  }
  // The compiler stand-in of `audit --kernel-tree`: make runs it.
  if (argc > 1 && StringRef(argv[1]) == "kbuild-cc")
    return devlife::kbuildCompilerMain({argv + 2, argv + argc});
  cl::HideUnrelatedOptions(AuditCat);
  cl::SetVersionPrinter(devlife::printVersion);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "devlife: device-lifetime rules for Linux drivers\n\n"
          "  Finds device-tree node, firmware node and device references that\n"
          "  are never released or released twice, devm resources on the\n"
          "  wrong device, attached outside probe or freed by hand, and locks\n"
          "  held across a wait for a callback that takes them or taken in\n"
          "  both orders, across functions and files. `devlife audit` checks\n"
          "  a compile database (a whole kernel tree) and writes SARIF for\n"
          "  code scanning; `devlife check` runs inside a kernel build; the\n"
          "  clang-tidy-22 module runs the same rules in an editor.\n",
          &errs()))
    return devlife::ExitUsage;
  if (ListCmd)
    return listChecks();
  if (ExplainCmd)
    return explain();
  if (LspCmd)
    return lsp(argv[0]);
  if (StatsCmd)
    return programStats();
  if (WorkerCmd)
    return devlife::workerMain(JobFile, OutFile);
  if (AuditCmd)
    return audit(argv[0]);
  if (MergeCmd)
    return merge(argv[0]);
  if (ReviewCmd)
    return review(argv[0]);
  errs() << "devlife: error: no subcommand; try 'devlife audit --help'\n";
  return devlife::ExitUsage;
}
