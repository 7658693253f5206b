//===- TextOutput.cpp -----------------------------------------------------===//
#include "integrations/report/TextOutput.h"

#include "llvm/Support/FileSystem.h"

namespace devlife {
namespace {

std::string where(const SourcePoint &P) {
  return displayPath(P.File) + ":" + std::to_string(P.Line) + ":" +
         std::to_string(P.Column) + ":";
}

/// clang's colours for a diagnostic's level (TextDiagnostic.cpp).
llvm::raw_ostream::Colors levelColor(const char *Level) {
  llvm::StringRef L(Level);
  if (L == "error")
    return llvm::raw_ostream::RED;
  if (L == "note")
    return llvm::raw_ostream::BLACK;
  return llvm::raw_ostream::MAGENTA;
}

/// One line; colours appear only if OS has them enabled.
void printLine(llvm::raw_ostream &OS, const SourcePoint &P, const char *Level,
               llvm::StringRef Message) {
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << where(P);
  OS.resetColor();
  OS << " ";
  OS.changeColor(levelColor(Level), /*Bold=*/true);
  OS << Level << ":";
  OS.resetColor();
  OS << " ";
  bool Bold = llvm::StringRef(Level) != "note";
  if (Bold)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message;
  if (Bold)
    OS.resetColor();
  OS << "\n";
}

} // namespace

std::optional<ColorMode> parseColorMode(llvm::StringRef Value) {
  if (Value.empty() || Value == "always")
    return ColorMode::Always;
  if (Value == "never")
    return ColorMode::Never;
  if (Value == "auto")
    return ColorMode::Auto;
  return std::nullopt;
}

bool useColor(ColorMode Mode, const llvm::raw_ostream &OS) {
  if (Mode == ColorMode::Auto)
    return OS.has_colors();
  return Mode == ColorMode::Always;
}

std::string displayPath(const std::string &File) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  llvm::StringRef F(File);
  if (F.starts_with(Cwd) && F.size() > Cwd.size() && F[Cwd.size()] == '/')
    return F.substr(Cwd.size() + 1).str();
  return File;
}

void printFindings(const std::vector<Finding> &Findings, llvm::raw_ostream &OS,
                   bool Color) {
  bool Before = OS.colors_enabled();
  OS.enable_colors(Color);
  for (const Finding &F : Findings) {
    printLine(OS, F.Where, levelName(F.Severity),
              F.Message + " [" + F.RuleId + "]");
    for (const PathStep &S : F.Path)
      printLine(OS, S.Where, "note", S.Message);
    for (const std::vector<PathStep> &Flow : F.OtherFlows)
      for (const PathStep &S : Flow)
        printLine(OS, S.Where, "note", S.Message);
    for (const PathStep &S : F.Related)
      printLine(OS, S.Where, "note", S.Message);
  }
  OS.enable_colors(Before);
}

} // namespace devlife
