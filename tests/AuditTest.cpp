//===- AuditTest.cpp - `devlife audit` as CI and a user meet it -----------===//
#include "tests/TestSupport.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <thread>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife::test {
namespace {

const std::string Corpus = DEVLIFE_CORPUS_DIR;
const std::string LeakFile = Corpus + "/devlife-refcount-leak/of_find_nodes.c";
const std::string OverputFile = Corpus + "/devlife-refcount-overput/double_put.c";

nlohmann::json entry(const std::string &File) {
  return {{"directory", Corpus},
          {"file", File},
          {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                         "include", "-D__KERNEL__", "-c", File}}};
}

/// A throwaway project: a compile database over the given files.
class AuditTest : public ::testing::Test {
protected:
  void SetUp() override { Dir = makeTempDir("devlife-audit-test"); }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  void writeDb(const std::vector<std::string> &Files) {
    nlohmann::json Db = nlohmann::json::array();
    for (const std::string &F : Files)
      Db.push_back(entry(F));
    writeFile(Dir + "/compile_commands.json", Db.dump(1));
  }
  CommandResult audit(std::vector<std::string> Extra = {},
                      const std::map<std::string, std::string> &Env = {}) {
    std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p", Dir};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(Args, Env);
  }
  size_t warnings(const CommandResult &R, const std::string &File = "") {
    size_t N = 0;
    for (const auto &W : parseWarnings(R.Out))
      N += File.empty() || std::get<0>(W) == File;
    return N;
  }
  std::string Dir;
};

TEST_F(AuditTest, FindingsAloneExitZeroAndFailOnMakesThemFail) {
  writeDb({LeakFile});
  CommandResult R = audit();
  EXPECT_EQ(R.Rc, 0) << R.Err;
  EXPECT_GT(warnings(R), 0u);
  EXPECT_NE(R.Out.find("devlife-refcount-leak"), std::string::npos);
  EXPECT_EQ(audit({"--fail-on", "warning"}).Rc, 1);
  EXPECT_EQ(audit({"--fail-on", "error"}).Rc, 0);
  EXPECT_EQ(audit({"--fail-on", "bogus"}).Rc, 2);
}

TEST_F(AuditTest, ChecksGlobSelectsRules) {
  writeDb({LeakFile, OverputFile});
  CommandResult Overput = audit({"--checks", "devlife-refcount-overput"});
  ASSERT_EQ(Overput.Rc, 0) << Overput.Err;
  EXPECT_EQ(Overput.Out.find("[devlife-refcount-leak]"), std::string::npos);
  EXPECT_NE(Overput.Out.find("[devlife-refcount-overput]"), std::string::npos);
  CommandResult NotLeak = audit({"--checks", "devlife-*,-devlife-refcount-leak"});
  EXPECT_EQ(NotLeak.Out.find("[devlife-refcount-leak]"), std::string::npos);
  CommandResult Unknown = audit({"--checks", "devlife-nosuchrule"});
  EXPECT_EQ(Unknown.Rc, 2);
  EXPECT_NE(Unknown.Err.find("devlife-nosuchrule"), std::string::npos);
}

TEST_F(AuditTest, PathsRestrictTheAudit) {
  writeDb({LeakFile, OverputFile});
  CommandResult R = audit({Corpus + "/devlife-refcount-overput"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R, LeakFile), 0u);
  EXPECT_GT(warnings(R, OverputFile), 0u);
}

TEST_F(AuditTest, BrokenDatabaseIsAUsageErrorNamingIt) {
  writeFile(Dir + "/compile_commands.json", "[{\"file\": ");
  CommandResult R = audit();
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("compile_commands.json"), std::string::npos) << R.Err;
}

TEST_F(AuditTest, BadApiModelIsAUsageErrorNamingTheEntry) {
  writeDb({LeakFile});
  writeFile(Dir + "/model.json",
            R"({"refcount": {"functions": {"my_get": {"returns": "nokind"}}}})");
  CommandResult R = audit({"--api-model", Dir + "/model.json"});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("model.json"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("refcount.functions.my_get.returns"), std::string::npos);
}

TEST_F(AuditTest, UserModelTeachesANewAcquiringApi) {
  std::string Src = Dir + "/mine.c";
  writeFile(Src, "struct device_node;\n"
                 "struct device_node *my_lookup(const char *);\n"
                 "int use(struct device_node *);\n"
                 "int f(void)\n{\n"
                 "\tstruct device_node *np = my_lookup(\"x\");\n"
                 "\treturn use(np);\n}\n");
  nlohmann::json Db = {{{"directory", Dir}, {"file", Src},
                        {"arguments", {"clang-22", "-c", Src}}}};
  writeFile(Dir + "/compile_commands.json", Db.dump());
  EXPECT_EQ(warnings(audit()), 0u);
  writeFile(Dir + "/model.json",
            R"({"refcount": {"functions": {"my_lookup": {"returns": "device_node"}}}})");
  EXPECT_EQ(warnings(audit({"--api-model", Dir + "/model.json"})), 1u);
}

// A wrapper in one file hands out a reference; another file leaks it. Only
// the global phase, which turns the first file's summary into model data,
// can see that.
TEST_F(AuditTest, SummariesCrossFiles) {
  std::string Provider = Dir + "/provider.c", User = Dir + "/user.c";
  writeFile(Provider, "#include <linux/of.h>\n"
                      "struct device_node *board_get_port(struct device_node *np)\n"
                      "{\n\treturn of_get_child_by_name(np, \"port\");\n}\n");
  writeFile(User, "#include <linux/of.h>\n"
                  "struct device_node *board_get_port(struct device_node *np);\n"
                  "int board_has_port(struct device_node *np)\n{\n"
                  "\tstruct device_node *port = board_get_port(np);\n\n"
                  "\treturn port != NULL;\n}\n");
  writeDb({Provider, User});
  CommandResult Both = audit();
  ASSERT_EQ(Both.Rc, 0) << Both.Err;
  EXPECT_EQ(warnings(Both, User), 1u) << Both.Out;
  EXPECT_NE(Both.Out.find("user.c:7:2: warning: reference from board_get_port()"),
            std::string::npos) << Both.Out;
  EXPECT_NE(Both.Out.find("1 re-analysed"), std::string::npos) << Both.Out;
  EXPECT_EQ(warnings(audit({User}), User), 0u); // alone, it cannot know
}

// probe() in one file keeps devm memory in a field, remove() in another
// kfree()s it: the message says which call, where, and what to use instead,
// and the code flow starts at the managed call. Alone, remove()'s file
// cannot know.
TEST_F(AuditTest, DevmManualFreeAcrossFilesSaysWhatAndWhatInstead) {
  std::string A = Corpus + "/devlife-devm-manual-free/cross_a.c";
  std::string B = Corpus + "/devlife-devm-manual-free/cross_b.c";
  writeDb({A, B});
  CommandResult R = audit({"--checks", "devlife-devm-manual-free"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R, B), 3u) << R.Out;
  EXPECT_NE(R.Out.find("cross_b.c:29:2: warning: priv->rx comes from "
                       "devm_kzalloc() in dmx_probe(), which devres releases "
                       "when the device unbinds; releasing it here with "
                       "kfree() makes unbind release it again: a double "
                       "free; use devm_kfree(&pdev->dev, priv->rx) if it "
                       "must go early, or drop the kfree()"),
            std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("cross_a.c:23:13: note: devm_kzalloc() hands priv->rx "
                       "to devres, which releases it at unbind"),
            std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("a double free_irq(); use devm_free_irq(&pdev->dev, "
                       "priv->irq, priv)"),
            std::string::npos) << R.Out;
  EXPECT_EQ(warnings(audit({"--checks", "devlife-devm-manual-free", B}), B), 0u);
}

