//===- CompileDatabase.h - Jobs from a compile_commands.json --------------===//
#ifndef DEVLIFE_AUDIT_COMPILEDATABASE_H
#define DEVLIFE_AUDIT_COMPILEDATABASE_H

#include "core/TUAnalysis.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace devlife {

struct JobList {
  std::vector<CompileJob> Jobs;      // one per C source file, sorted by file
  std::vector<std::string> Warnings; // entries skipped, with the reason
};

/// Reads DIR/compile_commands.json (both "arguments" and "command" forms,
/// relative "directory" entries resolved against DIR) and keeps the C files
/// under one of Paths (files or directories; all when empty). Paths that
/// are relative are tried against the current directory, then against DIR.
llvm::Expected<JobList> loadCompileJobs(const std::string &DatabaseDir,
                                        const std::vector<std::string> &Paths);

/// Path made absolute against Base (when relative), with "." and ".."
/// removed.
std::string absoluteNormal(llvm::StringRef Path, llvm::StringRef Base);

} // namespace devlife

#endif
