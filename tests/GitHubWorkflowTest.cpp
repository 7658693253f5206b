//===- GitHubWorkflowTest.cpp - integrations/github/devlife.yml as run ----===//
//
// The workflow cannot run here, but its devlife steps can: the audit step's
// and the review step's scripts are run with bash in a little tree laid out
// as the workflow lays out its workspace (devlife built in .devlife/build,
// the tree's compile_commands.json at the top), and the upload step must
// name the file and the category the audit wrote.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>

namespace devlife::test {
namespace {

using nlohmann::json;

const std::string Corpus = DEVLIFE_CORPUS_DIR;
const std::string Workflow =
    std::string(DEVLIFE_SOURCE_DIR) + "/integrations/github/devlife.yml";

json toJson(llvm::yaml::Node *N) {
  if (auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N)) {
    llvm::SmallString<64> Storage;
    return S->getValue(Storage).str();
  }
  if (auto *B = llvm::dyn_cast_or_null<llvm::yaml::BlockScalarNode>(N))
    return B->getValue().str();
  if (auto *M = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(N)) {
    json J = json::object();
    for (llvm::yaml::KeyValueNode &KV : *M)
      J[toJson(KV.getKey()).get<std::string>()] = toJson(KV.getValue());
    return J;
  }
  if (auto *Seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(N)) {
    json A = json::array();
    for (llvm::yaml::Node &E : *Seq)
      A.push_back(toJson(&E));
    return A;
  }
  return nullptr;
}

json workflow() {
  llvm::SourceMgr SM;
  std::string Text = readFile(Workflow);
  llvm::yaml::Stream S(Text, SM);
  auto Doc = S.begin();
  EXPECT_FALSE(S.failed());
  return Doc == S.end() ? json() : toJson(Doc->getRoot());
}

json stepUsing(const json &W, const std::string &Prefix) {
  for (const json &Step : W["jobs"]["devlife"]["steps"])
    if (Step.contains("uses") && Step["uses"].get<std::string>().rfind(Prefix, 0) == 0)
      return Step;
  return nullptr;
}

json stepNamed(const json &W, const std::string &Name) {
  for (const json &Step : W["jobs"]["devlife"]["steps"])
    if (Step.value("name", "") == Name)
      return Step;
  return nullptr;
}

/// A tree of one driver with five leaks, laid out as the workflow's
/// workspace: devlife at .devlife/build/devlife.
class GitHubWorkflowTest : public ::testing::Test {
protected:
  void SetUp() override {
    W = workflow();
    ASSERT_TRUE(W.is_object()) << "the workflow does not parse";
    Tree = makeTempDir("devlife-workflow-test");
    llvm::sys::fs::create_directories(Tree + "/.devlife/build");
    llvm::sys::fs::create_link(DEVLIFE_BIN, Tree + "/.devlife/build/devlife");
    llvm::sys::fs::create_directories(Tree + "/drivers/demo");
    writeFile(Tree + "/drivers/demo/demo.c",
              readFile(Corpus + "/devlife-refcount-leak/of_find_nodes.c"));
    json Db = {{{"directory", Tree},
                {"file", "drivers/demo/demo.c"},
                {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                               Corpus + "/include", "-D__KERNEL__", "-c",
                               "drivers/demo/demo.c"}}}};
    writeFile(Tree + "/compile_commands.json", Db.dump(1));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Tree); }

  /// A step's script, as the runner would run it in the workspace with the
  /// workflow's env (DEVLIFE_PATHS set to this tree's driver).
  CommandResult runStep(const std::string &Name, std::map<std::string, std::string> Env = {},
                        const std::string &BaseRef = "main") {
    json Step = stepNamed(W, Name);
    EXPECT_TRUE(Step.is_object()) << Name;
    std::string Script = Step.value("run", "");
    // The one GitHub expression the review step uses.
    Script = std::regex_replace(Script, std::regex(R"(\$\{\{ github\.base_ref \}\})"), BaseRef);
    std::map<std::string, std::string> Vars;
    for (auto It = W["env"].begin(); It != W["env"].end(); ++It)
      Vars[It.key()] = It.value().get<std::string>();
    Vars["DEVLIFE_PATHS"] = "drivers/demo/";
    Vars["GITHUB_WORKSPACE"] = Tree;
    for (const auto &[K, V] : Env)
      Vars[K] = V;
    return run({"/bin/bash", "-e", "-c", "cd '" + Tree + "'\n" + Script}, Vars);
  }

  json W;
  std::string Tree;
};

TEST_F(GitHubWorkflowTest, TriggersAndPermissions) {
  EXPECT_TRUE(W["on"].contains("push"));
  EXPECT_TRUE(W["on"].contains("pull_request"));
  EXPECT_EQ(W["permissions"]["security-events"], "write");
  EXPECT_EQ(W["jobs"]["devlife"]["container"], "debian:12");
}

