//===- Report.h - A finding while the AST is still alive ------------------===//
//
// Rules report with Clang source locations; front ends turn a Report into a
// clang-tidy diagnostic with notes, or into a serialisable Finding.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_REPORT_H
#define DEVLIFE_CORE_REPORT_H

#include "core/Finding.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace devlife {

struct ReportStep {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Report {
  std::string RuleId;
  Level Severity = Level::Warning;
  clang::SourceLocation Loc;
  std::string Message;
  std::string Function;
  std::vector<ReportStep> Path; // code flow, in execution order
  std::vector<ReportStep> Related;
  std::vector<clang::FixItHint> Fixes;
};

/// Where the reports of one translation unit go.
class ReportSink {
public:
  virtual ~ReportSink() = default;
  virtual void report(Report R, const clang::SourceManager &SM) = 0;
  /// Something that keeps a rule from seeing everything it should (an
  /// unreadable facts file): said once, never silently dropped.
  virtual void problem(const std::string &Message) = 0;
};

/// The spelling-independent place a user reads: macro expansions are shown
/// where the macro was used, as clang does.
SourcePoint toSourcePoint(clang::SourceLocation Loc,
                          const clang::SourceManager &SM);
Finding toFinding(const Report &R, const clang::SourceManager &SM);
/// The other way, for findings of the global step shown in clang-tidy: files
/// the TU never included (a callback in another .c file) are loaded.
Report fromFinding(const Finding &F, clang::SourceManager &SM);

} // namespace devlife

#endif
