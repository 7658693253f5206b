//===- program_facts.cpp - Fuzz --program-facts files (clang-tidy reads) --===//
#include "core/ProgramFactsFile.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// A program facts file gives the TUs' facts or an error naming it; the
// global step clang-tidy runs over them (ProgramFacts option) survives them.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::scratchFile("facts.json", fuzz::text(Data, Size));
  llvm::Expected<std::vector<TUFacts>> TUs = readProgramFacts(Path);
  if (!TUs) {
    fuzz::expectErrorNames(TUs.takeError(), Path);
    return 0;
  }
  std::vector<const TUFacts *> All;
  for (const TUFacts &TU : *TUs)
    All.push_back(&TU);
  fuzz::runGlobalPhase(All);
  return 0;
}