// a.c calls the API, b.c wraps a.c's function, c.c leaks through b.c's: the
// summary of b.c exists only once b.c was analysed with a.c's, so the global
// phase needs a second round.
TEST_F(AuditTest, SummariesFlowThroughAChainOfFiles) {
  std::string A = Dir + "/a.c", B = Dir + "/b.c", C = Dir + "/c.c";
  writeFile(A, "#include <linux/of.h>\n"
               "struct device_node *chain_port(struct device_node *np)\n"
               "{\n\treturn of_get_child_by_name(np, \"port\");\n}\n");
  writeFile(B, "#include <linux/of.h>\n"
               "struct device_node *chain_port(struct device_node *np);\n"
               "struct device_node *chain_wrap(struct device_node *np)\n"
               "{\n\treturn chain_port(np);\n}\n");
  writeFile(C, "#include <linux/of.h>\n"
               "struct device_node *chain_wrap(struct device_node *np);\n"
               "int chain_has(struct device_node *np)\n{\n"
               "\tstruct device_node *p = chain_wrap(np);\n\n"
               "\treturn p != NULL;\n}\n");
  writeDb({C, B, A});
  CommandResult R = audit();
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R, C), 1u) << R.Out;
  EXPECT_NE(R.Out.find("c.c:7:2: warning: reference from chain_wrap()"),
            std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("(2 round(s))"), std::string::npos) << R.Out;
  EXPECT_NE(R.Err.find("devlife: re-analysis round 2: 1 translation unit\n"),
            std::string::npos) << R.Err;
}

// The model's contract for an API is not re-learned from its body: a file
// that defines of_get_parent() (as drivers/of does) does not teach the
// others that it hands back its argument.
TEST_F(AuditTest, ModelApisAreNotRelearnedFromTheirBodies) {
  std::string Provider = Dir + "/provider.c", User = Dir + "/user.c";
  writeFile(Provider, "#include <linux/of.h>\n"
                      "struct device_node *of_get_parent(const struct device_node *node)\n"
                      "{\n\treturn (struct device_node *)node;\n}\n"
                      "struct device_node *board_get_port(struct device_node *np)\n"
                      "{\n\treturn of_get_child_by_name(np, \"port\");\n}\n");
  // board_get_port() is learned, so user.c is analysed again.
  writeFile(User, "#include <linux/of.h>\n"
                  "struct device_node *board_get_port(struct device_node *np);\n"
                  "int has_parent(struct device_node *np)\n{\n"
                  "\tstruct device_node *p = of_get_parent(np);\n\n"
                  "\tof_node_put(board_get_port(np));\n"
                  "\treturn p != NULL;\n}\n");
  writeDb({Provider, User});
  CommandResult Both = audit();
  ASSERT_EQ(Both.Rc, 0) << Both.Err;
  EXPECT_NE(Both.Out.find("1 re-analysed"), std::string::npos) << Both.Out;
  EXPECT_EQ(warnings(Both, User), 1u) << Both.Out;
}

