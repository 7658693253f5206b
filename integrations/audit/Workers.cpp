//===- Workers.cpp --------------------------------------------------------===//
#include "integrations/audit/Workers.h"

#include "integrations/audit/Cache.h"
#include "matchers/ApiModel.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>

namespace devlife {
namespace {

using nlohmann::json;

/// InputsFile, if not empty, is where the worker lists the files it read.
json jobToJson(const CompileJob &Job, const WorkerConfig &Config,
               const std::string &InputsFile, unsigned MemoryLimitMB) {
  json J = {{"directory", Job.Directory},     {"file", Job.File},
            {"arguments", Job.Arguments},     {"checks", Config.Checks},
            {"model_files", Config.ModelFiles}, {"resource_dir", Config.ResourceDir},
            {"parse_all_bodies", Config.ParseAllBodies},
            {"memory_limit_mb", MemoryLimitMB}};
  if (!Config.Overlay.empty())
    J["overlay"] = Config.Overlay;
  if (!InputsFile.empty())
    J["inputs_out"] = InputsFile;
  return J;
}

llvm::Error writeBytes(const std::string &Path, const std::string &Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return llvm::createStringError(EC, "cannot write %s: %s", Path.c_str(),
                                   EC.message().c_str());
  OS << Text;
  return llvm::Error::success();
}

std::string readBytes(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// The last lines of a worker's stderr: where Clang prints its stack dump.
std::string tailOf(const std::string &Text, unsigned Lines) {
  size_t Pos = Text.size();
  while (Lines-- && Pos != std::string::npos && Pos > 0)
    Pos = Text.rfind('\n', Pos - 1);
  std::string Tail = Text.substr(Pos == std::string::npos ? 0 : Pos);
  return llvm::StringRef(Tail).trim().str();
}

/// How often the supervisor looks at the clock and at ShouldStop: often
/// enough that Ctrl-C feels immediate, rarely enough to cost nothing.
constexpr std::chrono::milliseconds Tick(50);

const char *const StoppedFailure = "not analysed: the audit was stopped";

std::string describeFailure(int Rc, const std::string &ErrMsg, bool TimedOut,
                            const WorkerLimits &Limits) {
  if (TimedOut)
    return "analysis timed out after " + std::to_string(Limits.TimeoutSeconds) +
           " s";
  if (Rc == -2)
    return "analysis crashed (" + (ErrMsg.empty() ? "signal" : ErrMsg) + ")";
  if (Rc == -1)
    return "could not start the analysis: " + ErrMsg;
  return "analysis exited with status " + std::to_string(Rc);
}

/// Fills Out from the facts a worker that succeeded wrote.
void readFacts(const std::string &FactsBytes, TUOutcome &Out) {
  if (FactsBytes.empty()) {
    Out.Failure = "worker wrote no readable result";
    return;
  }
  try {
    Out.Facts = factsFromBytes(FactsBytes);
    Out.Ok = true;
  } catch (const json::exception &E) {
    Out.Failure = std::string("worker result is malformed: ") + E.what();
  }
}

/// The files a worker's parse read, as it listed them; none if unreadable.
std::vector<std::string> readInputs(const std::string &InputsFile) {
  json J = json::parse(readBytes(InputsFile), nullptr, false);
  if (!J.is_array())
    return {};
  try {
    return J.get<std::vector<std::string>>();
  } catch (const json::exception &) {
    return {};
  }
}

std::mutex UsageM;
WorkerUsage Usage;

void addUsage(const std::optional<llvm::sys::ProcessStatistics> &Stat) {
  if (!Stat)
    return;
  std::lock_guard<std::mutex> L(UsageM);
  Usage.CpuSeconds += std::chrono::duration<double>(Stat->TotalTime).count();
  Usage.PeakKB = std::max<uint64_t>(Usage.PeakKB, Stat->PeakMemory);
}

/// Blocks until the process exits, without reaping it: until it is reaped
/// its pid cannot name another process, so the supervisor may still kill it.
void awaitExit(llvm::sys::procid_t Pid) {
  siginfo_t Info;
  while (waitid(P_PID, Pid, &Info, WEXITED | WNOWAIT) == -1 && errno == EINTR)
    ;
}

/// One runWorkers call. Pool threads analyse a TU each; the calling thread
/// supervises: it kills a worker that overran --timeout, and every worker
/// once the caller asks to stop. (ExecuteAndWait's own timeout is alarm(2),
/// one per process: with several workers each start re-arms it and the
/// signal may land in another thread, so a hung worker could wait forever.)
class WorkerPool {
public:
  WorkerPool(const std::string &SelfExe, const std::vector<CompileJob> &Jobs,
             const WorkerConfig &Config, const WorkerLimits &Limits,
             const PoolHooks &Hooks, std::string TempDir)
      : SelfExe(SelfExe), Jobs(Jobs), Config(Config), Limits(Limits),
        Hooks(Hooks), TempDir(std::move(TempDir)) {
    if (Config.Cache && Config.Overlay.empty())
      CacheKey = Config.Cache->configKey(Config);
  }

  /// In a pool thread.
  TUOutcome analyse(size_t Index) {
    TUOutcome Out;
    Out.File = Jobs[Index].File;
    if (!Stopping) {
      notify({WorkerEvent::Started, Index});
      analyseIn(Index, Out);
    }
    if (Stopping && !Out.Ok)
      Out.Failure = StoppedFailure;
    notify({WorkerEvent::Finished, Index, &Out});
    {
      std::lock_guard<std::mutex> L(DoneM);
      ++Done;
    }
    DoneCV.notify_one();
    return Out;
  }

  /// In the calling thread, until every TU is done.
  void supervise() {
    std::unique_lock<std::mutex> L(DoneM);
    while (!DoneCV.wait_for(L, Tick, [&] { return Done == Jobs.size(); })) {
      if (!Stopping && Hooks.ShouldStop && Hooks.ShouldStop())
        Stopping = true;
      killWorkers();
    }
  }

private:
  struct Running {
    llvm::sys::procid_t Pid;
    std::chrono::steady_clock::time_point Start;
    bool TimedOut = false;
  };

  void analyseIn(size_t Index, TUOutcome &Out) {
    const CompileJob &Job = Jobs[Index];
    if (!llvm::sys::fs::exists(Job.File) && !Config.Overlay.count(Job.File)) {
      Out.Failure = "source file does not exist";
      return;
    }
    if (takeFromCache(Job, Out))
      return;
    std::string Base = TempDir + "/tu" + std::to_string(Index);
    std::string JobFile = Base + ".job.json", FactsFile = Base + ".facts",
                ErrFile = Base + ".stderr",
                InputsFile = CacheKey ? Base + ".inputs.json" : "";
    if (auto Err = writeBytes(JobFile, jobToJson(Job, Config, InputsFile,
                                                 workerMemoryLimitMB())
                                           .dump())) {
      Out.Failure = llvm::toString(std::move(Err));
      return;
    }
    std::string ErrMsg;
    bool TimedOut = false;
    auto Started = std::chrono::system_clock::now();
    int Rc = execute(Index, {SelfExe, "worker", "--job", JobFile, "--out", FactsFile},
                     ErrFile, ErrMsg, TimedOut);
    if (Rc == 0 && !TimedOut) {
      std::string FactsBytes = readBytes(FactsFile);
      readFacts(FactsBytes, Out);
      if (Out.Ok && CacheKey)
        Config.Cache->store(Job, *CacheKey, Out.Facts, FactsBytes,
                            readInputs(InputsFile), Started);
    } else {
      Out.Failure = describeFailure(Rc, ErrMsg, TimedOut, Limits);
      std::string Tail = tailOf(readBytes(ErrFile), 6);
      if (!Tail.empty())
        Out.Failure += ":\n" + Tail;
    }
    for (const std::string &F : {JobFile, FactsFile, ErrFile, InputsFile})
      if (!F.empty())
        llvm::sys::fs::remove(F);
  }

  /// Whether the cache had Job's facts: then no worker is started.
  bool takeFromCache(const CompileJob &Job, TUOutcome &Out) {
    if (!CacheKey)
      return false;
    std::optional<TUFacts> Facts = Config.Cache->lookup(Job, *CacheKey);
    if (!Facts)
      return false;
    Out.Facts = std::move(*Facts);
    Out.Ok = Out.FromCache = true;
    return true;
  }

  /// The limit is an rlimit on the data segment, and an AddressSanitizer
  /// build reserves terabytes of shadow memory at start: a limited worker
  /// would never start. The hardening build runs its workers unlimited.
  unsigned workerMemoryLimitMB() const {
    return LLVM_ADDRESS_SANITIZER_BUILD ? 0 : Limits.MemoryLimitMB;
  }
  // The worker sets its limit itself (the job's memory_limit_mb): given a
  // limit, ExecuteNoWait forks instead of posix_spawn()ing, and a forked
  // child starts with the audit's resident pages counted as its own, which
  // its ru_maxrss keeps through the exec (every worker of an audit holding
  // 400 MB of facts then "peaks" at 400 MB).

  /// Runs one worker to its end; the result code as ExecuteAndWait gives it.
  int execute(size_t Index, llvm::ArrayRef<llvm::StringRef> Args,
              llvm::StringRef ErrFile, std::string &ErrMsg, bool &TimedOut) {
    std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                  llvm::StringRef(""), ErrFile};
    bool Failed = false;
    llvm::sys::ProcessInfo PI =
        llvm::sys::ExecuteNoWait(SelfExe, Args, std::nullopt, Redirects,
                                 /*MemoryLimit=*/0, &ErrMsg, &Failed);
    if (Failed)
      return -1;
    {
      std::lock_guard<std::mutex> L(RunningM);
      RunningNow[Index] = {PI.Pid, std::chrono::steady_clock::now()};
    }
    awaitExit(PI.Pid);
    {
      std::lock_guard<std::mutex> L(RunningM);
      TimedOut = RunningNow[Index].TimedOut;
      RunningNow.erase(Index);
    }
    std::optional<llvm::sys::ProcessStatistics> Stat;
    int Rc = llvm::sys::Wait(PI, std::nullopt, &ErrMsg, &Stat).ReturnCode;
    addUsage(Stat);
    return Rc;
  }

  /// Every worker once stopping; otherwise those that overran the timeout.
  void killWorkers() {
    auto Now = std::chrono::steady_clock::now();
    std::chrono::seconds Limit(Limits.TimeoutSeconds);
    std::lock_guard<std::mutex> L(RunningM);
    for (auto &[Index, R] : RunningNow) {
      bool Overdue = Limits.TimeoutSeconds && !R.TimedOut && Now - R.Start >= Limit;
      R.TimedOut |= Overdue;
      if (Stopping || Overdue)
        ::kill(R.Pid, SIGKILL);
    }
  }

  void notify(const WorkerEvent &E) {
    if (!Hooks.OnEvent || Stopping)
      return;
    std::lock_guard<std::mutex> L(EventM);
    Hooks.OnEvent(E);
  }

  const std::string &SelfExe;
  const std::vector<CompileJob> &Jobs;
  const WorkerConfig &Config;
  const WorkerLimits &Limits;
  const PoolHooks &Hooks;
  const std::string TempDir;
  std::optional<CacheDigest> CacheKey; // none: no cache for this run
  std::atomic<bool> Stopping{false};
  std::mutex RunningM; // guards RunningNow
  std::map<size_t, Running> RunningNow;
  std::mutex EventM; // one OnEvent call at a time
  std::mutex DoneM;  // guards Done
  std::condition_variable DoneCV;
  size_t Done = 0;
};

} // namespace

std::vector<TUOutcome> runWorkers(const std::string &SelfExe,
                                  const std::vector<CompileJob> &Jobs,
                                  const WorkerConfig &Config,
                                  const WorkerLimits &Limits,
                                  const PoolHooks &Hooks) {
  std::vector<TUOutcome> Outcomes(Jobs.size());
  llvm::SmallString<128> TempDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("devlife-audit", TempDir)) {
    for (size_t I = 0; I < Jobs.size(); ++I)
      Outcomes[I] = {Jobs[I].File, false, {},
                     "cannot create a temporary directory: " + EC.message()};
    return Outcomes;
  }
  {
    WorkerPool Workers(SelfExe, Jobs, Config, Limits, Hooks, std::string(TempDir));
    llvm::DefaultThreadPool Pool(
        llvm::hardware_concurrency(std::max(1u, Limits.Jobs)));
    for (size_t I = 0; I < Jobs.size(); ++I)
      Pool.async([&, I] { Outcomes[I] = Workers.analyse(I); });
    Workers.supervise();
    Pool.wait();
  }
  llvm::sys::fs::remove_directories(TempDir);
  return Outcomes;
}

