//===- EditorConfigTest.cpp - The editor setups, run as the editors run them ===//
//
// Each setup in integrations/editors/ is read here as its editor reads it,
// and turned into the clang-tidy command line that editor builds from it
// (the recipe is written next to each test, from the editor's source or
// documentation). The command runs on a corpus file in a copy of a project:
// the example .clang-tidy at its root, compile_commands.json beside it, and
// devlife installed under a prefix of its own (`cmake --install`), which
// stands for the /usr of the Debian package the setups name. A setup that names the wrong
// file, option or path loses the findings, and the test says so.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>

namespace devlife::test {
namespace {

const std::string Editors = DEVLIFE_SOURCE_DIR "/integrations/editors";
const std::string CorpusCase = "devlife-refcount-leak/of_find_nodes.c";
// Where the setups expect the module: the Debian package's path.
const std::string PackagedModule = "/usr/lib/devlife/libdevlife-tidy.so";

/// Runs Argv in Dir, as an editor starts its linter there.
CommandResult runIn(const std::string &Dir, std::vector<std::string> Argv) {
  Argv.insert(Argv.begin(), {"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", Dir});
  return run(Argv);
}

/// The first group of Pattern in Text, or "".
std::string capture(const std::string &Text, const std::string &Pattern) {
  std::smatch M;
  return std::regex_search(Text, M, std::regex(Pattern)) ? M[1].str() : "";
}

class EditorConfigTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    Root = makeTempDir("devlife-editors");
    Prefix = Root + "/prefix";
    Installed = run({DEVLIFE_CMAKE, "--install", DEVLIFE_BUILD_DIR, "--prefix", Prefix});
    Project = Root + "/linux";
    llvm::sys::fs::create_directories(Project + "/drivers/of");
    writeFile(Project + "/.clang-tidy", readFile(Editors + "/.clang-tidy"));
    Source = Project + "/drivers/of/of_find_nodes.c";
    writeFile(Source, readFile(DEVLIFE_CORPUS_DIR "/" + CorpusCase));
    nlohmann::json Db = nlohmann::json::array();
    Db.push_back({{"directory", DEVLIFE_CORPUS_DIR},
                  {"file", Source},
                  {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                                 "include", "-D__KERNEL__", "-c", Source}}});
    writeFile(Project + "/compile_commands.json", Db.dump(1));
  }
  static void TearDownTestSuite() { llvm::sys::fs::remove_directories(Root); }

  /// An option a setup names, with the module installed under the test's
  /// prefix instead of /usr.
  static std::string installed(const std::string &Option) {
    std::string Out = Option;
    size_t At = Out.find(PackagedModule);
    EXPECT_NE(At, std::string::npos) << Option << " loads no " << PackagedModule;
    if (At != std::string::npos)
      Out.replace(At, PackagedModule.size(), Prefix + "/lib/devlife/libdevlife-tidy.so");
    return Out;
  }

  /// The findings of a run on File must be the corpus case's expectations.
  static void expectCorpusFindings(const CommandResult &R, const std::string &File) {
    std::set<std::pair<unsigned, std::string>> Expected, Actual;
    for (const Expectation &E : readExpectations(DEVLIFE_CORPUS_DIR "/" + CorpusCase))
      if (!llvm::StringRef(E.Rule).ends_with(AlsoSuffix))
        Expected.insert({E.Line, E.Rule});
    for (const auto &[F, Line, Rule] : parseWarnings(R.Out, Project))
      if (F == File)
        Actual.insert({Line, Rule});
    ASSERT_FALSE(Expected.empty());
    EXPECT_EQ(Expected, Actual) << R.Out << R.Err;
  }

  static inline std::string Root, Prefix, Project, Source;
  static inline CommandResult Installed;
};

TEST_F(EditorConfigTest, InstallPutsTheModuleWhereTheSetupsLookForIt) {
  ASSERT_EQ(Installed.Rc, 0) << Installed.Out << Installed.Err;
  EXPECT_TRUE(llvm::sys::fs::exists(Prefix + "/lib/devlife/libdevlife-tidy.so"));
  EXPECT_TRUE(llvm::sys::fs::can_execute(Prefix + "/bin/devlife"));
}

