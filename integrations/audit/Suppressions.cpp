//===- Suppressions.cpp ---------------------------------------------------===//
#include "integrations/audit/Suppressions.h"

#include "core/Nolint.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <memory>
#include <set>

namespace devlife {
namespace {

using nolint::Directive;
using nolint::FileSuppressions;

/// "NOLINTNEXTLINE(devlife-refcount-leak)", as the comment reads.
std::string spelling(const Directive &D) {
  std::string S = nolint::kindName(D.Type);
  if (D.Checks)
    S += "(" + *D.Checks + ")";
  return S;
}

/// Whether a comment is devlife's to call unused: its list names a rule
/// that ran by a devlife- glob. Bare NOLINT, NOLINT(*) and other tools'
/// checks may be there for another linter.
bool namesRuleThatRan(const Directive &D, const std::vector<std::string> &Checks) {
  if (!D.Checks || D.Type == nolint::Kind::End)
    return false;
  for (const std::string &Glob : D.globs()) {
    if (!llvm::StringRef(Glob).starts_with("devlife-"))
      continue;
    Directive One;
    One.Checks = Glob;
    if (llvm::any_of(Checks, [&](const std::string &C) { return One.covers(C); }))
      return true;
  }
  return false;
}

class Suppressor {
public:
  Suppressor(const SuppressionOptions &Opts, const SourceReader &Read)
      : Opts(Opts), Read(Read) {}

  void run(std::vector<Finding> Findings) {
    for (Finding &F : Findings) {
      if (std::optional<SourcePoint> By = suppressorOf(F))
        Out.Suppressed.push_back({std::move(F), *By});
      else
        Out.Kept.push_back(std::move(F));
    }
    if (Opts.ReportUnused)
      reportUnused();
    reportUnmatched();
  }

  SuppressionOutcome take() { return std::move(Out); }

private:
  FileSuppressions *file(const std::string &Path) {
    auto It = Files.find(Path);
    if (It == Files.end()) {
      std::unique_ptr<FileSuppressions> FS;
      if (std::optional<std::string> Text = Read ? Read(Path) : std::nullopt)
        FS = std::make_unique<FileSuppressions>(std::move(*Text));
      It = Files.emplace(Path, std::move(FS)).first;
    }
    return It->second.get();
  }

  SourcePoint pointOf(const std::string &Path, FileSuppressions &FS, size_t I) {
    auto [Line, Column] = FS.lineColumnOf(FS.directives()[I].Offset);
    return {Path, Line, Column};
  }

  /// The comment that suppresses F, looked for where clang-tidy looks.
  std::optional<SourcePoint> suppressorOf(const Finding &F) {
    const std::vector<SourcePoint> Here{F.Where};
    for (const SourcePoint &Site : F.MacroSites.empty() ? Here : F.MacroSites) {
      FileSuppressions *FS = file(Site.File);
      if (!FS)
        continue;
      std::optional<size_t> Offset = FS->offsetOf(Site.Line, Site.Column);
      if (!Offset)
        continue;
      std::vector<size_t> By = FS->suppressors(*Offset, F.RuleId);
      if (By.empty())
        continue;
      for (size_t I : By)
        Used.insert({Site.File, I});
      return pointOf(Site.File, *FS, By.front());
    }
    return std::nullopt;
  }

  void reportUnused() {
    std::set<std::string> Paths(Opts.ScanFiles.begin(), Opts.ScanFiles.end());
    for (const auto &[Path, FS] : Files)
      Paths.insert(Path);
    for (const std::string &Path : Paths) {
      FileSuppressions *FS = file(Path);
      if (!FS)
        continue;
      const nolint::Blocks &B = FS->blocks();
      for (size_t I = 0; I < FS->directives().size(); ++I) {
        const Directive &D = FS->directives()[I];
        if (!namesRuleThatRan(D, Opts.Checks) || Used.count({Path, I}) ||
            llvm::is_contained(B.Unmatched, I))
          continue;
        SourcePoint P = pointOf(Path, *FS, I);
        Out.Problems.push_back({Path, Level::Warning,
                                spelling(D) + " suppresses no finding",
                                P.Line, P.Column});
      }
    }
  }

  /// As clang-tidy: only files whose blocks some finding needed (or, with
  /// ReportUnused, every file looked at) get their pairs checked.
  void reportUnmatched() {
    for (const auto &[Path, FS] : Files) {
      if (!FS || !FS->blocksFormed())
        continue;
      for (size_t I : FS->blocks().Unmatched) {
        SourcePoint P = pointOf(Path, *FS, I);
        Out.Problems.push_back(
            {Path, Level::Error,
             nolint::unmatchedMessage(FS->directives()[I].Type) +
                 " [clang-tidy-nolint]",
             P.Line, P.Column});
        Out.HasErrors = true;
      }
    }
  }

  const SuppressionOptions &Opts;
  const SourceReader &Read;
  std::map<std::string, std::unique_ptr<FileSuppressions>> Files;
  std::set<std::pair<std::string, size_t>> Used;
  SuppressionOutcome Out;
};

} // namespace

SuppressionOutcome applySuppressions(std::vector<Finding> Findings,
                                     const SuppressionOptions &Opts,
                                     const SourceReader &Read) {
  Suppressor S(Opts, Read);
  S.run(std::move(Findings));
  return S.take();
}

} // namespace devlife