// A TU that does not parse, one whose file is gone and one whose worker
// crashes: each is a notification, none takes the other findings with it.
TEST_F(AuditTest, FailedTranslationUnitsLoseNothingElse) {
  std::string Broken = Dir + "/broken.c", NoHeader = Dir + "/noheader.c";
  writeFile(Broken, "int f(void) { return }\n");
  writeFile(NoHeader, "#include <linux/no_such_header.h>\nint g;\n");
  writeDb({LeakFile, OverputFile, Broken, NoHeader, Dir + "/vanished.c"});
  size_t Alone = warnings(audit({LeakFile}), LeakFile);
  ASSERT_GT(Alone, 0u);

  CommandResult R = audit({"--sarif", Dir + "/out.sarif"},
                          {{"DEVLIFE_TEST_CRASH_ON", "double_put.c"}});
  EXPECT_EQ(R.Rc, 3) << R.Err;
  EXPECT_EQ(warnings(R, LeakFile), Alone);
  EXPECT_NE(R.Err.find("broken.c"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("no_such_header.h"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("vanished.c: error: source file does not exist"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("double_put.c: error: analysis crashed"), std::string::npos) << R.Err;
  EXPECT_NE(R.Out.find("4 failed"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("1 ok, 4 failed\n"), std::string::npos) << R.Out;

  auto Sarif = nlohmann::json::parse(readFile(Dir + "/out.sarif"));
  auto &Inv = Sarif["runs"][0]["invocations"][0];
  EXPECT_FALSE(Inv["executionSuccessful"].get<bool>());
  EXPECT_EQ(Inv["toolExecutionNotifications"].size(), 4u);
  EXPECT_EQ(Sarif["runs"][0]["results"].size(), Alone);
}

// Off a terminal (here a file, as in CI) progress is plain lines, never the
// '\r' of a line redrawn in place.
TEST_F(AuditTest, ProgressOffATerminalIsPlainLines) {
  writeDb({LeakFile, OverputFile});
  CommandResult R = audit();
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(R.Err.find('\r'), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("devlife: analysing: 2 translation units\n"),
            std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("devlife: analysing: 2/2 (100%)"), std::string::npos)
      << R.Err;
  EXPECT_EQ(audit({"--progress=never"}).Err, "");
  EXPECT_NE(audit({"--progress=always"}).Err.find("\ranalysing: 1/2 (50%)"),
            std::string::npos);
}

// --quiet: stdout is the summary table and nothing else, stderr only what
// went wrong; no finding lines, no progress.
TEST_F(AuditTest, QuietPrintsTheSummaryAndErrorsOnly) {
  std::string Broken = Dir + "/broken.c";
  writeFile(Broken, "int f(void) { return }\n");
  writeDb({LeakFile, Broken});
  CommandResult R = audit({"--quiet"});
  EXPECT_EQ(R.Rc, 3) << R.Err;
  EXPECT_EQ(warnings(R), 0u) << R.Out;
  EXPECT_EQ(R.Out.rfind("devlife: 2 translation units, 1 failed", 0), 0u) << R.Out;
  EXPECT_NE(R.Out.find("\n  devlife-refcount-leak "), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("1 ok, 1 failed"), std::string::npos) << R.Out;
  EXPECT_EQ(R.Out.find(": warning:"), std::string::npos) << R.Out;
  EXPECT_NE(R.Err.find("broken.c: error:"), std::string::npos) << R.Err;
  EXPECT_EQ(R.Err.find("analysing"), std::string::npos) << R.Err;
  EXPECT_EQ(R.Err.find('\r'), std::string::npos) << R.Err;
  EXPECT_GT(warnings(audit()), 0u); // there are findings to hide
}

// The workers' cost is the workers': a shell that ran a 400 MiB process and
// then exec()s devlife (the README's `a && b && devlife audit`) has already
// reaped it, and getrusage(RUSAGE_CHILDREN) would report its memory.
TEST_F(AuditTest, WorkerCostCountsTheWorkersOnly) {
  writeDb({LeakFile});
  auto Largest = [](const CommandResult &R) {
    size_t At = R.Out.find("(largest worker ");
    return At == std::string::npos
               ? ~0ul
               : std::stoul(R.Out.substr(At + std::string("(largest worker ").size()));
  };
  CommandResult R = run({"/bin/sh", "-c",
                         "python3 -c 'x = bytearray(400 << 20); x[::4096] = b\"1\" * len(x[::4096])' && "
                         "exec \"$0\" audit -p \"$1\" --progress=never",
                         DEVLIFE_BIN, Dir});
  EXPECT_EQ(R.Rc, 0) << R.Err;
  EXPECT_GT(warnings(R, LeakFile), 0u) << R.Out;
  EXPECT_LT(Largest(R), 400u) << R.Out;
}

// --memory-limit holds: a worker that needs more fails its file, and
// the audit goes on. (The worker sets the limit on itself, so that it is
// started by posix_spawn() rather than a fork of the audit.)
TEST_F(AuditTest, MemoryLimitFailsAWorkerThatNeedsMore) {
#if LLVM_ADDRESS_SANITIZER_BUILD
  GTEST_SKIP() << "the hardening build runs its workers unlimited";
#endif
  writeDb({LeakFile});
  CommandResult R = audit({"--memory-limit", "1", "--no-cache"});
  EXPECT_EQ(R.Rc, 3) << R.Out << R.Err;
  EXPECT_NE(R.Err.find("error: analysis"), std::string::npos) << R.Err;
  EXPECT_NE(R.Out.find("0 ok, 1 failed"), std::string::npos) << R.Out;
  CommandResult Enough = audit({"--memory-limit", "4096", "--no-cache"});
  EXPECT_EQ(Enough.Rc, 0) << Enough.Err;
  EXPECT_GT(warnings(Enough, LeakFile), 0u) << Enough.Out;
}

// The audit's own peak memory is its own: a process that touched 400 MiB
// and then exec()s devlife leaves that peak in getrusage(RUSAGE_SELF).
TEST_F(AuditTest, AuditProcessPeakIsItsOwn) {
  writeDb({LeakFile});
  std::string Script = Dir + "/big-then-exec.py";
  writeFile(Script, "import os, sys\n"
                    "x = bytearray(400 << 20)\n"
                    "x[::4096] = b'1' * len(x[::4096])\n"
                    "os.execv(sys.argv[1], [sys.argv[1], 'audit', '-p', "
                    "sys.argv[2], '--progress=never'])\n");
  CommandResult R = run({"/usr/bin/env", "python3", Script, DEVLIFE_BIN, Dir});
  EXPECT_EQ(R.Rc, 0) << R.Err;
  std::smatch M;
  static const std::regex Row("audit process +[0-9.:]+ s? ?CPU, peak ([0-9]+) MiB");
  ASSERT_TRUE(std::regex_search(R.Out, M, Row)) << R.Out;
  EXPECT_GT(std::stoul(M[1]), 0u) << R.Out;
  EXPECT_LT(std::stoul(M[1]), 400u) << R.Out;
}

// A worker that hangs is killed at --timeout, while another runs beside it
// (--jobs 2), and costs its own file only.
TEST_F(AuditTest, TimeoutKillsAHungWorkerAndKeepsTheRest) {
  writeDb({LeakFile, OverputFile});
  auto Start = std::chrono::steady_clock::now();
  CommandResult R = audit({"--jobs", "2", "--timeout", "1"},
                          {{"DEVLIFE_TEST_HANG_ON", "double_put.c"}});
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(60));
  EXPECT_EQ(R.Rc, 3) << R.Err;
  EXPECT_NE(R.Err.find("double_put.c: error: analysis timed out after 1 s"),
            std::string::npos) << R.Err;
  EXPECT_GT(warnings(R, LeakFile), 0u);
}

/// The live processes whose command line mentions Text.
std::vector<std::string> processesMentioning(const std::string &Text) {
  std::vector<std::string> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It("/proc", EC), End; It != End && !EC;
       It.increment(EC)) {
    // /proc files say they are empty: read them as a stream, not by size.
    std::ifstream In(It->path() + "/cmdline");
    std::string Cmd;
    // A process that exits while it is read fails the read (ESRCH), and
    // libstdc++ throws: it is gone, so it mentions nothing.
    try {
      Cmd.assign(std::istreambuf_iterator<char>(In), std::istreambuf_iterator<char>());
    } catch (const std::exception &) {
      continue;
    }
    std::replace(Cmd.begin(), Cmd.end(), '\0', ' ');
    if (Cmd.find(Text) != std::string::npos)
      Found.push_back(Cmd);
  }
  return Found;
}

bool waitFor(const std::function<bool()> &Ready, std::chrono::seconds Limit) {
  auto End = std::chrono::steady_clock::now() + Limit;
  while (!Ready()) {
    if (std::chrono::steady_clock::now() > End)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Ctrl-C, or a CI timeout's SIGTERM, in the middle of a corpus audit: the
// workers are killed rather than waited for (the first one hangs), their
// temporary files go, no SARIF file is written, and the exit code says which
// signal. The workers' job files are under a TMPDIR of this test's own, so
// the workers left running, if any, are found by that path.
TEST_F(AuditTest, InterruptKillsTheWorkersAndWritesNoFile) {
  std::string First = corpusFiles().front().substr(Corpus.size() + 1);
  for (int Sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(Sig == SIGINT ? "SIGINT" : "SIGTERM");
    std::string Tmp = Dir + "/tmp" + std::to_string(Sig);
    std::string Sarif = Dir + "/out" + std::to_string(Sig) + ".sarif";
    ASSERT_FALSE(llvm::sys::fs::create_directories(Tmp));
    // Whatever fails, no hung worker outlives the test.
    llvm::scope_exit KillLeftovers(
        [&] { run({"/usr/bin/pkill", "-KILL", "-f", Tmp + "/"}); });
    Command C({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR, "--jobs", "2",
               "--sarif", Sarif},
              {{"DEVLIFE_TEST_HANG_ON", First}, {"TMPDIR", Tmp}});
    // A tenth done (the first progress line; with 62 files it says 11%):
    // one worker hangs on the first file, the other is busy.
    ASSERT_TRUE(waitFor([&] { return C.errSoFar().find("%),") != std::string::npos; },
                        std::chrono::seconds(120)))
        << C.errSoFar();
    ASSERT_FALSE(processesMentioning(Tmp + "/").empty());
    auto Sent = std::chrono::steady_clock::now();
    ASSERT_EQ(::kill(C.pid(), Sig), 0);
    CommandResult R = C.wait(/*TimeoutSeconds=*/60);
    EXPECT_LT(std::chrono::steady_clock::now() - Sent, std::chrono::seconds(30));
    EXPECT_EQ(R.Rc, Sig == SIGINT ? 130 : 143) << R.Err;
    EXPECT_NE(R.Err.find(Sig == SIGINT ? "interrupted by SIGINT"
                                       : "interrupted by SIGTERM"),
              std::string::npos) << R.Err;
    EXPECT_EQ(R.Out, "");
    EXPECT_FALSE(llvm::sys::fs::exists(Sarif));
    for (const std::string &P : processesMentioning(Tmp + "/"))
      ADD_FAILURE() << "worker left running: " << P;
    std::error_code EC;
    EXPECT_EQ(llvm::sys::fs::directory_iterator(Tmp, EC),
              llvm::sys::fs::directory_iterator())
        << "the pool's temporary directory is left in " << Tmp;
  }
  // Nothing beside the SARIF paths either: no temporary output file.
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    EXPECT_EQ(llvm::sys::path::filename(It->path()).find("out"), llvm::StringRef::npos)
        << It->path();
}

/// "function bodies  N of M skipped" of the summary, as {N, M}.
std::pair<unsigned, unsigned> skippedBodies(const CommandResult &R) {
  std::smatch M;
  static const std::regex Row("function bodies +([0-9]+) of ([0-9]+) skipped");
  if (!std::regex_search(R.Out, M, Row))
    return {0, 0};
  return {unsigned(std::stoul(M[1])), unsigned(std::stoul(M[2]))};
}

// A shared header (under an include/ directory) whose helpers reach
// of_node_put() two calls deep, through a macro, and through a macro that
// defines the helper; and helpers no rule needs, which are skipped.
const char *const HelpersHeader = R"(#include <linux/of.h>
#define DROP_NODE(np) of_node_put(np)
#define DEFINE_DROPPER(name) \
	static inline void name(struct device_node *np) { DROP_NODE(np); }
static inline void __helper_put(struct device_node *np) { of_node_put(np); }
static inline void helper_put(struct device_node *np) { __helper_put(np); }
static inline void __helper_macro_put(struct device_node *np) { DROP_NODE(np); }
static inline void helper_macro_put(struct device_node *np) { __helper_macro_put(np); }
DEFINE_DROPPER(__helper_defined_put)
static inline void helper_defined_put(struct device_node *np) { __helper_defined_put(np); }
static inline int helper_unused_sum(int a, int b) { return a + b; }
static inline int helper_unused_twice(int a) { return helper_unused_sum(a, a); }
)";

const char *const HelpersDriver = R"(#include <linux/of.h>
#include <helpers/helpers.h>
void drv_direct(void)
{
	struct device_node *np = of_find_node_by_path("/a");
	of_node_put(np);
	helper_put(np);
}
void drv_macro(void)
{
	struct device_node *np = of_find_node_by_path("/b");
	of_node_put(np);
	helper_macro_put(np);
}
void drv_defined(void)
{
	struct device_node *np = of_find_node_by_path("/c");
	of_node_put(np);
	helper_defined_put(np);
}
)";

TEST_F(AuditTest, BodiesNoRuleReadsAreSkippedAndFindingsStay) {
  llvm::sys::fs::create_directories(Dir + "/include/helpers");
  writeFile(Dir + "/include/helpers/helpers.h", HelpersHeader);
  writeFile(Dir + "/drv.c", HelpersDriver);
  writeFile(Dir + "/bare.c", "#include <linux/of.h>\n");
  nlohmann::json Db = nlohmann::json::array();
  for (const char *File : {"drv.c", "bare.c"})
    Db.push_back({{"directory", Dir},
                  {"file", File},
                  {"arguments", {"clang-22", "-std=gnu11", "-nostdinc",
                                 "-isystem", Corpus + "/include", "-isystem",
                                 Dir + "/include", "-D__KERNEL__", "-c", File}}});
  writeFile(Dir + "/compile_commands.json", Db.dump(1));

  std::vector<std::string> Refcount{"--checks", "devlife-refcount-*"};
  auto Audit = [&](const std::string &File, bool AllBodies) {
    std::vector<std::string> Args = Refcount;
    Args.push_back(Dir + "/" + File);
    if (AllBodies)
      Args.push_back("--parse-all-bodies");
    return audit(Args);
  };
  CommandResult Skipping = Audit("drv.c", false);
  CommandResult All = Audit("drv.c", true);
  CommandResult Bare = Audit("bare.c", false);
  ASSERT_EQ(Skipping.Rc, 0) << Skipping.Err;
  ASSERT_EQ(All.Rc, 0) << All.Err;
  ASSERT_EQ(Bare.Rc, 0) << Bare.Err;
  std::multiset<std::tuple<std::string, unsigned, std::string>> Expected;
  for (unsigned Line : {7u, 13u, 19u})
    Expected.insert({Dir + "/drv.c", Line, "devlife-refcount-overput"});
  EXPECT_EQ(parseFindings(Skipping.Out), Expected) << Skipping.Out;
  EXPECT_EQ(parseFindings(All.Out), Expected) << All.Out;

  auto [Skipped, Bodies] = skippedBodies(Skipping);
  auto [BareSkipped, BareBodies] = skippedBodies(Bare);
  EXPECT_GT(BareSkipped, 0u) << Bare.Out; // of.h's unused inlines
  // helpers.h and drv.c add eleven definitions, and of them only the two
  // unused helpers go: every body on a chain to of_node_put() stays, or a
  // finding above would be missing.
  EXPECT_EQ(Bodies - BareBodies, 8u + 3u) << Skipping.Out << Bare.Out;
  EXPECT_EQ(Skipped - BareSkipped, 2u) << Skipping.Out << Bare.Out;
  EXPECT_EQ(skippedBodies(All), std::make_pair(0u, Bodies)) << All.Out;
}

TEST_F(AuditTest, SkippingBodiesChangesNoFindingOfTheCorpus) {
  auto Audit = [&](std::vector<std::string> Extra) {
    std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p",
                                  DEVLIFE_CORPUS_DB_DIR, "--quiet"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(Args);
  };
  CommandResult Skipping = Audit({"--sarif", Dir + "/skipping.sarif"});
  CommandResult All = Audit({"--sarif", Dir + "/all.sarif", "--parse-all-bodies"});
  EXPECT_EQ(Skipping.Rc, All.Rc) << Skipping.Err << All.Err;
  std::string Sarif = readFile(Dir + "/skipping.sarif");
  EXPECT_GT(Sarif.size(), 1000u);
  EXPECT_EQ(Sarif, readFile(Dir + "/all.sarif"));
  auto [Skipped, Bodies] = skippedBodies(Skipping);
  EXPECT_GT(Skipped, 0u) << Skipping.Out;
  EXPECT_EQ(skippedBodies(All), std::make_pair(0u, Bodies)) << All.Out;
}

/// The one-line summary ("devlife: 62 translation units, ..."), without
/// what differs run to run; "" when there is none.
std::string summaryLine(const std::string &Out) {
  size_t At = Out.rfind("\ndevlife: ");
  if (At == std::string::npos)
    return "";
  return Out.substr(At + 1, Out.find('\n', At + 1) - At - 1);
}

/// What the summary says was re-analysed with cross-TU summaries.
size_t reanalysed(const std::string &Out) {
  std::string Line = summaryLine(Out);
  size_t At = Line.find(" re-analysed");
  if (At == std::string::npos)
    return 0;
  size_t From = Line.rfind(' ', At - 1) + 1;
  return std::stoul(Line.substr(From, At - From));
}

/// Everything printed before the summary: the findings and their notes.
std::string findingLines(const std::string &Out) {
  size_t At = Out.rfind("\ndevlife: ");
  return At == std::string::npos ? Out : Out.substr(0, At + 1);
}

/// Sharded runs of the corpus database, and merges of their partials.
class ShardTest : public AuditTest {
protected:
  CommandResult shard(const std::string &KN, const std::string &Partial,
                      std::vector<std::string> Extra = {}) {
    std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                                  "--shard", KN, "--partial", Partial,
                                  "--progress=never"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(Args);
  }
  CommandResult merge(const std::vector<std::string> &Partials,
                      std::vector<std::string> Extra = {}) {
    std::vector<std::string> Args{DEVLIFE_BIN, "merge", "--progress=never"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    Args.insert(Args.end(), Partials.begin(), Partials.end());
    return run(Args);
  }
  /// Shards 1/3..3/3 of the corpus, made with --jobs 2.
  std::vector<std::string> threeShards() {
    std::vector<std::string> Parts;
    for (int K = 1; K <= 3; ++K) {
      std::string P = Dir + "/shard" + std::to_string(K) + ".partial";
      CommandResult R = shard(std::to_string(K) + "/3", P, {"--jobs", "2"});
      EXPECT_EQ(R.Rc, 0) << R.Err;
      EXPECT_NE(R.Out.find("devlife: shard " + std::to_string(K) + "/3: "),
                std::string::npos) << R.Out;
      Parts.push_back(P);
    }
    return Parts;
  }
  static std::vector<std::string> filesOf(const std::string &Partial) {
    std::vector<std::string> Files;
    nlohmann::json J = nlohmann::json::parse(readFile(Partial));
    for (const auto &T : J["tus"])
      Files.push_back(T["file"]);
    return Files;
  }
};

// Three shards and a merge are the one-machine audit: the same SARIF bytes,
// findings and summary counts, re-analysis rounds included (the corpus has
// cross-TU summaries, and sharding splits the files that need them).
TEST_F(ShardTest, ShardsMergedAreByteIdenticalToOneAudit) {
  CommandResult One = run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                           "--jobs", "1", "--progress=never", "--sarif",
                           Dir + "/one.sarif"});
  ASSERT_EQ(One.Rc, 0) << One.Err;
  ASSERT_GT(reanalysed(One.Out), 0u) << One.Out;
  std::vector<std::string> Parts = threeShards();
  size_t Sum = 0;
  std::set<std::string> Seen;
  for (const std::string &P : Parts)
    for (const std::string &F : filesOf(P)) {
      ++Sum;
      EXPECT_TRUE(Seen.insert(F).second) << F << " in two shards";
    }
  EXPECT_EQ(Sum, corpusFiles().size());
  CommandResult M = merge(Parts, {"--jobs", "2", "--sarif", Dir + "/merged.sarif"});
  ASSERT_EQ(M.Rc, 0) << M.Err;
  std::string Sarif = readFile(Dir + "/one.sarif");
  EXPECT_GT(Sarif.size(), 1000u);
  EXPECT_EQ(Sarif, readFile(Dir + "/merged.sarif"));
  EXPECT_EQ(findingLines(One.Out), findingLines(M.Out));
  EXPECT_EQ(summaryLine(One.Out), summaryLine(M.Out));
  EXPECT_EQ(reanalysed(M.Out), reanalysed(One.Out));
  // Partials in any order merge the same.
  ASSERT_EQ(merge({Parts[2], Parts[0], Parts[1]}, {"--sarif", Dir + "/again.sarif"}).Rc, 0);
  EXPECT_EQ(Sarif, readFile(Dir + "/again.sarif"));
}

// Which TUs a shard holds depends on the database and K/N, never on how
// many workers analysed them; nor does any byte of the SARIF.
TEST_F(ShardTest, ShardsAndSarifDoNotDependOnTheJobCount) {
  ASSERT_EQ(shard("2/3", Dir + "/j1.partial", {"--jobs", "1"}).Rc, 0);
  ASSERT_EQ(shard("2/3", Dir + "/j2.partial", {"--jobs", "2"}).Rc, 0);
  std::vector<std::string> Files = filesOf(Dir + "/j1.partial");
  EXPECT_GE(Files.size(), corpusFiles().size() / 3);
  EXPECT_LE(Files.size(), corpusFiles().size() / 3 + 1);
  EXPECT_EQ(Files, filesOf(Dir + "/j2.partial"));
  for (const char *J : {"1", "2"})
    ASSERT_EQ(run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR, "--jobs", J,
                   "--progress=never", "--sarif", Dir + "/j" + J + ".sarif"})
                  .Rc,
              0);
  EXPECT_GT(readFile(Dir + "/j1.sarif").size(), 1000u);
  EXPECT_EQ(readFile(Dir + "/j1.sarif"), readFile(Dir + "/j2.sarif"));
}