/// Whether the test hook Var (a substring of a file name) names File.
static bool testHookNames(const char *Var, const std::string &File) {
  const char *Part = std::getenv(Var);
  return Part && *Part && File.find(Part) != std::string::npos;
}

/// What ExecuteNoWait would set for a MemoryLimit, set by the worker on
/// itself: the data segment (heap and anonymous mappings) in MiB; 0: none.
static void limitOwnMemory(unsigned MB) {
  if (MB == 0)
    return;
  struct rlimit R;
  if (getrlimit(RLIMIT_DATA, &R) != 0)
    return;
  R.rlim_cur = rlim_t(MB) << 20;
  if (R.rlim_max != RLIM_INFINITY && R.rlim_cur > R.rlim_max)
    R.rlim_cur = R.rlim_max;
  setrlimit(RLIMIT_DATA, &R);
}

static llvm::Expected<AnalysisOptions> optionsFromJob(const json &J) {
  auto Model = ApiModel::builtin();
  if (!Model)
    return Model.takeError();
  for (const std::string &F : J.at("model_files").get<std::vector<std::string>>())
    if (auto Err = Model->extendFromFile(F))
      return std::move(Err);
  AnalysisOptions Opts;
  Opts.Model = std::make_shared<const ApiModel>(std::move(*Model));
  Opts.ResourceDir = J.at("resource_dir").get<std::string>();
  Opts.SkipUnreadBodies = !J.at("parse_all_bodies").get<bool>();
  for (const std::string &Id : J.at("checks").get<std::vector<std::string>>())
    if (const RuleEntry *E = findRule(Id))
      Opts.Rules.push_back(E);
  if (J.contains("overlay"))
    for (const auto &[Path, From] :
         J.at("overlay").get<std::map<std::string, std::string>>()) {
      auto Buf = llvm::MemoryBuffer::getFile(From, /*IsText=*/false);
      if (!Buf)
        return llvm::createStringError(Buf.getError(), "cannot read %s: %s",
                                       From.c_str(),
                                       Buf.getError().message().c_str());
      Opts.FileContents[Path] = (*Buf)->getBuffer().str();
    }
  return Opts;
}

