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
  F.Function = R.Function;
  for (const ReportStep &S : R.Path)
    F.Path.push_back({toSourcePoint(S.Loc, SM), S.Message});
  for (const ReportStep &S : R.Related)
    F.Related.push_back({toSourcePoint(S.Loc, SM), S.Message});
  for (const clang::FixItHint &H : R.Fixes)
    F.Fixes.push_back(toEdit(H, SM));
  return F;
}

} // namespace devlife
