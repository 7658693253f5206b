//===- Report.cpp ---------------------------------------------------------===//
#include "core/Report.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace devlife {

SourcePoint toSourcePoint(clang::SourceLocation Loc,
                          const clang::SourceManager &SM) {
  SourcePoint P;
  if (Loc.isInvalid())
    return P;
  clang::PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(Loc),
                                            /*UseLineDirectives=*/false);
  if (PL.isInvalid())
    return P;
  llvm::SmallString<256> Path(PL.getFilename());
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  P.File = std::string(Path);
  P.Line = PL.getLine();
  P.Column = PL.getColumn();
  return P;
}

/// The file point of a location inside a real file, spelled where it is;
/// none in a buffer of Clang's own (<scratch space>, <built-in>).
static std::optional<SourcePoint> spelledPoint(clang::SourceLocation Loc,
                                               const clang::SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedSpellingLoc(Loc);
  if (!SM.getFileEntryRefForID(File))
    return std::nullopt;
  llvm::SmallString<256> Path(SM.getFileEntryRefForID(File)->getName());
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return SourcePoint{std::string(Path), SM.getLineNumber(File, Offset),
                     SM.getColumnNumber(File, Offset)};
}

/// Where clang-tidy looks for a NOLINT of a diagnostic in a macro: the
/// spelling of the location, then of each immediate expansion around it
/// (NoLintDirectiveHandler's diagHasNoLintInMacro).
static std::vector<SourcePoint> macroSites(clang::SourceLocation Loc,
                                           const clang::SourceManager &SM) {
  std::vector<SourcePoint> Sites;
  if (Loc.isInvalid() || !Loc.isMacroID())
    return Sites;
  while (true) {
    if (std::optional<SourcePoint> P = spelledPoint(Loc, SM))
      Sites.push_back(std::move(*P));
    if (!Loc.isMacroID())
      return Sites;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
}

static Edit toEdit(const clang::FixItHint &H, const clang::SourceManager &SM) {
  Edit E;
  E.Replacement = H.CodeToInsert;
  if (H.RemoveRange.isValid()) {
    E.Begin = toSourcePoint(H.RemoveRange.getBegin(), SM);
    E.End = toSourcePoint(H.RemoveRange.getEnd(), SM);
  } else {
    E.Begin = E.End = toSourcePoint(H.InsertFromRange.getBegin(), SM);
  }
  return E;
}

Finding toFinding(const Report &R, const clang::SourceManager &SM) {
  Finding F;
  F.RuleId = R.RuleId;
  F.Severity = R.Severity;
  F.Message = R.Message;
  F.Where = toSourcePoint(R.Loc, SM);
  F.MacroSites = macroSites(R.Loc, SM);
  F.Function = R.Function;
  for (const ReportStep &S : R.Path)
    F.Path.push_back({toSourcePoint(S.Loc, SM), S.Message});
  for (const ReportStep &S : R.Related)
    F.Related.push_back({toSourcePoint(S.Loc, SM), S.Message});
  for (const clang::FixItHint &H : R.Fixes)
    F.Fixes.push_back(toEdit(H, SM));
  return F;
}

static clang::SourceLocation locationOf(const SourcePoint &P,
                                        clang::SourceManager &SM) {
  if (P.File.empty())
    return {};
  auto FE = SM.getFileManager().getOptionalFileRef(P.File);
  if (!FE)
    return {};
  clang::FileID ID = SM.translateFile(*FE);
  if (ID.isInvalid())
    ID = SM.createFileID(*FE, clang::SourceLocation(), clang::SrcMgr::C_User);
  return SM.translateLineCol(ID, P.Line, P.Column);
}

Report fromFinding(const Finding &F, clang::SourceManager &SM) {
  Report R;
  R.RuleId = F.RuleId;
  R.Severity = F.Severity;
  R.Message = F.Message;
  R.Loc = locationOf(F.Where, SM);
  R.Function = F.Function;
  auto steps = [&](const std::vector<PathStep> &In, std::vector<ReportStep> &Out) {
    for (const PathStep &S : In)
      if (clang::SourceLocation L = locationOf(S.Where, SM); L.isValid())
        Out.push_back({L, S.Message});
  };
  steps(F.Path, R.Path);
  // clang-tidy has notes, not code flows: the other flows follow the first.
  for (const std::vector<PathStep> &Flow : F.OtherFlows)
    steps(Flow, R.Path);
  steps(F.Related, R.Related);
  return R;
}

} // namespace devlife
