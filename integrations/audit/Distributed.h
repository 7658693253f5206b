//===- Distributed.h - An audit made in parts: shards, Kbuild, merge ------===//
//
// The parts of one audit that may run on other machines or inside a kernel
// build: `audit --shard K/N` and `check` (one TU, as Kbuild's C=1/C=2 runs
// a checker) write a partial of round 1; `merge` runs the global phase and
// the report over partials through the same pipeline as `audit`
// (runPipeline), so its SARIF is byte for byte the one-machine audit's.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_DISTRIBUTED_H
#define DEVLIFE_AUDIT_DISTRIBUTED_H

#include "integrations/audit/Audit.h"
#include <string>
#include <vector>

namespace devlife {

/// The end of a round-1-only run (a shard, a check): the partial to
/// Opts.PartialFile when set; a check also prints its TU's findings on
/// stderr as a compiler would. Returns the exit code.
int writeRoundOne(const AuditOptions &Opts, const AuditInput &In,
                  const std::vector<TUOutcome> &Outcomes);

/// `devlife merge`: Opts carries the output and worker settings; the rules,
/// models, source root and TUs come from the partials. The re-analysis
/// rounds run workers over the TUs' recorded commands, and the SARIF reads
/// the sources: the tree must be where the partials were made.
int runMerge(AuditOptions Opts, const std::vector<std::string> &PartialFiles);

/// The compiler flags a checker gets from Kbuild (`$(CHECKFLAGS)
/// $(c_flags) FILE`), as the compile command the build runs: what only
/// sparse understands (--arch=, -Wbitwise, -mlittle-endian, ...) and the
/// macros it defines because sparse is no compiler (__STDC__, __linux__, ...)
/// are dropped, the compiler put first. Errors when the last argument is no
/// C file.
llvm::Expected<CompileJob> checkerJob(const std::vector<std::string> &Args,
                                      const std::string &Directory);

/// `devlife check [--partial-dir DIR] [--checks GLOBS] [--api-model FILE]
/// [--source-root DIR] [--] FLAGS... FILE.c`, argv after "check".
int runCheck(AuditOptions Opts, const std::vector<std::string> &Args);

} // namespace devlife

#endif
