//===- OutputFileTest.cpp - Output files are whole or absent --------------===//
#include "core/OutputFile.h"
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <gtest/gtest.h>

namespace devlife::test {
namespace {

std::vector<std::string> filesIn(const std::string &Dir) {
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

TEST(OutputFile, ReplacesTheFileAndLeavesNothingBeside) {
  std::string Dir = makeTempDir("devlife-output-test");
  std::string Path = Dir + "/out.sarif";
  ASSERT_FALSE(bool(writeFileAtomically(Path, "first")));
  ASSERT_FALSE(bool(writeFileAtomically(Path, "second")));
  EXPECT_EQ(readFile(Path), "second");
  EXPECT_EQ(filesIn(Dir), std::vector<std::string>{"out.sarif"});
  llvm::sys::fs::remove_directories(Dir);
}

TEST(OutputFile, AnErrorNamesThePath) {
  llvm::Error E = writeFileAtomically("/nonexistent-dir/out.sarif", "x");
  ASSERT_TRUE(bool(E));
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find("cannot write /nonexistent-dir/out.sarif: "), std::string::npos)
      << Msg;
}

// A pipe or a device is written to, not renamed over.
TEST(OutputFile, ADeviceIsWrittenInPlace) {
  ASSERT_FALSE(bool(writeFileAtomically("/dev/null", "x")));
  llvm::sys::fs::file_status St;
  ASSERT_FALSE(llvm::sys::fs::status("/dev/null", St));
  EXPECT_EQ(St.type(), llvm::sys::fs::file_type::character_file);
}

} // namespace
} // namespace devlife::test
