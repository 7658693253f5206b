//===- compile_db.cpp - Fuzz compile_commands.json (audit -p DIR) ---------===//
#include "integrations/audit/CompileDatabase.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Any database gives jobs or an error naming it; every job's command can be
// rewritten into the parse-only one the workers run.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Db = fuzz::scratchFile("compile_commands.json", fuzz::text(Data, Size));
  llvm::Expected<JobList> Jobs = loadCompileJobs(fuzz::scratchDir(), {});
  if (!Jobs) {
    fuzz::expectErrorNames(Jobs.takeError(), Db);
    return 0;
  }
  for (const CompileJob &J : Jobs->Jobs) {
    if (J.Arguments.empty())
      fuzz::fail("a job without a command: " + J.File);
    syntaxOnlyArguments(J.Arguments, "/resource-dir");
  }
  return 0;
}
