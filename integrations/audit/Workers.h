//===- Workers.h - One process per translation unit -----------------------===//
//
// Each TU is parsed in its own worker process (this executable, `worker`
// subcommand), so a crash, a hang or a memory blow-up inside Clang costs
// that TU only: the parent records it as a failed TU and goes on.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_WORKERS_H
#define DEVLIFE_AUDIT_WORKERS_H

#include "core/Facts.h"
#include "core/TUAnalysis.h"
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace devlife {

class FactsCache;

/// What a worker needs beyond the compile job; travels in the job file.
struct WorkerConfig {
  std::vector<std::string> Checks;     // rule ids
  std::vector<std::string> ModelFiles; // extensions, in order
  std::string ResourceDir;
  bool ParseAllBodies = false; // --parse-all-bodies: skip no body
  /// Looked in before a worker is started, and given what it wrote; null
  /// for none (--no-cache). Not used with an Overlay: the cache keys what
  /// the disk holds.
  FactsCache *Cache = nullptr;
  /// Absolute paths the workers read from other files instead (the file
  /// holding another revision's contents), for `devlife review`.
  std::map<std::string, std::string> Overlay;
};

struct WorkerLimits {
  unsigned Jobs = 1;
  unsigned TimeoutSeconds = 600;
  unsigned MemoryLimitMB = 0; // 0: none
};

/// The result of one TU: facts, or why there are none.
struct TUOutcome {
  std::string File;
  bool Ok = false;
  TUFacts Facts;       // valid when Ok
  std::string Failure; // when !Ok: crash, timeout, unreadable output
  bool FromCache = false; // Facts came from the cache, no worker ran
};

/// A worker started on Jobs[Index], or Jobs[Index] is done (analysed or
/// failed; Outcome says which).
struct WorkerEvent {
  enum Kind { Started, Finished } What;
  size_t Index;
  const TUOutcome *Outcome = nullptr; // Finished only
};

/// How the caller follows runWorkers and stops it. Both may be empty.
struct PoolHooks {
  /// Called from the pool's threads, one call at a time, so a progress
  /// display needs no lock of its own. Not called once stopping.
  std::function<void(const WorkerEvent &)> OnEvent;
  /// Polled every few tens of milliseconds from the calling thread. Once it
  /// returns true, the running workers are killed and no more start; the
  /// TUs not analysed by then come back failed.
  std::function<bool()> ShouldStop;
};

/// Runs every job in a worker process, at most Limits.Jobs at a time.
/// Outcomes come back in the order of Jobs, whatever the scheduling.
std::vector<TUOutcome> runWorkers(const std::string &SelfExe,
                                  const std::vector<CompileJob> &Jobs,
                                  const WorkerConfig &Config,
                                  const WorkerLimits &Limits,
                                  const PoolHooks &Hooks = {});

/// What every worker this process ran has cost so far, as the kernel
/// reported it when each was reaped. (getrusage(RUSAGE_CHILDREN) would
/// count whatever else the process reaped before, a build when a shell
/// exec()s devlife last.)
struct WorkerUsage {
  double CpuSeconds = 0;
  uint64_t PeakKB = 0; // the largest worker's peak resident memory
};
WorkerUsage workerUsage();

/// The worker side: reads a job file, analyses, writes the facts file.
/// Returns the process exit code.
int workerMain(const std::string &JobFile, const std::string &OutFile);

} // namespace devlife

#endif
