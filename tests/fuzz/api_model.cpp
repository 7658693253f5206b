//===- api_model.cpp - Fuzz the API model a user gives (--api-model) ------===//
#include "matchers/ApiModel.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Any text added to the built-in model gives a model or an error naming the
// file (and the entry); loading it again from its own file says the same.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  ApiModel Model = fuzz::builtinModel();
  llvm::Error E = Model.extend(fuzz::text(Data, Size), "user-model.json");
  bool Failed = bool(E);
  fuzz::expectErrorNames(std::move(E), "user-model.json");
  ApiModel FromFile = fuzz::builtinModel();
  std::string Path = fuzz::scratchFile("user-model.json", fuzz::text(Data, Size));
  llvm::Error F = FromFile.extendFromFile(Path);
  if (bool(F) != Failed)
    fuzz::fail("extend() and extendFromFile() disagree on the same text");
  fuzz::expectErrorNames(std::move(F), Path);
  return 0;
}
