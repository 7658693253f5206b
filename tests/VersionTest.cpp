//===- VersionTest.cpp - `devlife --version` and the SARIF tool version ---===//
//
// What a user pastes into a bug report and what code scanning shows must
// name the same build: the project version, the git revision when built
// from git, the LLVM it was built against.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife::test {
namespace {

/// `git describe --always` of the source tree now, or "" when it is not a
/// git checkout (a tarball build prints no revision).
std::string describeSourceTree() {
  if (!llvm::sys::fs::exists(std::string(DEVLIFE_SOURCE_DIR) + "/.git"))
    return "";
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return "";
  CommandResult R = run({*Git, "-C", DEVLIFE_SOURCE_DIR, "describe", "--always"});
  return R.Rc == 0 ? llvm::StringRef(R.Out).trim().str() : "";
}

/// The "  git revision X" line of --version, or "".
std::string printedRevision(const std::string &Out) {
  const std::string Tag = "  git revision ";
  size_t At = Out.find(Tag);
  if (At == std::string::npos)
    return "";
  size_t End = Out.find('\n', At);
  return Out.substr(At + Tag.size(), End - At - Tag.size());
}

TEST(Version, PrintsProjectVersionRevisionAndLlvm) {
  CommandResult R = run({DEVLIFE_BIN, "--version"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(R.Out.rfind("devlife version " DEVLIFE_EXPECTED_VERSION "\n", 0), 0u)
      << R.Out;
  EXPECT_TRUE(printed(R, "  LLVM version " DEVLIFE_EXPECTED_LLVM_VERSION " (loaded: "))
      << R.Out;
  // Not LLVM's own printer any more ("Debian LLVM version ... Optimized build").
  EXPECT_FALSE(printed(R, "Optimized build")) << R.Out;
  std::string Now = describeSourceTree();
  std::string Rev = printedRevision(R.Out);
  if (Now.empty()) {
    EXPECT_EQ(Rev, "") << R.Out;
  } else {
    // Built from this checkout: the revision (with -dirty when edited).
    EXPECT_TRUE(Rev == Now || Rev == Now + "-dirty")
        << "printed '" << Rev << "', the tree is at '" << Now
        << "' (rebuild after a commit)";
  }
}

TEST(Version, SarifToolVersionIsTheOnePrinted) {
  CommandResult V = run({DEVLIFE_BIN, "--version"});
  ASSERT_EQ(V.Rc, 0);
  std::string Rev = printedRevision(V.Out);
  std::string Expected = DEVLIFE_EXPECTED_VERSION;
  if (!Rev.empty())
    Expected += "+" + Rev;

  std::string Dir = makeTempDir("devlife-version-test");
  std::string Sarif = Dir + "/out.sarif";
  CommandResult R =
      run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR, "--jobs", "1",
           "--quiet", "--no-cache", "--sarif", Sarif,
           std::string(DEVLIFE_CORPUS_DIR) + "/devlife-refcount-overput/double_put.c"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  auto Driver = nlohmann::json::parse(readFile(Sarif))["runs"][0]["tool"]["driver"];
  llvm::sys::fs::remove_directories(Dir);
  EXPECT_EQ(Driver["name"], "devlife");
  EXPECT_EQ(Driver["version"], Expected);
  EXPECT_EQ(Driver["semanticVersion"], Expected);
}

} // namespace
} // namespace devlife::test