WorkerUsage workerUsage() {
  std::lock_guard<std::mutex> L(UsageM);
  return Usage;
}

int workerMain(const std::string &JobFile, const std::string &OutFile) {
  json J = json::parse(readBytes(JobFile), nullptr, false);
  if (J.is_discarded()) {
    llvm::errs() << "devlife worker: unreadable job file " << JobFile << "\n";
    return 2;
  }
  try {
    auto Opts = optionsFromJob(J);
    if (!Opts) {
      llvm::errs() << "devlife worker: " << llvm::toString(Opts.takeError())
                   << "\n";
      return 2;
    }
    limitOwnMemory(J.value("memory_limit_mb", 0u));
    CompileJob Job{J.at("directory"), J.at("file"), J.at("arguments")};
    // Test hooks: a worker that crashes proves a crashing TU loses nothing
    // else; one that hangs, that --timeout and interruption kill workers
    // rather than wait for them.
    if (testHookNames("DEVLIFE_TEST_CRASH_ON", Job.File))
      std::abort();
    if (testHookNames("DEVLIFE_TEST_HANG_ON", Job.File))
      std::this_thread::sleep_for(std::chrono::minutes(2));
    std::vector<std::string> Inputs;
    bool ListInputs = J.contains("inputs_out");
    TUFacts Facts = analyzeTU(Job, *Opts, ListInputs ? &Inputs : nullptr);
    if (ListInputs)
      if (auto Err = writeBytes(J.at("inputs_out").get<std::string>(),
                               json(Inputs).dump())) {
        llvm::errs() << "devlife worker: " << llvm::toString(std::move(Err))
                     << "\n";
        return 2;
      }
    if (auto Err = writeBytes(OutFile, factsBytes(Facts))) {
      llvm::errs() << "devlife worker: " << llvm::toString(std::move(Err))
                   << "\n";
      return 2;
    }
  } catch (const json::exception &E) {
    llvm::errs() << "devlife worker: malformed job file: " << E.what() << "\n";
    return 2;
  }
  return 0;
}

} // namespace devlife
