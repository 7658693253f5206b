//===- ReviewTest.cpp - `devlife review` on a little git repository -------===//
//
// A tree of one driver (drivers/demo/demo.c, a local header, a compile
// database the way a kernel tree has one: untracked, at the top) and a
// patch that both breaks one function (a put dropped on an early return)
// and edits another that already leaked, so the baseline and the changed
// lines each have something to leave out.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace devlife::test {
namespace {

const std::string Corpus = DEVLIFE_CORPUS_DIR;

const std::string DemoH = R"(/* demo.h */
static inline void demo_put_clk(struct device_node *np)
{
	of_node_put(np);
}
)";

const std::string DemoC = R"(// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/of.h>
#include "demo.h"

struct demo_priv {
	u32 rate;
};

static int demo_read_rate(struct demo_priv *priv)
{
	struct device_node *np;
	int ret;

	np = of_find_compatible_node(NULL, NULL, "acme,demo-clk");
	if (!np)
		return -ENODEV;

	ret = of_property_read_u32(np, "clock-frequency", &priv->rate);
	if (ret) {
		of_node_put(np);
		return ret;
	}

	demo_put_clk(np);
	return 0;
}

static bool demo_has_mode(void)
{
	struct device_node *np;

	np = of_find_node_by_name(NULL, "demo-mode");
	if (!np)
		return false;

	return of_property_read_bool(np, "acme,fast");
}
)";

class ReviewTest : public ::testing::Test {
protected:
  void SetUp() override {
    Repo = makeTempDir("devlife-review-test");
    C = Repo + "/drivers/demo/demo.c";
    H = Repo + "/drivers/demo/demo.h";
    auto G = llvm::sys::findProgramByName("git");
    ASSERT_TRUE(bool(G)) << "git is needed";
    Git = *G;
    llvm::sys::fs::create_directories(Repo + "/drivers/demo");
    nlohmann::json Db = {{{"directory", Repo},
                          {"file", "drivers/demo/demo.c"},
                          {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                                         Corpus + "/include", "-D__KERNEL__", "-c",
                                         "drivers/demo/demo.c"}}}};
    writeFile(Repo + "/compile_commands.json", Db.dump(1));
    writeFile(Repo + "/.gitignore", "compile_commands.json\n");
    writeFile(C, DemoC);
    writeFile(H, DemoH);
    git({"init", "-q", "-b", "main"});
    commit("demo: add the driver");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Repo); }

  CommandResult git(std::vector<std::string> Args) {
    Args.insert(Args.begin(), {Git, "-C", Repo, "-c", "user.name=T", "-c",
                               "user.email=t@example.org"});
    CommandResult R = run(Args);
    EXPECT_EQ(R.Rc, 0) << R.Err;
    return R;
  }
  void commit(const std::string &Message) {
    git({"add", "-A"});
    git({"commit", "-q", "-m", Message});
  }
  void edit(const std::string &File, const std::string &Old, const std::string &New) {
    std::string Text = readFile(File);
    size_t At = Text.find(Old);
    ASSERT_NE(At, std::string::npos) << Old;
    writeFile(File, Text.replace(At, Old.size(), New));
  }
  /// The patch: demo_read_rate() loses its put on the error return (a new
  /// leak at "return ret;", line 23 after it); demo_has_mode(), which
  /// leaked before at line 37, gets its lookup edited (a step of its code
  /// flow) and moves to line 38.
  void breakIt() {
    edit(C, "// SPDX-License-Identifier: GPL-2.0\n",
         "// SPDX-License-Identifier: GPL-2.0\n/* Demo driver. */\n\n");
    edit(C, "\tif (ret) {\n\t\tof_node_put(np);\n\t\treturn ret;\n",
         "\tif (ret) {\n\t\treturn ret;\n");
    edit(C, "\"demo-mode\"", "\"acme,demo-mode\"");
  }
  CommandResult review(std::vector<std::string> Extra) {
    std::vector<std::string> Args{DEVLIFE_BIN, "review"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    Args.insert(Args.end(), {"-p", Repo, "--jobs", "1", "--progress", "never"});
    return run(Args);
  }
  std::vector<std::pair<std::string, unsigned>> warnings(const CommandResult &R) {
    std::vector<std::pair<std::string, unsigned>> Out;
    for (const auto &W : parseWarnings(R.Out))
      Out.push_back({std::get<0>(W), std::get<1>(W)});
    return Out;
  }
  using Places = std::vector<std::pair<std::string, unsigned>>;

  std::string Repo, Git, C, H;
};

