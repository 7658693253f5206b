//===- CompileDatabaseTest.cpp - Reading compile_commands.json ------------===//
#include "core/TUAnalysis.h"
#include "integrations/audit/CompileDatabase.h"
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include <gtest/gtest.h>

namespace devlife {
namespace {

class CompileDatabaseTest : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = test::makeTempDir("devlife-cdb");
    llvm::sys::fs::create_directories(Dir + "/src/sub");
    for (const char *F : {"/src/a.c", "/src/sub/b.c", "/src/c.S"})
      test::writeFile(Dir + F, "int x;\n");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }
  void writeDb(const std::string &Json) {
    test::writeFile(Dir + "/compile_commands.json", Json);
  }
  std::string Dir;
};

TEST_F(CompileDatabaseTest, ReadsBothFormsAndRelativeDirectories) {
  writeDb(R"([
    {"directory": "src", "file": "a.c", "arguments": ["clang-22", "-c", "a.c"]},
    {"directory": "src", "file": "sub/b.c", "command": "clang-22 -DX=1 -c sub/b.c"},
    {"directory": "src", "file": "c.S", "command": "clang-22 -c c.S"}])");
  auto L = loadCompileJobs(Dir, {});
  ASSERT_TRUE(bool(L)) << llvm::toString(L.takeError());
  ASSERT_EQ(L->Jobs.size(), 2u); // the .S file is not C
  EXPECT_EQ(L->Jobs[0].File, Dir + "/src/a.c");
  EXPECT_EQ(L->Jobs[0].Directory, Dir + "/src");
  EXPECT_EQ(L->Jobs[1].File, Dir + "/src/sub/b.c");
  EXPECT_EQ(L->Jobs[1].Arguments[1], "-DX=1");
}

TEST_F(CompileDatabaseTest, PathsRestrictToFilesAndDirectories) {
  writeDb(R"([
    {"directory": ")" + Dir + R"(/src", "file": "a.c", "arguments": ["cc", "a.c"]},
    {"directory": ")" + Dir + R"(/src", "file": "sub/b.c", "arguments": ["cc", "sub/b.c"]}])");
  auto L = loadCompileJobs(Dir, {Dir + "/src/sub"});
  ASSERT_TRUE(bool(L));
  ASSERT_EQ(L->Jobs.size(), 1u);
  EXPECT_EQ(L->Jobs[0].File, Dir + "/src/sub/b.c");
  auto Relative = loadCompileJobs(Dir, {"src/a.c"}); // relative to the DB
  ASSERT_TRUE(bool(Relative));
  ASSERT_EQ(Relative->Jobs.size(), 1u);
  EXPECT_EQ(Relative->Jobs[0].File, Dir + "/src/a.c");
}

TEST_F(CompileDatabaseTest, DuplicateEntriesKeepTheFirstAndWarn) {
  writeDb(R"([
    {"directory": ")" + Dir + R"(/src", "file": "a.c", "arguments": ["cc", "-DFIRST", "a.c"]},
    {"directory": ")" + Dir + R"(/src", "file": "a.c", "arguments": ["cc", "-DSECOND", "a.c"]}])");
  auto L = loadCompileJobs(Dir, {});
  ASSERT_TRUE(bool(L));
  ASSERT_EQ(L->Jobs.size(), 1u);
  EXPECT_EQ(L->Jobs[0].Arguments[1], "-DFIRST");
  ASSERT_EQ(L->Warnings.size(), 1u);
}

TEST_F(CompileDatabaseTest, BrokenJsonIsAnErrorNamingTheFile) {
  writeDb("[{\"directory\": ");
  auto L = loadCompileJobs(Dir, {});
  ASSERT_FALSE(bool(L));
  std::string Err = llvm::toString(L.takeError());
  EXPECT_NE(Err.find("compile_commands.json"), std::string::npos) << Err;
}

TEST_F(CompileDatabaseTest, MissingDatabaseAndMissingPathsAreErrors) {
  auto NoDb = loadCompileJobs(Dir + "/nowhere", {});
  ASSERT_FALSE(bool(NoDb));
  EXPECT_NE(llvm::toString(NoDb.takeError()).find("does not exist"),
            std::string::npos);
  writeDb("[]");
  auto NoPath = loadCompileJobs(Dir, {"no/such/dir"});
  ASSERT_FALSE(bool(NoPath));
  EXPECT_NE(llvm::toString(NoPath.takeError()).find("no/such/dir"),
            std::string::npos);
}

TEST(SyntaxOnlyArguments, StripsOutputsDepfilesAndCodegenOptions) {
  std::vector<std::string> Kbuild{
      "clang-22", "-Wp,-MMD,drivers/of/.base.o.d", "-nostdinc", "-mllvm",
      "-asan-stack=0", "-fsanitize=kernel-address", "-c", "-o",
      "drivers/of/base.o", "drivers/of/base.c"};
  std::vector<std::string> Out = syntaxOnlyArguments(Kbuild, "/res");
  std::vector<std::string> Want{"clang-22", "-resource-dir=/res", "-nostdinc",
                                "-fsanitize=kernel-address",
                                "drivers/of/base.c", "-fsyntax-only", "-w",
                                "-Wno-error"};
  EXPECT_EQ(Out, Want);
}

} // namespace
} // namespace devlife
