//===- ProgramFactsFile.h - Program facts an audit leaves for the editor --===//
//
// clang-tidy sees one TU. An audit can write every TU's program facts to a
// file (`devlife audit --program-facts FILE`); the clang-tidy module reads it
// (option ProgramFacts) and runs the families' global step over it with the
// TU being edited in place of its stored facts, so a callback three files
// away is seen in the editor too.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_PROGRAMFACTSFILE_H
#define DEVLIFE_CORE_PROGRAMFACTSFILE_H

#include "core/Facts.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace devlife {

struct TUOutcome;

/// The sections of the facts that describe the program, not one TU's
/// findings: what the file keeps.
inline const char *const ProgramSections[] = {"program", "locks", "devm"};

llvm::Error writeProgramFacts(const std::string &Path,
                              const std::vector<const TUFacts *> &TUs);
/// TUFacts holding only File and the program sections. An error names the
/// file and what is wrong with it.
llvm::Expected<std::vector<TUFacts>> readProgramFacts(const std::string &Path);

} // namespace devlife

#endif