TEST_F(GitHubWorkflowTest, TheAuditStepWritesWhatTheUploadStepUploads) {
  CommandResult R = runStep("Audit");
  ASSERT_EQ(R.Rc, 0) << R.Out << R.Err;
  json Upload = stepUsing(W, "github/codeql-action/upload-sarif@");
  ASSERT_TRUE(Upload.is_object());
  std::string File = Upload["with"]["sarif_file"];
  EXPECT_EQ(Upload["with"]["category"], "${{ env.DEVLIFE_CATEGORY }}");
  json Log = json::parse(readFile(Tree + "/" + File));
  ASSERT_EQ(Log["runs"].size(), 1u) << "one run, one category";
  std::string Category = W["env"]["DEVLIFE_CATEGORY"];
  EXPECT_EQ(Log["runs"][0]["automationDetails"]["id"], Category + "/");
  EXPECT_EQ(Log["runs"][0]["results"].size(), 5u);
  EXPECT_EQ(Log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"],
            "drivers/demo/demo.c")
      << "relative to the repository, as GitHub wants";
}

TEST_F(GitHubWorkflowTest, TheAuditStepUploadsWhatItCouldAnalyse) {
  // A file that does not parse: exit 3, the step still succeeds, the
  // others' findings are in the SARIF.
  json Db = json::parse(readFile(Tree + "/compile_commands.json"));
  writeFile(Tree + "/drivers/demo/broken.c", "int broken(void) { return }\n");
  json Broken = Db[0];
  Broken["file"] = "drivers/demo/broken.c";
  Broken["arguments"].back() = "drivers/demo/broken.c";
  Db.push_back(Broken);
  writeFile(Tree + "/compile_commands.json", Db.dump(1));
  CommandResult R = runStep("Audit");
  EXPECT_EQ(R.Rc, 0) << R.Out << R.Err;
  json Log = json::parse(readFile(Tree + "/devlife.sarif"));
  EXPECT_EQ(Log["runs"][0]["results"].size(), 5u);
  EXPECT_FALSE(Log["runs"][0]["invocations"][0]["executionSuccessful"].get<bool>());
}

TEST_F(GitHubWorkflowTest, TheReviewStepReportsWhatThePullRequestAdds) {
  auto Git = llvm::sys::findProgramByName("git");
  ASSERT_TRUE(bool(Git));
  auto G = [&](std::vector<std::string> Args) {
    Args.insert(Args.begin(), {*Git, "-C", Tree, "-c", "user.name=T", "-c",
                               "user.email=t@example.org"});
    CommandResult R = run(Args);
    EXPECT_EQ(R.Rc, 0) << R.Err;
  };
  writeFile(Tree + "/.gitignore", ".devlife/\ncompile_commands.json\ndevlife.sarif\n");
  G({"init", "-q", "-b", "main"});
  G({"add", "-A"});
  G({"commit", "-q", "-m", "base"});
  G({"update-ref", "refs/remotes/origin/main", "main"}); // what checkout fetches
  G({"checkout", "-q", "-b", "pr"});
  std::string C = Tree + "/drivers/demo/demo.c";
  std::string Text = readFile(C);
  const std::string PutAndReturn = "\tof_node_put(np);\n\treturn ret;";
  Text.replace(Text.find(PutAndReturn), PutAndReturn.size(), "\treturn ret;");
  writeFile(C, Text);
  G({"commit", "-q", "-am", "drop a put"});
  CommandResult R = runStep("Review what the pull request adds");
  ASSERT_EQ(R.Rc, 0) << R.Out << R.Err;
  auto Warnings = parseWarnings(R.Out, Tree);
  ASSERT_EQ(Warnings.size(), 1u) << R.Out;
  EXPECT_EQ(std::get<0>(*Warnings.begin()), C);
  EXPECT_EQ(runStep("Review what the pull request adds",
                    {{"DEVLIFE_REVIEW_FAIL_ON", "warning"}})
                .Rc,
            1);
}

TEST_F(GitHubWorkflowTest, EveryDevlifeOptionItUsesExists) {
  std::regex Call(R"(devlife (audit|review|merge)\b)");
  for (const json &Step : W["jobs"]["devlife"]["steps"]) {
    std::string Script = Step.value("run", "");
    std::smatch M;
    if (!std::regex_search(Script, M, Call))
      continue;
    std::string Help = run({DEVLIFE_BIN, M[1].str(), "--help"}).Out;
    std::string Rest = M.suffix();
    std::regex Opt(R"((^|[\s+])--([a-z-]+))");
    for (std::sregex_iterator It(Rest.begin(), Rest.end(), Opt), End; It != End; ++It) {
      std::string Name = (*It)[2].str();
      EXPECT_TRUE(std::regex_search(Help, std::regex("\\s--" + Name + "[=\\s]")))
          << "devlife " << M[1] << " has no --" << Name;
    }
  }
}

} // namespace
} // namespace devlife::test
