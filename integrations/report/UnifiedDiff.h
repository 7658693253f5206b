//===- UnifiedDiff.h - Which lines a patch adds or changes ----------------===//
//
// Reads unified diffs as `git diff`, `git format-patch` (a mail with its
// commit message and diffstat around the diff), `diff -u`/`diff -Naur` and
// `svn diff` write them: several files, hunks with or without counts, `\ No
// newline at end of file`, /dev/null for added and deleted files, git's
// rename/copy headers, quoted names, binary files, CR LF line ends.
//
// Hunk counts decide where a hunk ends, so a deleted line that reads
// "-- foo" or "--- bar" is a deleted line, not a file header, and a diff cut
// short is an error rather than a silently smaller patch.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_REPORT_UNIFIEDDIFF_H
#define DEVLIFE_INTEGRATIONS_REPORT_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <vector>

namespace devlife {

/// One file of a patch. Paths are as the patch names them, without the
/// a/ b/ (or old/ new/) prefix: see stripPrefixes() in the .cpp for how a
/// prefix is told from a directory.
struct FileChange {
  std::string OldPath; // "" for a file the patch adds
  std::string NewPath; // "" for a file the patch deletes
  bool Binary = false; // no lines to speak of
  /// Lines of the new file the patch adds (a changed line is a removed
  /// line and an added one), 1-based, ascending.
  std::vector<unsigned> AddedLines;
  /// AddedLines, plus for each run of removed lines that nothing replaces
  /// the new-file lines on either side of where they were: removing
  /// `of_node_put(np);` changes what the `return` after it does, though no
  /// line was added.
  std::set<unsigned> TouchedLines;
  bool renamed() const {
    return !OldPath.empty() && !NewPath.empty() && OldPath != NewPath;
  }
};

/// The files of a unified diff, in the order it names them. Text with no
/// file header at all is an error unless it is blank (an empty patch); so
/// is a hunk header that does not parse or a hunk cut short. Errors name
/// the line.
llvm::Expected<std::vector<FileChange>> parseUnifiedDiff(llvm::StringRef Text);

} // namespace devlife

#endif
