//===- FixItTest.cpp - clang-tidy --fix makes fixable leaks go away -------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <gtest/gtest.h>

namespace devlife::test {
namespace {

std::vector<std::string> tidyArgs(const std::string &File) {
  return {DEVLIFE_CLANG_TIDY, "--load=" DEVLIFE_TIDY_MODULE,
          "--checks=-*,devlife-*", "--quiet", File, "--", "-std=gnu11",
          "-nostdinc", "-isystem", DEVLIFE_CORPUS_DIR "/include", "-D__KERNEL__"};
}

size_t count(const std::string &Text, const std::string &Needle) {
  size_t N = 0;
  for (size_t P = Text.find(Needle); P != std::string::npos;
       P = Text.find(Needle, P + 1))
    ++N;
  return N;
}

class FixItTest : public ::testing::TestWithParam<std::string> {};

// Applies every fix, then checks the file again: exactly the expectations
// not marked `fixable` remain, and the fixed file still compiles.
TEST_P(FixItTest, FixRemovesExactlyTheFixableLeaks) {
  size_t Findings = 0, Fixable = 0;
  for (const Expectation &E : readExpectations(GetParam()))
    if (!llvm::StringRef(E.Rule).ends_with(AlsoSuffix)) {
      ++Findings;
      Fixable += E.Fixable;
    }
  ASSERT_GT(Fixable, 0u) << "no `fixable` expectation in " << GetParam();

  std::string Dir = makeTempDir("devlife-fixit");
  std::string Copy = Dir + "/" + llvm::sys::path::filename(GetParam()).str();
  std::string Original = readFile(GetParam());
  writeFile(Copy, Original);
  std::vector<std::string> Fix = tidyArgs(Copy);
  Fix.insert(Fix.begin() + 1, "--fix");
  CommandResult Fixed = run(Fix);
  ASSERT_NE(Fixed.Rc, -1) << Fixed.Err;

  std::string After = readFile(Copy);
  EXPECT_NE(After, Original);
  CommandResult Recheck = run(tidyArgs(Copy));
  EXPECT_EQ(Recheck.Err.find("error:"), std::string::npos) << Recheck.Err;
  EXPECT_EQ(parseWarnings(Recheck.Out, Dir).size(), Findings - Fixable)
      << Recheck.Out << "\n--- fixed file ---\n" << After;
  llvm::sys::fs::remove_directories(Dir);
}

std::vector<std::string> filesWithFixableCases() {
  std::vector<std::string> Out;
  for (const std::string &F : corpusFiles())
    for (const Expectation &E : readExpectations(F))
      if (E.Fixable) {
        Out.push_back(F);
        break;
      }
  return Out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, FixItTest,
                         ::testing::ValuesIn(filesWithFixableCases()),
                         [](const ::testing::TestParamInfo<std::string> &I) {
                           std::string N = llvm::sys::path::stem(I.param).str();
                           for (char &C : N)
                             if (!std::isalnum(static_cast<unsigned char>(C)))
                               C = '_';
                           return N;
                         });

} // namespace
} // namespace devlife::test
