//===- Progress.h - What the audit says on stderr while it runs -----------===//
//
// A whole-tree audit runs for an hour; its user wants to know how far it is
// and how long it will take. On a terminal that is one line, redrawn in place
// with '\r': done/total, rate, ETA and the file last started or finished. In
// a CI log, where '\r' makes a mess, it is plain lines: one when a phase
// starts, one at each tenth of it. That keeps the log short and still shows
// the audit is alive.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_PROGRESS_H
#define DEVLIFE_AUDIT_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <functional>
#include <string>

namespace devlife {

/// --progress: auto is live on a terminal and plain elsewhere.
enum class ProgressMode { Auto, Always, Never };
enum class ProgressStyle { None, Live, Plain };

/// The style for stderr; --quiet turns progress off whatever the mode.
ProgressStyle progressStyleFor(ProgressMode Mode, bool Quiet);

/// M:SS, or H:MM:SS from an hour on.
std::string clockTime(double Seconds);

/// Progress over the phases of one audit: the first analysis of every TU,
/// then each re-analysis round of the global phase. Not thread-safe: the
/// worker pool calls started()/finished() one at a time.
class Progress {
public:
  using Clock = std::chrono::steady_clock;
  /// Columns: the width a live line stays below; 0 asks stderr's terminal
  /// (80 when it cannot tell). Now is there for tests, which need a clock
  /// they control.
  Progress(ProgressStyle Style, llvm::raw_ostream &OS, unsigned Columns = 0,
           std::function<Clock::time_point()> Now = Clock::now);
  ~Progress() { clear(); }

  /// Label names the phase: "analysing", "re-analysis round 2".
  void beginPhase(std::string Label, size_t Total);
  void started(llvm::StringRef File);
  void finished(llvm::StringRef File);
  /// Takes the live line off the terminal, so other output starts on a
  /// clean line.
  void clear();

private:
  /// "6/60 (10%), 12.3 TU/s, ETA 0:04": the part both styles share.
  std::string status() const;
  void drawLive();

  ProgressStyle Style;
  llvm::raw_ostream &OS;
  unsigned Columns;
  std::function<Clock::time_point()> Now;
  std::string Label, Current;
  size_t Total = 0, Done = 0;
  Clock::time_point PhaseStart;
  size_t Drawn = 0; // characters of the live line now on the terminal
};

} // namespace devlife

#endif
