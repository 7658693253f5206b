//===- cache_entry.cpp - Fuzz the facts cache's manifests and entries -----===//
#include "integrations/audit/Cache.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Whatever lies in the cache directory is a manifest, a facts entry or an
// error; what parses is written back to the same text's meaning. The facts
// are also fed with a valid checksum, so their MessagePack (and each packed
// section in it) is fuzzed too.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text = fuzz::text(Data, Size);
  if (auto M = parseCacheManifest(Text)) {
    auto Again = parseCacheManifest(cacheManifestText(*M));
    if (!Again || Again->size() != M->size())
      fuzz::fail("a manifest changes when written and read again");
  } else {
    llvm::consumeError(M.takeError());
  }
  if (auto F = parseCacheFacts(Text))
    fuzz::runGlobalPhase({&*F});
  else
    llvm::consumeError(F.takeError());
  if (auto F = parseCacheFacts(cacheFactsText(Text)))
    fuzz::runGlobalPhase({&*F});
  else
    llvm::consumeError(F.takeError());
  return 0;
}