TEST_F(ReviewTest, ReportsWhatTheCommitAddsAndNothingElse) {
  breakIt();
  commit("demo: simplify");
  CommandResult R = review({"HEAD~1..HEAD"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R), (Places{{C, 23}})) << R.Out;
  EXPECT_NE(R.Out.find("demo.c:23:3: warning: reference from of_find_compatible_node() "
                       "is not released by of_node_put() on this path "
                       "[devlife-refcount-leak]"),
            std::string::npos)
      << R.Out;
  // demo_has_mode()'s leak is old: the baseline left it out, though the
  // patch touched its path.
  EXPECT_NE(R.Out.find("; 1 findings (1 known, 0 off the changed lines, left out)"),
            std::string::npos)
      << R.Out;
  EXPECT_NE(R.Err.find("devlife: review "), std::string::npos);
  EXPECT_NE(R.Err.find(": 1 file(s) changed, 1 translation unit(s) to audit (1 at the "
                       "old revision)"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(review({"HEAD~1..HEAD", "--fail-on", "warning"}).Rc, 1);
}

TEST_F(ReviewTest, TheChangedLinesAloneWouldBlameThePatchForAnOldLeak) {
  breakIt();
  commit("demo: simplify");
  writeFile(Repo + "/patch.diff", git({"diff", "HEAD~1", "HEAD"}).Out);
  CommandResult R = run({DEVLIFE_BIN, "audit", "-p", Repo, "--jobs", "1", "--progress",
                         "never", "--changed-lines", Repo + "/patch.diff"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R), (Places{{C, 23}, {C, 38}})) << R.Out;
}

TEST_F(ReviewTest, ARangeOfSeveralCommitsAndTheSymmetricForm) {
  git({"checkout", "-q", "-b", "topic"});
  breakIt();
  commit("demo: simplify");
  edit(C, "struct demo_priv {\n", "/* private data */\nstruct demo_priv {\n");
  commit("demo: comment");
  CommandResult Two = review({"main..topic"});
  ASSERT_EQ(Two.Rc, 0) << Two.Err;
  EXPECT_EQ(warnings(Two), (Places{{C, 24}})) << Two.Out;
  CommandResult Symmetric = review({"main...topic"});
  EXPECT_EQ(warnings(Symmetric), (Places{{C, 24}})) << Symmetric.Out;
  CommandResult Last = review({"topic~1..topic"});
  EXPECT_TRUE(warnings(Last).empty()) << "a comment adds no leak\n" << Last.Out;
}

TEST_F(ReviewTest, OneRevisionReviewsTheWorkingTree) {
  breakIt(); // not committed
  CommandResult R = review({"HEAD"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R), (Places{{C, 23}})) << R.Out;
  EXPECT_NE(R.Err.find("..(working tree)"), std::string::npos) << R.Err;
}

TEST_F(ReviewTest, TheNewRevisionNeedNotBeCheckedOut) {
  breakIt();
  commit("demo: simplify");
  git({"checkout", "-q", "HEAD~1"}); // the working tree is the old one
  CommandResult R = review({"HEAD..main"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R), (Places{{C, 23}})) << R.Out;
  // What it read was git's, not the disk's.
  EXPECT_EQ(readFile(C), DemoC);
}

// demo_put_clk() stops putting: demo_read_rate() now leaks on its success
// path, in a file the commit did not change. Only the header can have made
// that finding new, so it is reported though it is on no changed line.
TEST_F(ReviewTest, AChangedHeaderReviewsTheFilesThatIncludeIt) {
  edit(H, "\tof_node_put(np);\n", "\t(void)np;\n");
  commit("demo: forget a put in the header");
  CommandResult R = review({"HEAD~1..HEAD"});
  ASSERT_EQ(R.Rc, 0) << R.Err;
  EXPECT_EQ(warnings(R), (Places{{C, 26}})) << R.Out << R.Err;
  EXPECT_NE(R.Err.find("1 file(s) changed, 1 translation unit(s)"), std::string::npos)
      << R.Err;
}

TEST_F(ReviewTest, ARangeThatTouchesNoTranslationUnit) {
  writeFile(Repo + "/README", "docs\n");
  commit("docs");
  CommandResult R = review({"HEAD~1..HEAD"});
  EXPECT_EQ(R.Rc, 0) << R.Err;
  EXPECT_NE(R.Out.find("nothing to review"), std::string::npos) << R.Out;
}

TEST_F(ReviewTest, BadRangesAndPlacesAreUsageErrors) {
  CommandResult Bad = review({"nosuchrev..HEAD"});
  EXPECT_EQ(Bad.Rc, 2);
  EXPECT_NE(Bad.Err.find("review: 'nosuchrev' is not a revision of"), std::string::npos)
      << Bad.Err;
  std::string NotARepo = makeTempDir("devlife-review-norepo");
  CommandResult NoGit = run({DEVLIFE_BIN, "review", "HEAD", "-p", NotARepo});
  EXPECT_EQ(NoGit.Rc, 2);
  EXPECT_NE(NoGit.Err.find("is not in a git repository"), std::string::npos) << NoGit.Err;
  llvm::sys::fs::remove_directories(NotARepo);
}

} // namespace
} // namespace devlife::test
