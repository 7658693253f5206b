//===- ReportingTest.cpp - What the audit reports, and in which form ------===//
//
// --format text|jsonl|sarif, --color, --category, --baseline and
// --changed-lines, through the built devlife on a copy of a corpus file.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <regex>
#include <unistd.h>

namespace devlife::test {
namespace {

const std::string Corpus = DEVLIFE_CORPUS_DIR;
const std::string LeakSource = Corpus + "/devlife-refcount-leak/of_find_nodes.c";

/// A project of one driver, drv.c (a copy of a corpus file with five
/// leaks), with its compile database.
class ReportingTest : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = makeTempDir("devlife-reporting-test");
    Drv = Dir + "/drv.c";
    writeFile(Drv, readFile(LeakSource));
    nlohmann::json Db = {{{"directory", Dir},
                          {"file", "drv.c"},
                          {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                                         Corpus + "/include", "-D__KERNEL__", "-c",
                                         "drv.c"}}}};
    writeFile(Dir + "/compile_commands.json", Db.dump(1));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  CommandResult audit(std::vector<std::string> Extra = {},
                      const std::string &Stdin = "") {
    std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p", Dir, "--jobs", "1",
                                  "--progress", "never"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(Args, {}, Stdin);
  }
  /// (line, rule) of each warning, in output order.
  std::vector<unsigned> warningLines(const CommandResult &R) {
    std::vector<unsigned> Out;
    for (const auto &W : parseWarnings(R.Out))
      Out.push_back(std::get<1>(W));
    return Out;
  }
  /// Replaces the first Old in drv.c with New.
  void edit(const std::string &Old, const std::string &New) {
    std::string Text = readFile(Drv);
    size_t At = Text.find(Old);
    ASSERT_NE(At, std::string::npos) << Old;
    writeFile(Drv, Text.replace(At, Old.size(), New));
  }
  std::string Dir, Drv;
};

std::vector<nlohmann::json> results(const std::string &SarifFile) {
  nlohmann::json Log = nlohmann::json::parse(readFile(SarifFile));
  return Log["runs"][0]["results"].get<std::vector<nlohmann::json>>();
}

//===-- Formats -----------------------------------------------------------===//

TEST_F(ReportingTest, TextIsClangStyleWithoutColourOffATerminal) {
  CommandResult R = audit();
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warningLines(R), (std::vector<unsigned>{51, 68, 98, 131, 156}));
  EXPECT_NE(R.Out.find(Drv + ":51:3: warning: reference from of_find_compatible_node() "
                             "is not released by of_node_put() on this path "
                             "[devlife-refcount-leak]\n" +
                       Drv + ":45:7: note: reference acquired from "
                             "of_find_compatible_node()\n"),
            std::string::npos)
      << R.Out;
  EXPECT_EQ(R.Out.find('\033'), std::string::npos);
  EXPECT_EQ(audit({"--color=never"}).Out.find('\033'), std::string::npos);
}

TEST_F(ReportingTest, ColorForcesClangsColours) {
  for (const char *Opt : {"--color", "--color=always"}) {
    CommandResult R = audit({Opt});
    ASSERT_EQ(R.Rc, 0) << R.Err;
    EXPECT_NE(R.Out.find("\033[1m" + Drv + ":51:3:\033[0m \033[0;1;35mwarning:\033[0m "
                         "\033[1mreference from"),
              std::string::npos)
        << Opt << "\n" << R.Out;
    EXPECT_NE(R.Out.find("\033[0;1;30mnote:\033[0m reference acquired"), std::string::npos);
    // The summary scripts grep stays plain.
    EXPECT_NE(R.Out.find("\ndevlife: 1 translation units"), std::string::npos);
  }
  CommandResult Bad = audit({"--color=sometimes"});
  EXPECT_EQ(Bad.Rc, 2);
  EXPECT_NE(Bad.Err.find("--color takes always, never or auto, not 'sometimes'"),
            std::string::npos)
      << Bad.Err;
}