// A set of partials that is not one audit is refused, saying why, and
// writes nothing.
TEST_F(ShardTest, MergeRefusesPartialsThatAreNotOneAudit) {
  std::vector<std::string> Parts = threeShards();
  std::string Sarif = Dir + "/out.sarif";
  auto Refused = [&](const std::vector<std::string> &Set, const std::string &Why) {
    CommandResult R = merge(Set, {"--sarif", Sarif});
    EXPECT_EQ(R.Rc, 2) << R.Err;
    EXPECT_NE(R.Err.find(Why), std::string::npos) << R.Err;
    EXPECT_FALSE(llvm::sys::fs::exists(Sarif));
  };
  Refused({Parts[0], Parts[1]}, "shard(s) 3/3 missing");
  Refused({Parts[0], Parts[1], Parts[2], Parts[1]}, "shard 2/3 is given twice");

  std::string Leak = Dir + "/leak3.partial";
  ASSERT_EQ(shard("3/3", Leak, {"--checks", "devlife-refcount-leak"}).Rc, 0);
  Refused({Parts[0], Parts[1], Leak}, "made with other checks (devlife-refcount-leak)");

  std::string Half = Dir + "/half.partial";
  ASSERT_EQ(shard("1/2", Half).Rc, 0);
  Refused({Parts[0], Parts[1], Parts[2], Half}, "another split");

  std::string Old = Dir + "/old.partial";
  auto J = nlohmann::json::parse(readFile(Parts[2]));
  J["format"] = "devlife-partial/0";
  writeFile(Old, J.dump());
  Refused({Parts[0], Parts[1], Old}, "format 'devlife-partial/0'");
  writeFile(Old, "{\"format\": ");
  Refused({Parts[0], Parts[1], Old}, "no devlife partial");
  Refused({Parts[0], Parts[1], Dir + "/nosuch.partial"}, "nosuch.partial");

  EXPECT_EQ(shard("4/3", Dir + "/x.partial").Rc, 2);
  EXPECT_EQ(shard("0/3", Dir + "/x.partial").Rc, 2);
  CommandResult NoPartial = run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                                 "--shard", "1/3"});
  EXPECT_EQ(NoPartial.Rc, 2);
  EXPECT_NE(NoPartial.Err.find("--partial"), std::string::npos) << NoPartial.Err;
}