// cpptools (C_Cpp.codeAnalysis.clangTidy.*): `path` is the executable,
// `args` come first, and with `useBuildPath` the directory of
// `C_Cpp.default.compileCommands` is passed as -p=DIR instead of compiler
// arguments after "--"; then the file. The checks come from .clang-tidy.
TEST_F(EditorConfigTest, VsCodeCppToolsSettings) {
  ASSERT_EQ(Installed.Rc, 0);
  std::string Text = readFile(Editors + "/vscode/settings.json");
  nlohmann::json S = nlohmann::json::parse(Text, nullptr, /*allow_exceptions=*/true,
                                           /*ignore_comments=*/true);
  ASSERT_TRUE(S.value("C_Cpp.codeAnalysis.clangTidy.enabled", false));
  ASSERT_TRUE(S.value("C_Cpp.codeAnalysis.clangTidy.useBuildPath", false));
  std::vector<std::string> Argv{S.at("C_Cpp.codeAnalysis.clangTidy.path")};
  for (const std::string &A : S.at("C_Cpp.codeAnalysis.clangTidy.args"))
    Argv.push_back(installed(A));
  std::string Db = S.at("C_Cpp.default.compileCommands");
  Db = std::regex_replace(Db, std::regex(R"(\$\{workspaceFolder\})"), Project);
  Argv.push_back("-p=" + llvm::sys::path::parent_path(Db).str());
  Argv.push_back(Source);
  CommandResult R = runIn(Project, Argv);
  expectCorpusFindings(R, Source);
}

// flycheck-clang-tidy's checker command (flycheck-clang-tidy.el):
//   clang-tidy (option "-p" build-path) -extra-arg=-I<file's dir>/
//              -config=<the .clang-tidy above the file> <extra-options> source
// run in the project root, `source` being a copy of the buffer in a
// temporary directory (clang-tidy infers its command from the database).
TEST_F(EditorConfigTest, EmacsFlycheckClangTidy) {
  ASSERT_EQ(Installed.Rc, 0);
  std::string El = readFile(Editors + "/emacs/devlife-flycheck.el");
  auto setting = [&](const std::string &Name) {
    return capture(El, R"(\(setq\s+)" + Name + R"(\s+"([^"]*)\"\))");
  };
  std::string Exe = setting("flycheck-clang-tidy-executable");
  std::string Extra = setting("flycheck-clang-tidy-extra-options");
  std::string BuildPath = setting("flycheck-clang-tidy-build-path");
  ASSERT_FALSE(Exe.empty());
  ASSERT_FALSE(Extra.empty());
  ASSERT_FALSE(BuildPath.empty());
  std::string Copy = makeTempDir("flycheck") + "/of_find_nodes.c";
  writeFile(Copy, readFile(Source));
  std::vector<std::string> Argv{
      Exe, "-p", BuildPath,
      "-extra-arg=-I" + llvm::sys::path::parent_path(Source).str() + "/",
      "-config=" + readFile(Project + "/.clang-tidy"), installed(Extra), Copy};
  CommandResult R = runIn(Project, Argv);
  expectCorpusFindings(R, Copy);
  llvm::sys::fs::remove_directories(llvm::sys::path::parent_path(Copy));
}

// ALE's clangtidy linter (ale_linters/c/clangtidy.vim):
//   %e [-checks=<g:ale_c_clangtidy_checks>] '<extra_options>' %s -p '<dir>'
// %s the file itself (lint_file), the dir that of the nearest
// compile_commands.json above it; no -checks when the list is empty.
TEST_F(EditorConfigTest, VimAle) {
  ASSERT_EQ(Installed.Rc, 0);
  std::string Vim = readFile(Editors + "/vim/devlife-ale.vim");
  auto setting = [&](const std::string &Name) {
    return capture(Vim, R"(let\s+g:)" + Name + R"(\s*=\s*'([^']*)')");
  };
  std::string Exe = setting("ale_c_clangtidy_executable");
  std::string Extra = setting("ale_c_clangtidy_extra_options");
  ASSERT_FALSE(Exe.empty());
  ASSERT_FALSE(Extra.empty());
  EXPECT_EQ(Vim.find("ale_c_clangtidy_checks"), std::string::npos)
      << "the checks belong in .clang-tidy";
  std::vector<std::string> Argv{Exe, installed(Extra), Source, "-p", Project};
  CommandResult R = runIn(llvm::sys::path::parent_path(Source).str(), Argv);
  expectCorpusFindings(R, Source);
}

// The example .clang-tidy is what selects the rules: without it, the same
// command finds nothing of devlife's.
TEST_F(EditorConfigTest, TheExampleClangTidySelectsTheRules) {
  ASSERT_EQ(Installed.Rc, 0);
  std::string Bare = makeTempDir("devlife-no-config");
  std::string File = Bare + "/of_find_nodes.c";
  writeFile(File, readFile(Source));
  CommandResult R = runIn(Bare, {DEVLIFE_CLANG_TIDY,
                                 "--load=" + Prefix + "/lib/devlife/libdevlife-tidy.so",
                                 File, "-p", Project});
  EXPECT_EQ(R.Out.find("[devlife-"), std::string::npos) << R.Out;
  llvm::sys::fs::remove_directories(Bare);
}

} // namespace
} // namespace devlife::test
