//===- ChangedLines.h - Findings a patch touches --------------------------===//
//
// `--changed-lines DIFF` keeps the findings a patch could have caused: those
// whose primary location, or a step of one of their code flows, is on a
// line the patch adds or changes (or next to lines it removes: see
// FileChange::TouchedLines). The diff names files relative to the top of
// the tree it was made in; findings name absolute files, and are matched
// by their path relative to the source root (or, for a diff of absolute
// names, by their absolute path).
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_REPORT_CHANGEDLINES_H
#define DEVLIFE_INTEGRATIONS_REPORT_CHANGEDLINES_H

#include "core/Finding.h"
#include "integrations/report/UnifiedDiff.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace devlife {

class ChangedLines {
public:
  /// What becomes of a finding in a file the diff does not change, none of
  /// whose steps is on a changed line either. --changed-lines drops it;
  /// `devlife review` keeps it, because there only a finding new at the new
  /// revision gets this far, and in an unchanged file only the range can
  /// have made it new (a header the file includes changed).
  enum class UnchangedFiles { Drop, Keep };

  explicit ChangedLines(const std::vector<FileChange> &Files,
                        UnchangedFiles Unchanged = UnchangedFiles::Drop);

  /// Reads a unified diff from Path, or from stdin for "-". Errors name
  /// the file and the line.
  static llvm::Expected<ChangedLines> fromFile(const std::string &Path);

  /// Whether F's primary location or a step of its code flows is on a
  /// touched line; paths under SourceRoot are compared relative to it.
  bool touches(const Finding &F, llvm::StringRef SourceRoot) const;
  bool touches(const SourcePoint &P, llvm::StringRef SourceRoot) const;
  /// Whether the filter keeps F: it touches a changed line, or (Keep) its
  /// file is not one the diff changes.
  bool keeps(const Finding &F, llvm::StringRef SourceRoot) const;

  /// How many files with touched lines the diff names.
  size_t files() const { return Touched.size(); }

private:
  /// The file as the diff would name it: relative to SourceRoot if under it.
  static std::string keyOf(const std::string &File, llvm::StringRef SourceRoot);

  std::map<std::string, std::set<unsigned>> Touched; // by normalised path
  std::set<std::string> Changed; // every new path the diff names
  UnchangedFiles Unchanged;
};

} // namespace devlife

#endif
