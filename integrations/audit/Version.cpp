//===- Version.cpp - What devlife is --------------------------------------===//
#include "integrations/audit/Version.h"
#include "VersionInfo.h"

#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"

namespace devlife {

llvm::StringRef projectVersion() { return DEVLIFE_PROJECT_VERSION; }
llvm::StringRef gitRevision() { return DEVLIFE_GIT_REVISION; }
llvm::StringRef llvmVersion() { return DEVLIFE_LLVM_VERSION; }
llvm::StringRef homepage() { return DEVLIFE_HOMEPAGE; }

std::string toolVersion() { return toolVersion(projectVersion(), gitRevision()); }

std::string toolVersion(llvm::StringRef Project, llvm::StringRef Revision) {
  std::string V = Project.str();
  if (Revision.empty())
    return V;
  // SemVer build metadata is [0-9A-Za-z-] in dot-separated parts.
  V += '+';
  for (char C : Revision)
    V += llvm::isAlnum(C) || C == '-' || C == '.' ? C : '-';
  return V;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "devlife version " << projectVersion() << "\n";
  if (!gitRevision().empty())
    OS << "  git revision " << gitRevision() << "\n";
  // Built against one LLVM, the Clang library loaded may be another build
  // of it: both, for a bug report.
  OS << "  LLVM version " << llvmVersion() << " (loaded: "
     << clang::getClangFullVersion() << ")\n"
     << "  " << homepage() << "\n";
}

} // namespace devlife
