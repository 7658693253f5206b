//===- tu_facts.cpp - Fuzz one TU's facts (worker output, cache, shards) --===//
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;
using nlohmann::json;

// Facts that parse survive being written and read again unchanged, and the
// global phase of every family over them.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  json J = json::parse(fuzz::text(Data, Size), nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    return 0;
  TUFacts Facts;
  try {
    Facts = J.get<TUFacts>();
  } catch (const json::exception &) {
    return 0; // refused whole: the audit reports the TU as not analysed
  }
  json Written = Facts;
  if (json(Written.get<TUFacts>()) != Written)
    fuzz::fail("facts change when written and read again");
  fuzz::runGlobalPhase({&Facts});
  return 0;
}
