//===- KernelTree.h - Compile jobs of a kernel tree without a database ----===//
//
// `audit --kernel-tree KSRC` audits a configured, prepared tree that has no
// compile_commands.json. Kbuild alone knows each file's flags (per
// directory ccflags-y, CFLAGS_foo.o, KBUILD_MODNAME...), so devlife asks it:
// a `make -k` pass over the paths with CC replaced by a recorder of the
// same name (first in PATH, so Kbuild's CC and the compiler it probes stay
// what .config was made with). The recorder keeps every compile of a C file
// under the paths and compiles nothing; any other use of the compiler
// (probes, -E, -S, files outside the paths) runs the real one. No object
// is written, so the tree is left as it was: a later build compiles
// everything it would have.
//
// The .*.o.cmd files a previous build left (what gen_compile_commands.py
// reads) hold the same commands, but a tree that was only prepared has
// none, and make does not run the compiler for an object that is up to
// date: those files' commands come from their .o.cmd.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_KERNELTREE_H
#define DEVLIFE_AUDIT_KERNELTREE_H

#include "integrations/audit/CompileDatabase.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace devlife {

struct KernelTreeOptions {
  std::string Tree;               // absolute
  std::vector<std::string> Paths; // files or directories; all when empty
  std::string SelfExe;            // the recorder is `SelfExe kbuild-cc`
  std::string Compiler = "clang-22";
  unsigned Jobs = 1;
  /// Record with make even when the tree has a compile_commands.json.
  bool Record = false;
};

/// The C files under Paths with the commands Kbuild gives them: from
/// Tree/compile_commands.json when there is one, else recorded.
llvm::Expected<JobList> kernelTreeJobs(const KernelTreeOptions &Opts);

/// The source file of a command that compiles one C file to an object
/// (`-c ... -o X.o Y.c`, no -E/-S/-M), or none.
std::optional<std::string> compiledCSource(const std::vector<std::string> &Args);

/// A .cmd file's `savedcmd_TARGET := COMMAND` line, split as the shell
/// Kbuild runs it would: argv, or empty when there is no such line.
std::vector<std::string> savedCommand(llvm::StringRef CmdFileText);

/// The make goals for Paths (relative to Tree): a directory as `dir/`, a
/// file `foo.c` as `foo.o`.
llvm::Expected<std::vector<std::string>>
makeGoals(const std::string &Tree, const std::vector<std::string> &Paths);

/// `devlife kbuild-cc ARGS...`: the recorder. Exits with the real
/// compiler's status, or 1 for a compile it recorded instead.
int kbuildCompilerMain(const std::vector<std::string> &Args);

} // namespace devlife

#endif