/// Runs Argv with stdout on a pseudo-terminal; what it printed there.
std::string onATerminal(const std::vector<std::string> &Argv) {
  int Master = posix_openpt(O_RDWR | O_NOCTTY);
  if (Master < 0 || grantpt(Master) || unlockpt(Master))
    return "no pty";
  std::string Slave = ptsname(Master);
  std::vector<llvm::StringRef> Args(Argv.begin(), Argv.end());
  std::vector<std::string> EnvStorage;
  for (char **E = environ; *E; ++E)
    if (!llvm::StringRef(*E).starts_with("TERM="))
      EnvStorage.push_back(*E);
  EnvStorage.push_back("TERM=xterm");
  std::vector<llvm::StringRef> Env(EnvStorage.begin(), EnvStorage.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(Slave),
                                                llvm::StringRef("")};
  llvm::sys::ProcessInfo PI = llvm::sys::ExecuteNoWait(Argv[0], Args, Env, Redirects);
  std::string Out;
  char Buf[4096];
  // Read while it writes (a pty holds only a few kilobytes), until the last
  // writer closed the terminal (EIO) or it is gone and nothing is left.
  bool Exited = false;
  for (;;) {
    pollfd P{Master, POLLIN, 0};
    if (poll(&P, 1, 200) > 0) {
      ssize_t N = read(Master, Buf, sizeof Buf);
      if (N <= 0)
        break;
      Out.append(Buf, N);
      continue;
    }
    if (Exited)
      break;
    Exited = llvm::sys::Wait(PI, 0).Pid == PI.Pid;
  }
  if (!Exited)
    llvm::sys::Wait(PI, std::nullopt);
  close(Master);
  return Out;
}

TEST_F(ReportingTest, ColourOnATerminalByDefault) {
  std::string Out = onATerminal({DEVLIFE_BIN, "audit", "-p", Dir, "--jobs", "1",
                                 "--progress", "never", "--no-cache"});
  EXPECT_NE(Out.find("\033[0;1;35mwarning:\033[0m"), std::string::npos) << Out;
  std::string Never = onATerminal({DEVLIFE_BIN, "audit", "-p", Dir, "--jobs", "1",
                                   "--progress", "never", "--no-cache", "--color=never"});
  EXPECT_NE(Never.find("warning:"), std::string::npos) << Never;
  EXPECT_EQ(Never.find('\033'), std::string::npos) << Never;
}