// Merge parses TUs again and reads sources: a tree that is not there is an
// error up front, not a SARIF that silently differs.
TEST_F(ShardTest, MergeWithoutTheTreeSaysSo) {
  std::string Src = Dir + "/gone.c";
  writeFile(Src, "int f(void) { return 0; }\n");
  writeDb({LeakFile, Src});
  std::string P1 = Dir + "/1.partial", P2 = Dir + "/2.partial";
  for (auto [KN, P] : {std::pair{"1/2", P1}, std::pair{"2/2", P2}})
    ASSERT_EQ(run({DEVLIFE_BIN, "audit", "-p", Dir, "--shard", KN, "--partial", P}).Rc, 0);
  ASSERT_EQ(merge({P1, P2}).Rc, 0);
  llvm::sys::fs::remove(Src);
  CommandResult R = merge({P1, P2});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("gone.c does not exist: merge re-analyses"), std::string::npos)
      << R.Err;
}

/// Sparse's CHECKFLAGS, as Kbuild puts them before the compiler's flags.
const std::vector<std::string> CheckFlags = {
    "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise",
    "-Wno-return-void", "-Wno-unknown-attribute", "-D__x86_64__", "--arch=x86",
    "-mlittle-endian", "-m64"};

/// `cd Corpus && devlife check ARGS... CHECKFLAGS c_flags FILE`, as Kbuild
/// runs $(CHECK) from the top of the tree.
CommandResult check(const std::string &File, const std::vector<std::string> &Ours) {
  std::string Cmd = "cd '" + Corpus + "' && exec '" DEVLIFE_BIN "' check";
  for (const std::string &A : Ours)
    Cmd += " '" + A + "'";
  for (const std::string &A : CheckFlags)
    Cmd += " " + A;
  Cmd += " -std=gnu11 -nostdinc -isystem include -D__KERNEL__ " +
         File.substr(Corpus.size() + 1);
  return run({"/bin/sh", "-c", Cmd});
}

