//===- KernelTreeTest.cpp - Kbuild's commands, as devlife reads them ------===//
#include "integrations/audit/Distributed.h"
#include "integrations/audit/KernelTree.h"
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include <gtest/gtest.h>

namespace devlife {
namespace {

using Args = std::vector<std::string>;

// A .cmd file as Kbuild 6.12 writes it: the command with the shell quoting
// of KBUILD_MODNAME, then the source and its dependencies.
TEST(KernelTreeTest, SavedCommandIsSplitAsTheShellWould) {
  std::string Cmd =
      "savedcmd_drivers/of/base.o := clang-22 -Wp,-MMD,drivers/of/.base.o.d "
      "-nostdinc -I./include -include ./include/linux/kconfig.h "
      "-DKBUILD_MODFILE='\"drivers/of/base\"' -DKBUILD_BASENAME='\"base\"' "
      "-D\"KBUILD_MODNAME=of base\" -c -o drivers/of/base.o drivers/of/base.c   "
      "; ./tools/objtool/objtool --hacks=jump_label drivers/of/base.o\n"
      "\nsource_drivers/of/base.o := drivers/of/base.c\n";
  Args A = savedCommand(Cmd);
  ASSERT_GE(A.size(), 10u);
  EXPECT_EQ(A.front(), "clang-22");
  EXPECT_EQ(A.back(), "drivers/of/base.c"); // objtool is not the compile
  EXPECT_NE(std::find(A.begin(), A.end(), "-DKBUILD_MODFILE=\"drivers/of/base\""),
            A.end());
  EXPECT_NE(std::find(A.begin(), A.end(), "-DKBUILD_MODNAME=of base"), A.end());
  EXPECT_EQ(compiledCSource(A), "drivers/of/base.c");
  EXPECT_TRUE(savedCommand("source_x.o := x.c\n").empty());
  EXPECT_TRUE(savedCommand("").empty());
}

TEST(KernelTreeTest, OnlyACompileOfACFileToAnObjectIsRecorded) {
  EXPECT_EQ(compiledCSource({"-O2", "-c", "-o", "a/b.o", "a/b.c"}), "a/b.c");
  // cc-option probes, asm-offsets, preprocessing: the real compiler's.
  EXPECT_EQ(compiledCSource({"-Werror", "-c", "-x", "c", "/dev/null", "-o", "/tmp/x"}),
            std::nullopt);
  EXPECT_EQ(compiledCSource({"-S", "-o", "k/bounds.s", "k/bounds.c"}), std::nullopt);
  EXPECT_EQ(compiledCSource({"-E", "-c", "-o", "a.o", "a.c"}), std::nullopt);
  EXPECT_EQ(compiledCSource({"-c", "-o", "a.o", "a.S"}), std::nullopt);
  EXPECT_EQ(compiledCSource({"--version"}), std::nullopt);
}

TEST(KernelTreeTest, PathsBecomeMakeGoals) {
  std::string Tree = test::makeTempDir("devlife-ktree");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Tree + "/drivers/of"));
  test::writeFile(Tree + "/drivers/of/base.c", "");
  auto Goals = makeGoals(Tree, {"drivers/of", Tree + "/drivers/of/base.c", Tree});
  ASSERT_TRUE(bool(Goals)) << llvm::toString(Goals.takeError());
  EXPECT_EQ(*Goals, (Args{"drivers/of/", "drivers/of/base.o"}));
  auto Outside = makeGoals(Tree, {"/usr/include"});
  ASSERT_FALSE(bool(Outside));
  EXPECT_NE(llvm::toString(Outside.takeError()).find("not inside the kernel tree"),
            std::string::npos);
  auto NotC = makeGoals(Tree, {"Makefile"});
  EXPECT_FALSE(bool(NotC));
  llvm::consumeError(NotC.takeError());
  llvm::sys::fs::remove_directories(Tree);
}

// $(CHECK) $(CHECKFLAGS) $(c_flags) $<: sparse's flags go, the compiler's
// stay in order, the file is made absolute against the top of the tree.
TEST(KernelTreeTest, CheckerGetsTheCompilersFlagsOnly) {
  auto Job = checkerJob({"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
                         "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
                         "-D__x86_64__", "--arch=x86", "-mlittle-endian", "-m64",
                         "-D__CHECKER__", "-nostdinc", "-I./include", "-DMODULE",
                         "-O2", "drivers/gpio/gpio-foo.c"},
                        "/k");
  ASSERT_TRUE(bool(Job)) << llvm::toString(Job.takeError());
  EXPECT_EQ(Job->Directory, "/k");
  EXPECT_EQ(Job->File, "/k/drivers/gpio/gpio-foo.c");
  EXPECT_EQ(Job->Arguments, (Args{"clang", "-m64", "-nostdinc", "-I./include",
                                  "-DMODULE", "-O2", "drivers/gpio/gpio-foo.c"}));
  auto NoFile = checkerJob({"-O2", "-c"}, "/k");
  EXPECT_FALSE(bool(NoFile));
  llvm::consumeError(NoFile.takeError());
}

} // namespace
} // namespace devlife
