//===- sarif_baseline.cpp - Fuzz --baseline SARIF logs --------------------===//
#include "integrations/report/Baseline.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Any SARIF log read back as a baseline gives one or an error naming it.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto B = Baseline::fromSarifText(fuzz::text(Data, Size), "old.sarif");
  if (!B)
    fuzz::expectErrorNames(B.takeError(), "old.sarif");
  return 0;
}
