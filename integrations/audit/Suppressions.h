//===- Suppressions.h - NOLINT comments honoured outside clang-tidy -------===//
//
// clang-tidy drops a diagnostic a NOLINT comment covers; the audit and the
// language server do the same with findings, by the same rules
// (core/Nolint.h), decided at the finding's primary location (and, for a
// location inside a macro, where clang-tidy also looks: each spelling up
// the expansion chain).
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_SUPPRESSIONS_H
#define DEVLIFE_AUDIT_SUPPRESSIONS_H

#include "core/Finding.h"
#include "integrations/sarif/SarifWriter.h"
#include <string>
#include <vector>

namespace devlife {

struct SuppressionOptions {
  /// The rules that ran: a NOLINT naming only rules that did not run is
  /// never called unused.
  std::vector<std::string> Checks;
  /// Report NOLINT(devlife-...) comments that suppress no finding.
  bool ReportUnused = false;
  /// Files whose comments are checked for being unused besides those the
  /// findings are in: the analysed main files.
  std::vector<std::string> ScanFiles;
};

struct SuppressionOutcome {
  std::vector<Finding> Kept;
  std::vector<SuppressedFinding> Suppressed;
  /// Unmatched NOLINTBEGIN/NOLINTEND (errors, as clang-tidy reports them)
  /// and, when asked, unused suppressions (warnings), each at its comment.
  std::vector<ToolNotification> Problems;
  bool HasErrors = false;
};

/// Splits Findings into those kept and those a comment suppresses. Read
/// gives a file's text; a file it cannot read suppresses nothing.
SuppressionOutcome applySuppressions(std::vector<Finding> Findings,
                                     const SuppressionOptions &Opts,
                                     const SourceReader &Read);

} // namespace devlife

#endif