// Kbuild's C=2: a check per file prints that file's findings on stderr as
// the build goes and leaves a one-file partial; merging the directory of
// partials gives the audit's SARIF, cross-file findings included.
TEST_F(ShardTest, KbuildChecksMergedAreTheAudit) {
  std::string Parts = Dir + "/partials";
  for (const std::string &F : corpusFiles()) {
    CommandResult R = check(F, {"--partial-dir", Parts});
    ASSERT_EQ(R.Rc, 0) << F << "\n" << R.Err;
    EXPECT_EQ(R.Out, "");
    if (F == LeakFile) {
      EXPECT_GT(parseWarnings(R.Err, Corpus).size(), 0u) << R.Err;
      EXPECT_NE(R.Err.find("of_find_nodes.c:"), std::string::npos) << R.Err;
    }
  }
  std::vector<std::string> Partials;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Parts, EC), End; It != End && !EC;
       It.increment(EC))
    Partials.push_back(It->path());
  ASSERT_EQ(Partials.size(), corpusFiles().size());
  // The same file checked again (C=1 after an edit) replaces its partial.
  ASSERT_EQ(check(LeakFile, {"--partial-dir", Parts}).Rc, 0);
  size_t After = 0;
  for (llvm::sys::fs::directory_iterator It(Parts, EC), End; It != End && !EC;
       It.increment(EC))
    ++After;
  EXPECT_EQ(After, Partials.size());

  CommandResult One = run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                           "--source-root", Corpus, "--progress=never", "--sarif",
                           Dir + "/one.sarif"});
  ASSERT_EQ(One.Rc, 0) << One.Err;
  CommandResult M = merge(Partials, {"--sarif", Dir + "/merged.sarif"});
  ASSERT_EQ(M.Rc, 0) << M.Err;
  EXPECT_GT(reanalysed(M.Out), 0u) << M.Out;
  EXPECT_EQ(readFile(Dir + "/one.sarif"), readFile(Dir + "/merged.sarif"));
  EXPECT_EQ(summaryLine(One.Out), summaryLine(M.Out));

  // Any set of files merges (no shard numbers to complete), but a file
  // twice, or a shard among them, does not.
  ASSERT_EQ(merge({Partials[0], Partials[1]}).Rc, 0);
  writeFile(Dir + "/copy.partial", readFile(Partials[0]));
  CommandResult Twice = merge({Partials[0], Partials[1], Dir + "/copy.partial"});
  EXPECT_EQ(Twice.Rc, 2);
  EXPECT_NE(Twice.Err.find("is in two partials"), std::string::npos) << Twice.Err;
  ASSERT_EQ(shard("1/3", Dir + "/s.partial").Rc, 0);
  CommandResult Mixed = merge({Partials[0], Dir + "/s.partial"});
  EXPECT_EQ(Mixed.Rc, 2);
  EXPECT_NE(Mixed.Err.find("do not merge"), std::string::npos) << Mixed.Err;
  // The check's own usage errors.
  CommandResult NoFile = run({DEVLIFE_BIN, "check", "-O2"});
  EXPECT_EQ(NoFile.Rc, 2);
  EXPECT_NE(NoFile.Err.find("the last argument must be the C file"), std::string::npos);
}

// The compiler stand-in `audit --kernel-tree` puts first in make's PATH:
// a compile of a C file under the paths is recorded and not run (exit 1,
// no object); anything else runs the real compiler (here echo), with its
// arguments and its status.
TEST_F(AuditTest, KernelTreeRecorderRecordsCompilesAndPassesTheRestThrough) {
  std::string Records = Dir + "/records", Tree = Dir + "/tree";
  ASSERT_FALSE(llvm::sys::fs::create_directories(Records));
  ASSERT_FALSE(llvm::sys::fs::create_directories(Tree + "/drivers/of"));
  ASSERT_FALSE(llvm::sys::fs::create_directories(Tree + "/kernel"));
  writeFile(Tree + "/drivers/of/base.c", "int x;\n");
  writeFile(Tree + "/kernel/fork.c", "int y;\n");
  std::map<std::string, std::string> Env = {
      {"DEVLIFE_KBUILD_REAL_CC", "/bin/echo"},
      {"DEVLIFE_KBUILD_CC_NAME", "clang-22"},
      {"DEVLIFE_KBUILD_RECORDS", Records},
      {"DEVLIFE_KBUILD_UNDER", Tree + "/drivers/of"}};
  auto Cc = [&](const std::string &Args) {
    return run({"/bin/sh", "-c", "cd '" + Tree + "' && exec '" DEVLIFE_BIN "' kbuild-cc " + Args},
               Env);
  };
  CommandResult Rec = Cc("-DKBUILD_MODNAME='\"base\"' -c -o drivers/of/base.o drivers/of/base.c");
  EXPECT_EQ(Rec.Rc, 1) << Rec.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(Tree + "/drivers/of/base.o"));
  std::vector<nlohmann::json> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Records, EC), End; It != End && !EC;
       It.increment(EC))
    Found.push_back(nlohmann::json::parse(readFile(It->path())));
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0]["file"], Tree + "/drivers/of/base.c");
  EXPECT_EQ(Found[0]["directory"], Tree);
  EXPECT_EQ(Found[0]["arguments"],
            nlohmann::json({"clang-22", "-DKBUILD_MODNAME=\"base\"", "-c", "-o",
                            "drivers/of/base.o", "drivers/of/base.c"}));
  // Outside the paths, a probe, preprocessing: the real compiler's.
  for (const char *Args : {"-c -o kernel/fork.o kernel/fork.c",
                           "-Werror -c -x c /dev/null -o /tmp/probe", "-dumpversion"}) {
    CommandResult R = Cc(Args);
    EXPECT_EQ(R.Rc, 0) << Args << R.Err;
    EXPECT_EQ(R.Out, std::string(Args) + "\n");
  }
  // Run by hand, it says what it is for.
  CommandResult Alone = run({DEVLIFE_BIN, "kbuild-cc", "-c", "x.c"});
  EXPECT_EQ(Alone.Rc, 2);
  EXPECT_NE(Alone.Err.find("--kernel-tree"), std::string::npos);
}

// A tree that is not configured and prepared is refused before make runs.
TEST_F(AuditTest, KernelTreeMustBePrepared) {
  CommandResult R = run({DEVLIFE_BIN, "audit", "--kernel-tree", Dir});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("has no .config: configure and prepare the tree first"),
            std::string::npos) << R.Err;
  CommandResult Both = run({DEVLIFE_BIN, "audit", "--kernel-tree", Dir, "-p", Dir});
  EXPECT_EQ(Both.Rc, 2);
  EXPECT_NE(Both.Err.find("one of them"), std::string::npos) << Both.Err;
}

