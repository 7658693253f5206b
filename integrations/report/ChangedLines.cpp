//===- ChangedLines.cpp ---------------------------------------------------===//
#include "integrations/report/ChangedLines.h"
#include "integrations/sarif/SarifWriter.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace devlife {

ChangedLines::ChangedLines(const std::vector<FileChange> &Files,
                           UnchangedFiles Unchanged)
    : Unchanged(Unchanged) {
  for (const FileChange &F : Files) {
    if (F.NewPath.empty())
      continue;
    Changed.insert(normalisedPath(F.NewPath));
    if (!F.TouchedLines.empty())
      Touched[normalisedPath(F.NewPath)].insert(F.TouchedLines.begin(),
                                           F.TouchedLines.end());
  }
}

llvm::Expected<ChangedLines> ChangedLines::fromFile(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/true);
  std::string Name = Path == "-" ? "the diff on stdin" : Path;
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "--changed-lines %s: cannot read it: %s",
                                   Name.c_str(), Buf.getError().message().c_str());
  auto Files = parseUnifiedDiff((*Buf)->getBuffer());
  if (!Files)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--changed-lines %s: %s", Name.c_str(),
                                   llvm::toString(Files.takeError()).c_str());
  return ChangedLines(*Files);
}

std::string ChangedLines::keyOf(const std::string &File,
                                llvm::StringRef SourceRoot) {
  return pathUnderRoot(File, SourceRoot);
}

bool ChangedLines::touches(const SourcePoint &P,
                           llvm::StringRef SourceRoot) const {
  auto On = [&](const std::string &Key) {
    auto It = Touched.find(Key);
    return It != Touched.end() && It->second.count(P.Line) != 0;
  };
  // A diff of absolute names names files by their absolute path.
  return On(keyOf(P.File, SourceRoot)) || On(normalisedPath(P.File));
}

bool ChangedLines::keeps(const Finding &F, llvm::StringRef SourceRoot) const {
  if (touches(F, SourceRoot))
    return true;
  return Unchanged == UnchangedFiles::Keep &&
         !Changed.count(keyOf(F.Where.File, SourceRoot)) &&
         !Changed.count(normalisedPath(F.Where.File));
}

bool ChangedLines::touches(const Finding &F, llvm::StringRef SourceRoot) const {
  if (touches(F.Where, SourceRoot))
    return true;
  auto OnFlow = [&](const std::vector<PathStep> &Flow) {
    for (const PathStep &S : Flow)
      if (touches(S.Where, SourceRoot))
        return true;
    return false;
  };
  if (OnFlow(F.Path))
    return true;
  for (const std::vector<PathStep> &Flow : F.OtherFlows)
    if (OnFlow(Flow))
      return true;
  return false;
}

} // namespace devlife
