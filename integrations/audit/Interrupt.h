//===- Interrupt.h - Ctrl-C and SIGTERM during an audit -------------------===//
//
// An audit killed outright by SIGINT or SIGTERM would leave its workers
// running (SIGTERM from a CI timeout reaches the parent only) and its
// temporary directory behind. While an InterruptCatcher lives, the two
// signals only record which arrived; the worker pool polls that, kills its
// workers, and the audit exits with ExitInterrupted or ExitTerminated,
// writing no output file.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_INTERRUPT_H
#define DEVLIFE_AUDIT_INTERRUPT_H

namespace devlife {

/// Installs the handlers (sigaction) for its lifetime; the main process's
/// only, never a worker's. A second signal finds the handler that was there
/// before (LLVM's: remove its temporary files, die of the signal), so an
/// audit that does not stop fast enough still ends at once.
class InterruptCatcher {
public:
  InterruptCatcher();
  ~InterruptCatcher();
  InterruptCatcher(const InterruptCatcher &) = delete;
  InterruptCatcher &operator=(const InterruptCatcher &) = delete;

  /// The signal that arrived (SIGINT or SIGTERM), or 0.
  static int caught();
};

} // namespace devlife

#endif