TEST_F(AuditTest, SarifIsByteIdenticalWhateverTheJobCount) {
  std::vector<std::string> Files = corpusFiles();
  writeDb(Files);
  ASSERT_EQ(audit({"--jobs", "1", "--sarif", Dir + "/one.sarif"}).Rc, 0);
  ASSERT_EQ(audit({"--jobs", "3", "--sarif", Dir + "/three.sarif"}).Rc, 0);
  std::string One = readFile(Dir + "/one.sarif");
  EXPECT_GT(One.size(), 1000u);
  EXPECT_EQ(One, readFile(Dir + "/three.sarif"));
}

// Microsoft's SARIF multitool, both the SARIF rules and GitHub's (Gh). The
// corpus has suppressed findings: kept, they carry `suppressions` too.
TEST_F(AuditTest, SarifPassesTheMultitoolValidator) {
  writeDb(corpusFiles());
  ASSERT_EQ(audit({"--sarif", Dir + "/corpus.sarif", "--keep-suppressed"}).Rc, 0);
  EXPECT_NE(readFile(Dir + "/corpus.sarif").find("\"inSource\""), std::string::npos);
  CommandResult V = run({"/bin/bash", DEVLIFE_SOURCE_DIR "/tests/sarif/validate-sarif.sh",
                         Dir + "/corpus.sarif"});
  EXPECT_EQ(V.Rc, 0) << V.Out << V.Err;
}

/// The first number the summary's Pattern (a regex with one group) gives,
/// or -1 if it is not there.
long summaryCount(const CommandResult &R, const std::string &Pattern) {
  std::smatch M;
  if (!std::regex_search(R.Out, M, std::regex(Pattern)))
    return -1;
  return std::stol(M[1].str());
}
long fromCache(const CommandResult &R) {
  return summaryCount(
      R, R"((?:^|\n)devlife: \d+ translation units, \d+ failed, (\d+) from cache,)");
}
long reanalysesFromCache(const CommandResult &R) {
  return summaryCount(R, R"(translation units and (\d+) re-analyses from )");
}
/// What a run reported, without the summary table (its times differ).
std::string findingsOf(const CommandResult &R) {
  if (R.Out.rfind("devlife: ", 0) == 0)
    return "";
  return R.Out.substr(0, R.Out.find("\ndevlife: "));
}

std::vector<std::string> filesIn(const std::string &Dir, llvm::StringRef Prefix) {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::path::filename(It->path()).starts_with(Prefix))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  return Files;
}

/// An audit with the cache in a directory of the test's own.
class CacheTest : public AuditTest {
protected:
  CommandResult cachedAudit(std::vector<std::string> Extra = {}) {
    Extra.insert(Extra.begin(), {"--cache-dir", cacheDir()});
    return audit(Extra);
  }
  std::string cacheDir() const { return Dir + "/cache"; }
  /// A copy of a corpus case under the test's directory, for editing.
  std::string copyCase(const std::string &CorpusFile, const std::string &Name) {
    std::string Copy = Dir + "/" + Name;
    EXPECT_FALSE(llvm::sys::fs::copy_file(CorpusFile, Copy));
    return Copy;
  }
  void append(const std::string &File, const std::string &Text) {
    writeFile(File, readFile(File) + Text);
  }
};

// The whole corpus twice: the second run starts no worker for any TU, nor
// for the re-analyses of the global phase, and its SARIF is the first's to
// the byte.
TEST_F(CacheTest, SecondRunHitsForEveryTUWithByteIdenticalSarif) {
  std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR,
                                "--jobs", "2", "--cache-dir", cacheDir(),
                                "--sarif"};
  auto Run = [&](const std::string &Sarif) {
    std::vector<std::string> A = Args;
    A.push_back(Sarif);
    return run(A);
  };
  CommandResult First = Run(Dir + "/first.sarif");
  ASSERT_EQ(First.Rc, 0) << First.Err;
  EXPECT_EQ(fromCache(First), 0) << First.Out;
  CommandResult Second = Run(Dir + "/second.sarif");
  ASSERT_EQ(Second.Rc, 0) << Second.Err;
  long TUs = summaryCount(Second, R"((?:^|\n)devlife: (\d+) translation units)");
  EXPECT_EQ(TUs, long(corpusFiles().size()));
  EXPECT_EQ(fromCache(Second), TUs) << Second.Out;
  // (The corpus's files need no re-analysis; the next test's do.)
  long Reanalysed = summaryCount(Second, R"( (\d+) re-analysed with)");
  EXPECT_GE(reanalysesFromCache(Second), Reanalysed) << Second.Out;
  EXPECT_EQ(summaryCount(First, R"( (\d+) re-analysed with)"), Reanalysed);
  std::string One = readFile(Dir + "/first.sarif");
  EXPECT_GT(One.size(), 1000u);
  EXPECT_EQ(One, readFile(Dir + "/second.sarif"));
  EXPECT_EQ(findingsOf(First), findingsOf(Second));
  EXPECT_EQ(Second.Err.find("cache entry"), std::string::npos) << Second.Err;
}

// An edit to one file costs that file's analysis; the others, and the
// re-analysis of user.c with a learned model the edit left as it was, come
// from the cache.
TEST_F(CacheTest, EditingOneFileAnalysesThatFileAgainOnly) {
  std::string Leak = copyCase(LeakFile, "leak.c");
  std::string Overput = copyCase(OverputFile, "overput.c");
  std::string Provider = Dir + "/provider.c", User = Dir + "/user.c";
  writeFile(Provider, "#include <linux/of.h>\n"
                      "struct device_node *board_get_port(struct device_node *np)\n"
                      "{\n\treturn of_get_child_by_name(np, \"port\");\n}\n");
  writeFile(User, "#include <linux/of.h>\n"
                  "struct device_node *board_get_port(struct device_node *np);\n"
                  "int board_has_port(struct device_node *np)\n{\n"
                  "\tstruct device_node *port = board_get_port(np);\n\n"
                  "\treturn port != NULL;\n}\n");
  writeDb({Leak, Overput, Provider, User});
  CommandResult First = cachedAudit();
  ASSERT_EQ(First.Rc, 0) << First.Err;
  EXPECT_EQ(fromCache(First), 0);
  EXPECT_EQ(reanalysesFromCache(First), 0);
  EXPECT_EQ(warnings(First, User), 1u) << First.Out;

  append(Leak, "/* edited */\n");
  CommandResult Second = cachedAudit();
  ASSERT_EQ(Second.Rc, 0) << Second.Err;
  EXPECT_EQ(fromCache(Second), 3) << Second.Out;
  EXPECT_EQ(reanalysesFromCache(Second), 1) << Second.Out;
  EXPECT_EQ(findingsOf(First), findingsOf(Second));

  // A finding more in the edited file: its facts are new, not the old ones.
  append(Overput, "int extra_put(struct device_node *parent)\n{\n"
                  "\tstruct device_node *np = of_get_child_by_name(parent, \"x\");\n\n"
                  "\tif (!np)\n\t\treturn -ENODEV;\n"
                  "\tof_node_put(np);\n\tof_node_put(np);\n\treturn 0;\n}\n");
  CommandResult Third = cachedAudit();
  ASSERT_EQ(Third.Rc, 0) << Third.Err;
  EXPECT_EQ(fromCache(Third), 3) << Third.Out;
  EXPECT_EQ(warnings(Third, Overput), warnings(First, Overput) + 1) << Third.Out;
}

