//===- Progress.cpp -------------------------------------------------------===//
#include "integrations/audit/Progress.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include <sys/ioctl.h>
#include <unistd.h>

namespace devlife {

ProgressStyle progressStyleFor(ProgressMode Mode, bool Quiet) {
  if (Quiet || Mode == ProgressMode::Never)
    return ProgressStyle::None;
  if (Mode == ProgressMode::Always ||
      llvm::sys::Process::StandardErrIsDisplayed())
    return ProgressStyle::Live;
  return ProgressStyle::Plain;
}

/// LLVM reads only $COLUMNS, which shells do not export; the terminal knows.
/// Asked at each redraw, so a resized window is followed.
static unsigned stderrColumns() {
  if (unsigned C = llvm::sys::Process::StandardErrColumns())
    return C;
  struct winsize W;
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &W) == 0 && W.ws_col)
    return W.ws_col;
  return 80;
}

std::string clockTime(double Seconds) {
  unsigned long S = Seconds > 0 ? static_cast<unsigned long>(Seconds + 0.5) : 0;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  if (S >= 3600)
    OS << S / 3600 << ":" << llvm::format("%02lu", S / 60 % 60);
  else
    OS << S / 60;
  OS << ":" << llvm::format("%02lu", S % 60);
  return Out;
}

Progress::Progress(ProgressStyle Style, llvm::raw_ostream &OS, unsigned Columns,
                   std::function<Clock::time_point()> Now)
    : Style(Style), OS(OS), Columns(Columns), Now(std::move(Now)) {}

void Progress::beginPhase(std::string L, size_t T) {
  Label = std::move(L);
  Total = T;
  Done = 0;
  Current.clear();
  PhaseStart = Now();
  if (Style == ProgressStyle::Plain)
    OS << "devlife: " << Label << ": " << Total << " translation unit"
       << (Total == 1 ? "" : "s") << "\n";
  else if (Style == ProgressStyle::Live)
    drawLive();
}

void Progress::started(llvm::StringRef File) {
  Current = File.str();
  if (Style == ProgressStyle::Live)
    drawLive();
}

void Progress::finished(llvm::StringRef File) {
  Current = File.str();
  ++Done;
  if (Style == ProgressStyle::Live)
    drawLive();
  // A line each time the count crosses a tenth of the phase.
  else if (Style == ProgressStyle::Plain && Done * 10 / Total > (Done - 1) * 10 / Total)
    OS << "devlife: " << Label << ": " << status() << "\n";
}

void Progress::clear() {
  if (!Drawn)
    return;
  OS << '\r' << std::string(Drawn, ' ') << '\r';
  OS.flush();
  Drawn = 0;
}

std::string Progress::status() const {
  std::string Out;
  llvm::raw_string_ostream S(Out);
  S << Done << "/" << Total << " (" << (Total ? Done * 100 / Total : 100) << "%)";
  double Elapsed = std::chrono::duration<double>(Now() - PhaseStart).count();
  // Until a TU is done there is no rate to speak of.
  if (Done && Elapsed > 0) {
    double Rate = Done / Elapsed;
    S << ", " << llvm::format("%.1f", Rate) << " TU/s, ";
    if (Done < Total)
      S << "ETA " << clockTime((Total - Done) / Rate);
    else
      S << "done in " << clockTime(Elapsed);
  }
  return Out;
}

void Progress::drawLive() {
  std::string Line = Label + ": " + status();
  // The line must never wrap, or '\r' rewrites only its last part: the file
  // gets what room is left, losing its start first.
  size_t Room = (Columns ? Columns : stderrColumns()) - 1;
  if (!Current.empty() && Line.size() + 8 < Room) {
    size_t Left = Room - Line.size() - 2;
    llvm::StringRef File(Current);
    Line += "  ";
    Line += File.size() <= Left ? File.str()
                                : "..." + File.take_back(Left - 3).str();
  }
  if (Line.size() > Room)
    Line.resize(Room);
  OS << '\r' << Line;
  if (Line.size() < Drawn)
    OS << std::string(Drawn - Line.size(), ' ');
  OS.flush();
  Drawn = Line.size();
}

} // namespace devlife
