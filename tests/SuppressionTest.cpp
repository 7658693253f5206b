//===- SuppressionTest.cpp - NOLINT in the audit, as in clang-tidy --------===//
//
// Which comments suppress what is checked in corpus/devlife-refcount-
// overput/nolint.c, through both front ends. Here: what the audit does
// with suppressed findings and with comments that are wrong or unused.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife::test {
namespace {

/// A function that puts its node twice: devlife-refcount-overput at the
/// second put, which carries Comment (and Before goes on the line above).
std::string doublePut(const std::string &Name, const std::string &Comment,
                      const std::string &Before = "") {
  return "static void " + Name +
         "(struct device_node *parent)\n{\n"
         "\tstruct device_node *np = of_get_child_by_name(parent, \"n\");\n\n"
         "\tif (!np)\n\t\treturn;\n\tof_node_put(np);\n" +
         Before + "\tof_node_put(np);" + (Comment.empty() ? "" : " " + Comment) +
         "\n}\n\n";
}

const std::string Prelude = "#include <linux/kernel.h>\n#include <linux/of.h>\n\n";

class SuppressionTest : public ::testing::Test {
protected:
  void SetUp() override { Dir = makeTempDir("devlife-suppression-test"); }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  /// Writes Dir/drv.c and a compile database for it.
  void writeSource(const std::string &Text) {
    File = Dir + "/drv.c";
    writeFile(File, Text);
    nlohmann::json Db = nlohmann::json::array();
    Db.push_back({{"directory", DEVLIFE_CORPUS_DIR},
                  {"file", File},
                  {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                                 "include", "-D__KERNEL__", "-c", File}}});
    writeFile(Dir + "/compile_commands.json", Db.dump());
  }
  CommandResult audit(std::vector<std::string> Extra = {}) {
    std::vector<std::string> Args{DEVLIFE_BIN, "audit", "-p", Dir, "--no-cache"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return run(Args);
  }
  nlohmann::json sarif(std::vector<std::string> Extra = {}) {
    Extra.insert(Extra.end(), {"--sarif", Dir + "/out.sarif"});
    CommandResult R = audit(Extra);
    EXPECT_TRUE(R.Rc == 0 || R.Rc == 3) << R.Err;
    return nlohmann::json::parse(readFile(Dir + "/out.sarif"));
  }
  /// The line of the first occurrence of Text in the source, 1-based.
  unsigned lineOf(const std::string &Text) {
    std::string Src = readFile(File);
    return 1 + std::count(Src.begin(), Src.begin() + Src.find(Text), '\n');
  }
  std::string Dir, File;
};

TEST_F(SuppressionTest, SuppressedFindingsAreNeitherPrintedNorCounted) {
  writeSource(Prelude + doublePut("quiet", "// NOLINT(devlife-refcount-overput)"));
  CommandResult R = audit({"--fail-on", "warning"});
  EXPECT_EQ(R.Rc, 0) << R.Out << R.Err;
  EXPECT_EQ(R.Out.find("warning:"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("; 0 findings\n"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("  suppressed                     1 finding(s), by NOLINT comments"),
            std::string::npos)
      << R.Out;
}

TEST_F(SuppressionTest, SarifLeavesThemOutUnlessAskedToKeepThem) {
  writeSource(Prelude + doublePut("quiet", "/* NOLINT(devlife-refcount-*) */") +
              doublePut("loud", ""));
  nlohmann::json Default = sarif();
  const nlohmann::json &Results = Default["runs"][0]["results"];
  ASSERT_EQ(Results.size(), 1u);
  EXPECT_FALSE(Results[0].contains("suppressions"));
  EXPECT_EQ(Results[0]["locations"][0]["logicalLocations"][0]["name"], "loud");

  nlohmann::json Kept = sarif({"--keep-suppressed"});
  const nlohmann::json &All = Kept["runs"][0]["results"];
  ASSERT_EQ(All.size(), 2u);
  const nlohmann::json *Suppressed = nullptr;
  for (const nlohmann::json &Res : All)
    if (Res.contains("suppressions"))
      Suppressed = &Res;
  ASSERT_NE(Suppressed, nullptr);
  const nlohmann::json &S = (*Suppressed)["suppressions"];
  ASSERT_EQ(S.size(), 1u);
  EXPECT_EQ(S[0]["kind"], "inSource");
  // The suppression points at its comment: the "N" of NOLINT.
  unsigned Line = lineOf("NOLINT(devlife-refcount-*)");
  EXPECT_EQ(S[0]["location"]["physicalLocation"]["region"]["startLine"], Line);
  std::string LineText = readFile(File);
  size_t LineStart = 0;
  for (unsigned L = 1; L < Line; ++L)
    LineStart = LineText.find('\n', LineStart) + 1;
  EXPECT_EQ(S[0]["location"]["physicalLocation"]["region"]["startColumn"],
            LineText.find("NOLINT(devlife-refcount-*)", LineStart) - LineStart + 1);
  EXPECT_EQ((*Suppressed)["locations"][0]["physicalLocation"]["region"]["startLine"],
            Line);
  EXPECT_EQ((*Suppressed)["ruleId"], "devlife-refcount-overput");
}

// clang-tidy reports a NOLINTBEGIN without its NOLINTEND as an error and
// suppresses nothing with it; the audit does the same, and exits 3.
TEST_F(SuppressionTest, AnUnmatchedBeginIsAnErrorAsInClangTidy) {
  writeSource(Prelude +
              doublePut("open_block", "", "\t// NOLINTBEGIN(devlife-refcount-overput)\n"));
  unsigned Begin = lineOf("NOLINTBEGIN"), Put = Begin + 1;
  std::string Error = "drv.c:" + std::to_string(Begin) +
                      ":5: error: unmatched 'NOLINTBEGIN' comment without a "
                      "subsequent 'NOLINTEND' comment [clang-tidy-nolint]";
  std::string Warning = "drv.c:" + std::to_string(Put) + ":2: warning: ";

  CommandResult A = audit({"--sarif", Dir + "/out.sarif"});
  EXPECT_EQ(A.Rc, 3) << A.Out << A.Err;
  EXPECT_NE(A.Err.find(Error), std::string::npos) << A.Err;
  EXPECT_NE(A.Out.find(Warning), std::string::npos) << A.Out;
  nlohmann::json S = nlohmann::json::parse(readFile(Dir + "/out.sarif"));
  EXPECT_EQ(S["runs"][0]["results"].size(), 1u);
  bool Notified = false;
  for (const nlohmann::json &N :
       S["runs"][0]["invocations"][0]["toolExecutionNotifications"])
    Notified |= N["level"] == "error" &&
                N["locations"][0]["physicalLocation"]["region"]["startLine"] == Begin;
  EXPECT_TRUE(Notified) << S.dump(1);

  CommandResult T = run({DEVLIFE_CLANG_TIDY, "--load=" DEVLIFE_TIDY_MODULE,
                         "--checks=-*,devlife-*", "-p", Dir, File});
  EXPECT_NE(T.Rc, 0);
  EXPECT_NE(T.Out.find(Error), std::string::npos) << T.Out;
  EXPECT_NE(T.Out.find(Warning), std::string::npos) << T.Out;
}

TEST_F(SuppressionTest, UnusedSuppressionsAreReportedOnRequest) {
  writeSource(Prelude + doublePut("used", "// NOLINT(devlife-refcount-overput)") +
              "static int a; // NOLINT(devlife-refcount-overput)\n"
              "static int b; // NOLINT\n"
              "static int c; // NOLINT(bugprone-foo)\n"
              "static int d; // NOLINT(devlife-lock-order-inversion)\n"
              "// NOLINTBEGIN(devlife-refcount-*)\n"
              "static int e;\n"
              "// NOLINTEND(devlife-refcount-*)\n");
  CommandResult Quiet = audit();
  EXPECT_EQ(Quiet.Err.find("suppresses no finding"), std::string::npos) << Quiet.Err;

  CommandResult R =
      audit({"--report-unused-suppressions", "--checks", "devlife-refcount-*"});
  EXPECT_EQ(R.Rc, 0) << R.Err;
  std::string Unused = "static int a; // NOLINT(devlife-refcount-overput)";
  EXPECT_NE(R.Err.find("drv.c:" + std::to_string(lineOf(Unused)) +
                       ":18: warning: NOLINT(devlife-refcount-overput) "
                       "suppresses no finding"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("drv.c:" + std::to_string(lineOf("// NOLINTBEGIN")) +
                       ":4: warning: NOLINTBEGIN(devlife-refcount-*) "
                       "suppresses no finding"),
            std::string::npos)
      << R.Err;
  // Bare NOLINT and other tools' checks may serve another linter; a rule
  // that did not run cannot have been suppressed. The used one is used.
  size_t Reports = 0;
  for (size_t At = R.Err.find("suppresses no finding"); At != std::string::npos;
       At = R.Err.find("suppresses no finding", At + 1))
    ++Reports;
  EXPECT_EQ(Reports, 2u) << R.Err;

  CommandResult All = audit({"--report-unused-suppressions"});
  EXPECT_NE(All.Err.find("NOLINT(devlife-lock-order-inversion) suppresses no finding"),
            std::string::npos)
      << All.Err;
}

} // namespace
} // namespace devlife::test