// leak.c includes board.h, overput.c does not: editing board.h costs
// leak.c's analysis, and what leak.c finds follows the header.
TEST_F(CacheTest, EditingAHeaderInvalidatesTheFilesThatIncludeIt) {
  std::string Header = Dir + "/board.h";
  writeFile(Header, "#define board_drop(np) of_node_put(np)\n");
  std::string Leak = Dir + "/leak.c";
  writeFile(Leak, "#include <linux/of.h>\n#include \"board.h\"\n"
                  "int board_count(struct device_node *np)\n{\n"
                  "\tstruct device_node *c = of_get_child_by_name(np, \"c\");\n\n"
                  "\tif (!c)\n\t\treturn 0;\n"
                  "\tboard_drop(c);\n\treturn 1;\n}\n");
  std::string Overput = copyCase(OverputFile, "overput.c");
  writeDb({Leak, Overput});
  CommandResult First = cachedAudit();
  ASSERT_EQ(First.Rc, 0) << First.Err;
  EXPECT_EQ(warnings(First, Leak), 0u) << First.Out;
  ASSERT_EQ(fromCache(cachedAudit()), 2);

  writeFile(Header, "#define board_drop(np) do { } while (0)\n");
  CommandResult Edited = cachedAudit();
  ASSERT_EQ(Edited.Rc, 0) << Edited.Err;
  EXPECT_EQ(fromCache(Edited), 1) << Edited.Out;
  EXPECT_EQ(warnings(Edited, Leak), 1u) << Edited.Out;
  EXPECT_EQ(warnings(Edited, Overput), warnings(First, Overput));
}

// A facts entry cut short and a manifest full of garbage: each is named in
// a warning and analysed again, the results are those of an audit without
// the cache, and the entries are good again afterwards.
TEST_F(CacheTest, CorruptEntriesAreReportedAndIgnored) {
  std::string Leak = copyCase(LeakFile, "leak.c");
  std::string Overput = copyCase(OverputFile, "overput.c");
  writeDb({Leak, Overput});
  CommandResult Uncached = audit({"--no-cache", "--sarif", Dir + "/uncached.sarif"});
  ASSERT_EQ(Uncached.Rc, 0) << Uncached.Err;
  ASSERT_EQ(cachedAudit().Rc, 0);
  std::vector<std::string> Facts = filesIn(cacheDir(), "llvmcache-f-");
  std::vector<std::string> Manifests = filesIn(cacheDir(), "llvmcache-m-");
  ASSERT_EQ(Facts.size(), 2u);
  ASSERT_EQ(Manifests.size(), 2u);
  // The manifest of one TU, the facts of the other: each is met.
  std::string Manifest = Manifests[0];
  // "devlife-cache/1 manifest\nfacts NAME\n..."
  std::string Named = llvm::StringRef(readFile(Manifest)).split("facts ").second
                          .split('\n').first.str();
  std::string Other = Facts[0] == cacheDir() + "/" + Named ? Facts[1] : Facts[0];
  std::string Entry = readFile(Other);
  writeFile(Other, Entry.substr(0, Entry.size() / 2));
  writeFile(Manifest, "\x7f" "ELF garbage");

  CommandResult R = cachedAudit({"--sarif", Dir + "/cached.sarif"});
  EXPECT_EQ(R.Rc, 0) << R.Err;
  EXPECT_NE(R.Err.find("warning: cache entry " + Other + " ignored: its "
                       "checksum does not match"),
            std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("warning: cache entry " + Manifest + " ignored: not a "
                       "'devlife-cache/1 manifest'"),
            std::string::npos) << R.Err;
  EXPECT_EQ(fromCache(R), 0) << R.Out;
  EXPECT_EQ(findingsOf(R), findingsOf(Uncached));
  auto Results = [&](const std::string &File) {
    return nlohmann::json::parse(readFile(File))["runs"][0]["results"];
  };
  EXPECT_EQ(Results(Dir + "/cached.sarif"), Results(Dir + "/uncached.sarif"));

  CommandResult Again = cachedAudit();
  EXPECT_EQ(fromCache(Again), 2) << Again.Out;
  EXPECT_EQ(Again.Err.find("cache entry"), std::string::npos) << Again.Err;
}

// --no-cache neither reads nor writes, wherever the cache would be; without
// it the default place is $XDG_CACHE_HOME/devlife.
TEST_F(CacheTest, NoCacheWritesNothing) {
  writeDb({LeakFile});
  std::string Xdg = Dir + "/xdg";
  CommandResult Off = audit({"--no-cache", "--cache-dir", cacheDir()},
                            {{"XDG_CACHE_HOME", Xdg}});
  ASSERT_EQ(Off.Rc, 0) << Off.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(cacheDir()));
  CommandResult Default = audit({"--no-cache"}, {{"XDG_CACHE_HOME", Xdg}});
  ASSERT_EQ(Default.Rc, 0) << Default.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(Xdg));
  EXPECT_TRUE(std::regex_search(Default.Out, std::regex("\n  cache +off\n")))
      << Default.Out;

  CommandResult On = audit({}, {{"XDG_CACHE_HOME", Xdg}});
  ASSERT_EQ(On.Rc, 0) << On.Err;
  EXPECT_EQ(filesIn(Xdg + "/devlife", "llvmcache-f-").size(), 1u);
  EXPECT_EQ(fromCache(audit({}, {{"XDG_CACHE_HOME", Xdg}})), 1);
}

// --cache-size bounds the directory: pruned to 1 KiB, which no facts entry
// fits in, nothing is left to hit. A size that is none is a usage error.
TEST_F(CacheTest, CacheSizeBoundsTheDirectory) {
  std::string Leak = copyCase(LeakFile, "leak.c");
  writeDb({Leak});
  ASSERT_EQ(cachedAudit().Rc, 0);
  ASSERT_EQ(filesIn(cacheDir(), "llvmcache-f-").size(), 1u);
  ASSERT_EQ(fromCache(cachedAudit()), 1);
  llvm::sys::fs::remove(cacheDir() + "/llvmcache.timestamp"); // prune now
  append(Leak, "/* edited */\n");
  CommandResult Small = cachedAudit({"--cache-size", "1k"});
  ASSERT_EQ(Small.Rc, 0) << Small.Err;
  EXPECT_EQ(filesIn(cacheDir(), "llvmcache-f-").size(), 0u);
  EXPECT_EQ(fromCache(cachedAudit()), 0);
  CommandResult Bad = cachedAudit({"--cache-size", "lots"});
  EXPECT_EQ(Bad.Rc, 2);
  EXPECT_NE(Bad.Err.find("--cache-size"), std::string::npos) << Bad.Err;
}

// A TU with compiler errors is analysed every time: the header it misses
// may appear (a generated one), and nothing in its entry would notice.
TEST_F(CacheTest, FilesWithCompilerErrorsAreNotCached) {
  std::string Broken = Dir + "/broken.c";
  writeFile(Broken, "#include \"generated.h\"\nint f(void) { return GENERATED; }\n");
  writeDb({LeakFile, Broken});
  EXPECT_EQ(cachedAudit().Rc, 3);
  writeFile(Dir + "/generated.h", "#define GENERATED 1\n");
  CommandResult R = cachedAudit();
  EXPECT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(fromCache(R), 1) << R.Out;
}

} // namespace
} // namespace devlife::test