TEST_F(ReportingTest, JsonLinesOneObjectPerFindingAndNothingElseOnStdout) {
  CommandResult R = audit({"--format", "jsonl"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  llvm::StringRef(R.Out).rtrim('\n').split(Lines, '\n');
  ASSERT_EQ(Lines.size(), 5u) << R.Out;
  std::vector<unsigned> LinesSeen;
  for (llvm::StringRef L : Lines) {
    nlohmann::ordered_json J = nlohmann::ordered_json::parse(L.str());
    EXPECT_EQ(J.begin().key(), "rule");
    EXPECT_EQ(J["rule"], "devlife-refcount-leak");
    EXPECT_EQ(J["file"], "drv.c") << "relative to the source root";
    EXPECT_FALSE(J["flow"].empty());
    EXPECT_TRUE(std::regex_match(J["fingerprint"].get<std::string>(),
                                 std::regex("[0-9a-f]{16}:1")));
    LinesSeen.push_back(J["line"]);
  }
  EXPECT_EQ(LinesSeen, (std::vector<unsigned>{51, 68, 98, 131, 156}));
  EXPECT_NE(R.Err.find("devlife: 1 translation units"), std::string::npos)
      << "the summary goes to stderr";
}

TEST_F(ReportingTest, FormatSarifIsTheSarifFileOnStdoutAndCategoryItsAutomationId) {
  CommandResult R = audit({"--format", "sarif", "--sarif", Dir + "/out.sarif",
                           "--category", "devlife-drivers"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(R.Out, readFile(Dir + "/out.sarif"));
  nlohmann::json Log = nlohmann::json::parse(R.Out);
  ASSERT_EQ(Log["runs"].size(), 1u) << "one run per category";
  EXPECT_EQ(Log["runs"][0]["automationDetails"]["id"], "devlife-drivers/");
  EXPECT_EQ(Log["runs"][0]["results"].size(), 5u);
  EXPECT_NE(R.Err.find("devlife: 1 translation units"), std::string::npos);
}

//===-- --baseline --------------------------------------------------------===//

TEST_F(ReportingTest, BaselineOfTheSameTreeLeavesNothing) {
  ASSERT_EQ(audit({"--sarif", Dir + "/old.sarif"}).Rc, 0);
  CommandResult R = audit({"--baseline", Dir + "/old.sarif", "--fail-on", "warning"});
  EXPECT_EQ(R.Rc, 0) << "nothing new, nothing to fail on\n" << R.Out << R.Err;
  EXPECT_TRUE(warningLines(R).empty()) << R.Out;
  EXPECT_NE(R.Out.find("; 0 findings (5 known, 0 off the changed lines, left out)"),
            std::string::npos)
      << R.Out;
  EXPECT_TRUE(std::regex_search(
      R.Out, std::regex("\n  baseline +5 findings of .*/old.sarif left out\n")))
      << R.Out;
}

TEST_F(ReportingTest, BaselineSurvivesLinesMovingAndEditsInTheSameFunction) {
  ASSERT_EQ(audit({"--sarif", Dir + "/old.sarif"}).Rc, 0);
  // Three lines above everything, and fsys_read_timer_freq() edited around
  // its leak (line 51): the property it reads, a store right after.
  edit("#include <linux/kernel.h>\n", "#include <linux/kernel.h>\n/*\n * moved\n */\n");
  edit("\"clock-frequency\"", "\"clock-freq\"");
  edit("\n\tof_node_put(np);\n\treturn 0;\n}\n\n// Leak: node found by name",
       "\n\tpriv->has_pmu = false;\n\tof_node_put(np);\n\treturn 0;\n}\n\n"
       "// Leak: node found by name");
  CommandResult R = audit({"--baseline", Dir + "/old.sarif", "--sarif", Dir + "/new.sarif"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(warningLines(R).empty()) << R.Out;
  // GitHub's own line hash would have called the edited one new.
  auto Old = results(Dir + "/old.sarif");
  ASSERT_EQ(Old.size(), 5u);
  ASSERT_EQ(audit({"--sarif", Dir + "/all.sarif"}).Rc, 0);
  auto New = results(Dir + "/all.sarif");
  ASSERT_EQ(New.size(), 5u);
  EXPECT_EQ(New[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 54);
  EXPECT_NE(Old[0]["partialFingerprints"]["primaryLocationLineHash"],
            New[0]["partialFingerprints"]["primaryLocationLineHash"]);
  EXPECT_EQ(Old[0]["partialFingerprints"]["devlifeFindingHash/v1"],
            New[0]["partialFingerprints"]["devlifeFindingHash/v1"]);
  EXPECT_TRUE(results(Dir + "/new.sarif").empty());
}

TEST_F(ReportingTest, BaselineReportsExactlyTheNewLeak) {
  ASSERT_EQ(audit({"--sarif", Dir + "/old.sarif"}).Rc, 0);
  std::string Text = readFile(Drv);
  Text += "\nstatic bool fsys_has_slow_mode(void)\n{\n"
          "\tstruct device_node *np = of_find_node_by_name(NULL, \"fsys-slow\");\n\n"
          "\treturn np != NULL;\n}\n";
  writeFile(Drv, Text);
  CommandResult R = audit({"--baseline", Dir + "/old.sarif", "--fail-on", "warning"});
  EXPECT_EQ(R.Rc, 1) << R.Err;
  std::vector<unsigned> Lines = warningLines(R);
  ASSERT_EQ(Lines.size(), 1u) << R.Out;
  EXPECT_NE(R.Out.find("drv.c:" + std::to_string(Lines[0]) +
                       ":2: warning: reference from of_find_node_by_name()"),
            std::string::npos)
      << R.Out;
  EXPECT_NE(R.Out.find("(5 known, 0 off the changed lines, left out)"), std::string::npos);
}

TEST_F(ReportingTest, AMalformedBaselineIsAUsageErrorAndNothingIsAnalysed) {
  writeFile(Dir + "/bad.sarif", "{\"version\": \"2.1.0\", \"runs\": [");
  CommandResult R = audit({"--baseline", Dir + "/bad.sarif"});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("devlife: error: --baseline " + Dir +
                       "/bad.sarif: not JSON, so not a SARIF log"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(R.Out.find("translation units"), std::string::npos);
  writeFile(Dir + "/nofp.sarif",
            R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "devlife"}},
                "results": [{"ruleId": "devlife-refcount-leak", "message": {"text": "x"}}]}]})");
  CommandResult NoFp = audit({"--baseline", Dir + "/nofp.sarif"});
  EXPECT_EQ(NoFp.Rc, 2);
  EXPECT_NE(NoFp.Err.find("runs[0].results[0] has no partialFingerprints"),
            std::string::npos)
      << NoFp.Err;
  EXPECT_EQ(audit({"--baseline", Dir + "/missing.sarif"}).Rc, 2);
}

//===-- --changed-lines ---------------------------------------------------===//

TEST_F(ReportingTest, ChangedLinesKeepTheFindingsOnTheDiff) {
  // git diff, relative to the top of the tree (the source root).
  writeFile(Dir + "/on-51.diff",
            "diff --git a/drv.c b/drv.c\n--- a/drv.c\n+++ b/drv.c\n"
            "@@ -51 +51 @@\n-\t\treturn 1;\n+\t\treturn ret; // expect: devlife-refcount-leak\n");
  CommandResult R = audit({"--changed-lines", Dir + "/on-51.diff", "--fail-on", "warning"});
  EXPECT_EQ(R.Rc, 1) << R.Err;
  EXPECT_EQ(warningLines(R), (std::vector<unsigned>{51})) << R.Out;
  EXPECT_NE(R.Out.find("(0 known, 4 off the changed lines, left out)"), std::string::npos)
      << R.Out;
  EXPECT_TRUE(std::regex_search(
      R.Out, std::regex("\n  changed lines +4 findings off the changed lines left out\n")))
      << R.Out;
}

TEST_F(ReportingTest, AStepOfTheCodeFlowOnTheDiffIsEnough) {
  // Line 63 acquires the node fsys_has_fast_mode() leaks at line 68.
  writeFile(Dir + "/on-63.diff",
            "--- drv.c.orig\t2024-01-01 00:00:00\n+++ drv.c\t2024-01-01 00:00:01\n"
            "@@ -63 +63 @@\n-\tnp = NULL;\n+\tnp = of_find_node_by_name(NULL, \"fsys-config\");\n");
  CommandResult R = audit({"--changed-lines", Dir + "/on-63.diff"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warningLines(R), (std::vector<unsigned>{68})) << R.Out;
}

TEST_F(ReportingTest, ChangedLinesFromStdinAndOfOtherFiles) {
  writeFile(Dir + "/stdin.diff", "--- a/drv.c\n+++ b/drv.c\n@@ -98,0 +98 @@\n+x\n");
  CommandResult R = audit({"--changed-lines", "-"}, Dir + "/stdin.diff");
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warningLines(R), (std::vector<unsigned>{98})) << R.Out;
  writeFile(Dir + "/other.diff", "--- a/other.c\n+++ b/other.c\n@@ -51 +51 @@\n-x\n+y\n");
  EXPECT_TRUE(warningLines(audit({"--changed-lines", Dir + "/other.diff"})).empty());
  writeFile(Dir + "/empty.diff", "");
  EXPECT_TRUE(warningLines(audit({"--changed-lines", Dir + "/empty.diff"})).empty());
}

TEST_F(ReportingTest, AMalformedDiffIsAUsageError) {
  writeFile(Dir + "/cut.diff", "--- a/drv.c\n+++ b/drv.c\n@@ -51,3 +51,3 @@\n a\n");
  CommandResult R = audit({"--changed-lines", Dir + "/cut.diff"});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("devlife: error: --changed-lines " + Dir +
                       "/cut.diff: line 4: the diff ends inside the hunk starting at line 3"),
            std::string::npos)
      << R.Err;
  writeFile(Dir + "/notes.txt", "just some notes\n");
  CommandResult NotADiff = audit({"--changed-lines", Dir + "/notes.txt"});
  EXPECT_EQ(NotADiff.Rc, 2);
  EXPECT_NE(NotADiff.Err.find("this is not a unified diff"), std::string::npos);
}

TEST_F(ReportingTest, BaselineAndChangedLinesTogether) {
  ASSERT_EQ(audit({"--sarif", Dir + "/old.sarif"}).Rc, 0);
  writeFile(Dir + "/on-51.diff", "--- a/drv.c\n+++ b/drv.c\n@@ -51 +51 @@\n-x\n+y\n");
  CommandResult R =
      audit({"--baseline", Dir + "/old.sarif", "--changed-lines", Dir + "/on-51.diff"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_TRUE(warningLines(R).empty()) << "on the diff, but not new\n" << R.Out;
  EXPECT_NE(R.Out.find("(5 known, 0 off the changed lines, left out)"), std::string::npos)
      << R.Out;
}

} // namespace
} // namespace devlife::test
