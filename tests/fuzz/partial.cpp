//===- partial.cpp - Fuzz shard partials (devlife merge) ------------------===//
#include "integrations/audit/Partial.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// A partial gives its TUs or an error naming it; merging it and the global
// phase over its facts survive it.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::Expected<Partial> P = parsePartial(fuzz::text(Data, Size), "s1.partial");
  if (!P) {
    fuzz::expectErrorNames(P.takeError(), "s1.partial");
    return 0;
  }
  // Merged alone it may be incomplete (shard 2/2 missing): that is about
  // the set, not this file.
  if (llvm::Expected<Partial> All = combinePartials({*P}, {"s1.partial"}); !All)
    llvm::consumeError(All.takeError());
  std::vector<const TUFacts *> TUs;
  for (const PartialTU &TU : P->TUs)
    if (TU.Outcome.Ok)
      TUs.push_back(&TU.Outcome.Facts);
  fuzz::runGlobalPhase(TUs);
  return 0;
}
