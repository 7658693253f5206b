//===- Review.h - `devlife review REV-RANGE`: what a patch series adds ----===//
//
// The way checkpatch reviews a series, for device-lifetime bugs:
//
//   devlife review origin/master..HEAD -p BUILD
//
// 1. `git diff` of the range gives the changed files and lines.
// 2. The translation units it touches: the changed C files of the compile
//    database, and for a changed header the C files that include it by name
//    directly (read from their text: cheap, but a header reached only
//    through another header is missed; PATH arguments add any others).
// 3. Those TUs are audited twice with their database commands: at the old
//    revision (the changed files' old contents read from git, as an
//    in-memory overlay: the working tree is never touched, generated headers
//    and unchanged files are the tree's) and at the new one.
// 4. Reported are the new revision's findings that the old one did not have
//    (the old audit is the baseline, matched by devlifeFindingHash/v1) and
//    that touch a changed line (--changed-lines on the range's diff) or lie
//    in a file the range does not change: there only the range can have
//    made a finding new (a header the file includes changed).
//
// Both filters matter: the changed lines alone would blame the patch for
// an old bug whose path runs through a line it edited (ReviewTest shows
// one); the baseline alone would also report, in the files the patch
// changes, findings away from its lines (a function whose callee's summary
// changed), where a reviewer reading the patch does not look.
//
// REV-RANGE is A..B (old A, new B), A...B (old: the merge base of A and
// B), or one revision A (old A, new: the working tree, as `git diff A`);
// an empty side is HEAD.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_REVIEW_H
#define DEVLIFE_AUDIT_REVIEW_H

#include "integrations/audit/Audit.h"

#include <string>
#include <vector>

namespace devlife {

/// Opts as for `audit` (DatabaseDir, checks, output, --fail-on; SourceRoot
/// "" for the repository's top); ExtraPaths add TUs to both audits.
/// Returns the process exit code, as `audit` does.
int runReview(AuditOptions Opts, const std::string &Range,
              const std::vector<std::string> &ExtraPaths);

/// Whether the C file SourcePath, whose text is SourceText, includes the
/// header HeaderPath (both absolute) directly: `#include "x.h"` next to it,
/// or an include whose name (`<linux/x.h>`, `"sub/x.h"`) ends HeaderPath.
bool includesHeader(llvm::StringRef SourcePath, llvm::StringRef SourceText,
                    llvm::StringRef HeaderPath);

} // namespace devlife

#endif
