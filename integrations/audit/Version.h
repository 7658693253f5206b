//===- Version.h - What devlife is: --version, SARIF, partials, the cache -===//
//
// One place for the version: project(VERSION) in the top CMakeLists.txt,
// the git revision of the build and the LLVM it was built against all come
// from the generated VersionInfo.h behind these functions.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_AUDIT_VERSION_H
#define DEVLIFE_INTEGRATIONS_AUDIT_VERSION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace devlife {

/// The project's version: "0.1.0".
llvm::StringRef projectVersion();
/// `git describe --always --dirty` of the source tree at build time
/// ("73da9fd", "v0.2.0-3-g73da9fd-dirty"); empty when not built from git.
llvm::StringRef gitRevision();
/// The LLVM release devlife was built against: "22.1.8".
llvm::StringRef llvmVersion();
/// Where devlife lives on the web (SARIF informationUri).
llvm::StringRef homepage();

/// The version a SARIF log, a partial or a cache key carries: the project
/// version with the git revision as SemVer build metadata when there is one
/// ("0.1.0+73da9fd-dirty"), so two builds of one release from different
/// commits are told apart and it is still a SemVer.
std::string toolVersion();
/// The same of any project version and revision.
std::string toolVersion(llvm::StringRef Project, llvm::StringRef Revision);

/// What `devlife --version` prints.
void printVersion(llvm::raw_ostream &OS);

} // namespace devlife

#endif
