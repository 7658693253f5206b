//===- FuzzSupport.h - What every devlife fuzzer shares -------------------===//
//
// A fuzzer is one LLVMFuzzerTestOneInput in tests/fuzz/<name>.cpp plus its
// seeds in tests/fuzz/<name>/seeds, registered with devlife_add_fuzzer() in
// tests/fuzz/CMakeLists.txt. Besides not crashing, a fuzzer checks what the
// user is promised about bad input: an error that names the file (and the
// place), never a silent wrong result. These helpers say that in one line.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_TESTS_FUZZ_FUZZSUPPORT_H
#define DEVLIFE_TESTS_FUZZ_FUZZSUPPORT_H

#include "core/Facts.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstddef>
#include <cstdint>
#include <string>

namespace devlife {
class ApiModel;
}

namespace devlife::fuzz {

inline llvm::StringRef text(const uint8_t *Data, size_t Size) {
  return llvm::StringRef(reinterpret_cast<const char *>(Data), Size);
}

/// A directory of this process's own (one per fuzzer process, removed at
/// exit), for readers that take a path.
const std::string &scratchDir();
/// Writes Data to scratchDir()/Name and returns the path.
std::string scratchFile(llvm::StringRef Name, llvm::StringRef Data);

/// A finding that is no crash: prints Why and the input's fate, aborts.
[[noreturn]] void fail(const std::string &Why);

/// An error, if any, must name Name (a file the user gave): consumes E.
void expectErrorNames(llvm::Error E, llvm::StringRef Name);

/// The built-in API model, loaded once.
const ApiModel &builtinModel();

/// Runs every family's global step (refine, then report) over these TUs
/// with every rule on, as the audit's global phase and clang-tidy with
/// ProgramFacts do: facts from another machine must not crash them, and
/// the facts a family cannot read are named.
void runGlobalPhase(const std::vector<const TUFacts *> &TUs);

} // namespace devlife::fuzz

#endif
