//===- unified_diff.cpp - Fuzz --changed-lines diffs ----------------------===//
#include "integrations/report/ChangedLines.h"
#include "integrations/report/UnifiedDiff.h"
#include "tests/fuzz/FuzzSupport.h"
#include <algorithm>

using namespace devlife;

// Any patch gives files with ascending added lines, or an error naming the
// line; read from a file, the error names the file too.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Files = parseUnifiedDiff(fuzz::text(Data, Size));
  if (Files) {
    for (const FileChange &F : *Files)
      if (!std::is_sorted(F.AddedLines.begin(), F.AddedLines.end()))
        fuzz::fail("added lines out of order in " + F.NewPath);
    ChangedLines(*Files).touches(SourcePoint{"/src/a.c", 1, 1}, "/src");
  } else {
    llvm::consumeError(Files.takeError());
  }
  std::string Path = fuzz::scratchFile("change.patch", fuzz::text(Data, Size));
  auto FromFile = ChangedLines::fromFile(Path);
  if (!FromFile)
    fuzz::expectErrorNames(FromFile.takeError(), Path);
  return 0;
}
