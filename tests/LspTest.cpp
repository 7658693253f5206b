//===- LspTest.cpp - `devlife lsp` over stdin and stdout, as an editor talks ===//
//
// A real exchange with the server process: initialize, didOpen, didSave,
// publishDiagnostics, codeAction (and applying its edit), shutdown, exit.
// The messages are framed and read here independently of devlife's own
// parser. Reads wait at most two minutes, to end a hung test, not to time it.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include <csignal>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace devlife::test {
namespace {

using nlohmann::json;

/// The server process and the client's end of its pipes.
class LspClient {
public:
  LspClient(const std::vector<std::string> &Args, const std::string &CacheHome) {
    int In[2], Out[2];
    if (pipe(In) != 0 || pipe(Out) != 0)
      return;
    Pid = fork();
    if (Pid == 0) {
      dup2(In[0], STDIN_FILENO);
      dup2(Out[1], STDOUT_FILENO);
      for (int Fd : {In[0], In[1], Out[0], Out[1]})
        close(Fd);
      setenv("XDG_CACHE_HOME", CacheHome.c_str(), 1);
      std::vector<char *> Argv;
      for (const std::string &A : Args)
        Argv.push_back(const_cast<char *>(A.c_str()));
      Argv.push_back(nullptr);
      execv(Argv[0], Argv.data());
      _exit(127);
    }
    close(In[0]);
    close(Out[1]);
    ToServer = In[1];
    FromServer = Out[0];
  }
  ~LspClient() {
    if (Pid > 0 && !Reaped) {
      kill(Pid, SIGKILL);
      waitpid(Pid, nullptr, 0);
    }
    closeInput();
    if (FromServer >= 0)
      close(FromServer);
  }

  void sendRaw(const std::string &Bytes) {
    ASSERT_EQ(write(ToServer, Bytes.data(), Bytes.size()), ssize_t(Bytes.size()));
  }
  void send(const json &Message) {
    std::string Body = Message.dump();
    sendRaw("Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body);
  }
  void request(int Id, const std::string &Method, const json &Params = json::object()) {
    send({{"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", Params}});
  }
  void notify(const std::string &Method, const json &Params = json::object()) {
    send({{"jsonrpc", "2.0"}, {"method", Method}, {"params", Params}});
  }

  /// The next message; null if the server closed its output or hung.
  json receive() {
    while (true) {
      size_t HeaderEnd = Buffer.find("\r\n\r\n");
      if (HeaderEnd != std::string::npos) {
        std::string Header = Buffer.substr(0, HeaderEnd);
        size_t At = Header.find("Content-Length: ");
        EXPECT_NE(At, std::string::npos) << Header;
        size_t Length = std::stoul(Header.substr(At + 16));
        if (Buffer.size() >= HeaderEnd + 4 + Length) {
          json J = json::parse(Buffer.substr(HeaderEnd + 4, Length));
          Buffer.erase(0, HeaderEnd + 4 + Length);
          return J;
        }
      }
      pollfd P{FromServer, POLLIN, 0};
      if (poll(&P, 1, 120 * 1000) <= 0)
        return nullptr;
      char Chunk[4096];
      ssize_t N = read(FromServer, Chunk, sizeof(Chunk));
      if (N <= 0)
        return nullptr;
      Buffer.append(Chunk, size_t(N));
    }
  }
  /// Messages until the response to Id, which is returned; Seen gets the rest.
  json response(int Id, std::vector<json> *Seen = nullptr) {
    for (json J = receive(); !J.is_null(); J = receive()) {
      if (J.contains("id") && J["id"] == Id && !J.contains("method"))
        return J;
      if (Seen)
        Seen->push_back(J);
    }
    ADD_FAILURE() << "no response to request " << Id;
    return nullptr;
  }
  /// Messages until a notification of Method.
  json notification(const std::string &Method, std::vector<json> *Seen = nullptr) {
    for (json J = receive(); !J.is_null(); J = receive()) {
      if (J.value("method", "") == Method)
        return J;
      if (Seen)
        Seen->push_back(J);
    }
    ADD_FAILURE() << "no " << Method;
    return nullptr;
  }

  void closeInput() {
    if (ToServer >= 0)
      close(ToServer);
    ToServer = -1;
  }
  /// The exit code, once the process ends.
  int exitCode() {
    closeInput();
    int Status = 0;
    waitpid(Pid, &Status, 0);
    Reaped = true;
    return WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
  }

private:
  pid_t Pid = -1;
  bool Reaped = false;
  int ToServer = -1, FromServer = -1;
  std::string Buffer;
};

const std::string Prelude = "#include <linux/kernel.h>\n#include <linux/of.h>\n\n";
// Leaks child on the early return (a fix-it puts it there); the second
// leak is suppressed by its NOLINT.
const std::string Leaky = Prelude +
                          "static int foo_parse(struct device_node *np)\n"
                          "{\n"
                          "\tstruct device_node *child;\n"
                          "\n"
                          "\tfor_each_child_of_node(np, child) {\n"
                          "\t\tif (of_property_read_bool(child, \"broken\"))\n"
                          "\t\t\treturn -EINVAL;\n"
                          "\t}\n"
                          "\treturn 0;\n"
                          "}\n"
                          "\n"
                          "static bool foo_quiet(void)\n"
                          "{\n"
                          "\tstruct device_node *np = of_find_node_by_path(\"/q\");\n"
                          "\n"
                          "\treturn np != NULL; // NOLINT(devlife-refcount-leak)\n"
                          "}\n";
const unsigned LeakLine = 10; // "return -EINVAL;", 1-based

/// Applies an LSP TextEdit list (ASCII text, so characters are bytes).
std::string applyEdits(std::string Text, json Edits) {
  auto offset = [&](const json &Pos) {
    size_t At = 0;
    for (int L = 0; L < Pos["line"].get<int>(); ++L)
      At = Text.find('\n', At) + 1;
    return At + Pos["character"].get<size_t>();
  };
  std::sort(Edits.begin(), Edits.end(), [&](const json &A, const json &B) {
    return offset(A["range"]["start"]) > offset(B["range"]["start"]);
  });
  for (const json &E : Edits) {
    size_t Begin = offset(E["range"]["start"]), End = offset(E["range"]["end"]);
    Text.replace(Begin, End - Begin, E["newText"].get<std::string>());
  }
  return Text;
}

class LspTest : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = makeTempDir("devlife-lsp-test");
    File = Dir + "/drivers/foo.c";
    llvm::sys::fs::create_directories(Dir + "/drivers");
    llvm::sys::fs::create_directories(Dir + "/build");
    writeFile(File, Leaky);
    // In build/ beside the tree: found without -p, as clangd finds it.
    json Db = json::array();
    Db.push_back({{"directory", DEVLIFE_CORPUS_DIR},
                  {"file", File},
                  {"arguments", {"clang-22", "-std=gnu11", "-nostdinc", "-isystem",
                                 "include", "-D__KERNEL__", "-c", File}}});
    writeFile(Dir + "/build/compile_commands.json", Db.dump());
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::unique_ptr<LspClient> start(std::vector<std::string> Extra = {}) {
    std::vector<std::string> Args{DEVLIFE_BIN, "lsp"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return std::make_unique<LspClient>(Args, Dir + "/cache");
  }
  json initialize(LspClient &C) {
    C.request(1, "initialize",
              {{"processId", nullptr},
               {"rootUri", "file://" + Dir},
               {"capabilities", json::object()}});
    json R = C.response(1);
    C.notify("initialized");
    return R;
  }
  json open(LspClient &C) {
    C.notify("textDocument/didOpen",
             {{"textDocument",
               {{"uri", uri()}, {"languageId", "c"}, {"version", 1}, {"text", readFile(File)}}}});
    return C.notification("textDocument/publishDiagnostics");
  }
  std::string uri() const { return "file://" + File; }
  std::string Dir, File;
};

TEST_F(LspTest, PublishesFindingsOnOpenAndSaveAndFixesThemByCodeAction) {
  auto C = start();
  json Init = initialize(*C);
  ASSERT_TRUE(Init.contains("result")) << Init.dump();
  const json &Caps = Init["result"]["capabilities"];
  EXPECT_EQ(Caps["textDocumentSync"]["openClose"], true);
  EXPECT_EQ(Caps["textDocumentSync"]["save"].is_object(), true);
  EXPECT_EQ(Caps["codeActionProvider"]["codeActionKinds"], json({"quickfix"}));
  EXPECT_EQ(Caps["positionEncoding"], "utf-16");
  EXPECT_EQ(Init["result"]["serverInfo"]["name"], "devlife");

  json Published = open(*C);
  ASSERT_FALSE(Published.is_null());
  EXPECT_EQ(Published["params"]["uri"], uri());
  EXPECT_EQ(Published["params"]["version"], 1);
  const json &Diags = Published["params"]["diagnostics"];
  // The leak is there; the NOLINT one is not.
  ASSERT_EQ(Diags.size(), 1u) << Published.dump(1);
  const json &D = Diags[0];
  EXPECT_EQ(D["source"], "devlife");
  EXPECT_EQ(D["code"], "devlife-refcount-leak");
  EXPECT_EQ(D["severity"], 2);
  EXPECT_EQ(D["range"]["start"]["line"], LeakLine - 1);
  EXPECT_EQ(D["range"]["start"]["character"], 3); // after three tabs
  EXPECT_EQ(D["range"]["end"]["character"], 9);   // "return"
  EXPECT_NE(D["message"].get<std::string>().find("child"), std::string::npos) << D.dump();
  EXPECT_EQ(D["codeDescription"]["href"].get<std::string>().substr(0, 8), "https://");
  // The code flow as related information: where the reference came from.
  ASSERT_TRUE(D.contains("relatedInformation")) << D.dump(1);
  bool Acquired = false;
  for (const json &R : D["relatedInformation"]) {
    EXPECT_EQ(R["location"]["uri"], uri());
    Acquired |= R["location"]["range"]["start"]["line"] == 7 &&
                R["message"] == "reference acquired from of_get_next_child()";
  }
  EXPECT_TRUE(Acquired) << D["relatedInformation"].dump(1);

  // The fix-it, as a quick fix for the diagnostic's range.
  C->request(2, "textDocument/codeAction",
             {{"textDocument", {{"uri", uri()}}},
              {"range", D["range"]},
              {"context", {{"diagnostics", {D}}}}});
  json Actions = C->response(2);
  ASSERT_EQ(Actions["result"].size(), 1u) << Actions.dump(1);
  const json &A = Actions["result"][0];
  EXPECT_EQ(A["kind"], "quickfix");
  EXPECT_EQ(A["diagnostics"][0]["code"], "devlife-refcount-leak");
  const json &Edits = A["edit"]["changes"][uri()];
  ASSERT_FALSE(Edits.empty()) << A.dump(1);
  std::string Fixed = applyEdits(readFile(File), Edits);
  EXPECT_NE(Fixed.find("of_node_put(child);"), std::string::npos) << Fixed;

  // A range with no finding has no action.
  C->request(3, "textDocument/codeAction",
             {{"textDocument", {{"uri", uri()}}},
              {"range", {{"start", {{"line", 0}, {"character", 0}}},
                         {"end", {{"line", 0}, {"character", 1}}}}},
              {"context", {{"diagnostics", json::array()}}}});
  EXPECT_EQ(C->response(3)["result"], json::array());

  // Saved with the fix applied, the file is analysed again from disk.
  writeFile(File, Fixed);
  C->notify("textDocument/didSave", {{"textDocument", {{"uri", uri()}}}});
  json AfterSave = C->notification("textDocument/publishDiagnostics");
  EXPECT_EQ(AfterSave["params"]["diagnostics"], json::array()) << AfterSave.dump(1);

  // And the bug back in: found again on the next save.
  writeFile(File, Leaky);
  C->notify("textDocument/didSave", {{"textDocument", {{"uri", uri()}}}});
  EXPECT_EQ(C->notification("textDocument/publishDiagnostics")["params"]["diagnostics"].size(),
            1u);

  C->notify("textDocument/didClose", {{"textDocument", {{"uri", uri()}}}});
  EXPECT_EQ(C->notification("textDocument/publishDiagnostics")["params"]["diagnostics"],
            json::array());

  C->request(4, "shutdown");
  json Down = C->response(4);
  EXPECT_TRUE(Down.contains("result") && Down["result"].is_null()) << Down.dump();
  C->notify("exit");
  EXPECT_EQ(C->exitCode(), 0);
}

TEST_F(LspTest, BadMessagesGetErrorsAndTheServerGoesOn) {
  auto C = start({"-p", Dir + "/build"});
  // Before initialize, a request is refused.
  C->request(7, "textDocument/codeAction");
  EXPECT_EQ(C->response(7)["error"]["code"], -32002);
  initialize(*C);
  C->request(8, "devlife/noSuchMethod");
  json Unknown = C->response(8);
  EXPECT_EQ(Unknown["error"]["code"], -32601);
  EXPECT_NE(Unknown["error"]["message"].get<std::string>().find("devlife/noSuchMethod"),
            std::string::npos);
  // A body that is not JSON: a parse error without an id.
  C->sendRaw("Content-Length: 9\r\n\r\n{\"jsonrpc");
  json Parse = C->receive();
  EXPECT_EQ(Parse["error"]["code"], -32700) << Parse.dump();
  EXPECT_TRUE(Parse["id"].is_null());
  // A header without Content-Length: skipped with an error.
  C->sendRaw("Content-Type: x\r\n\r\n");
  EXPECT_EQ(C->receive()["error"]["code"], -32700);
  // A request without a method.
  C->send({{"jsonrpc", "2.0"}, {"id", 9}});
  EXPECT_EQ(C->response(9)["error"]["code"], -32600);
  // Unknown notifications are ignored; the server still answers.
  C->notify("$/cancelRequest", {{"id", 8}});
  C->notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  json Published = open(*C);
  EXPECT_EQ(Published["params"]["diagnostics"].size(), 1u) << Published.dump(1);
  C->request(10, "shutdown");
  C->response(10);
  // After shutdown, requests are invalid.
  C->request(11, "textDocument/codeAction");
  EXPECT_EQ(C->response(11)["error"]["code"], -32600);
  C->notify("exit");
  EXPECT_EQ(C->exitCode(), 0);
}

TEST_F(LspTest, ExitWithoutShutdownExitsOne) {
  auto C = start();
  initialize(*C);
  C->notify("exit");
  EXPECT_EQ(C->exitCode(), 1);
  auto D = start();
  initialize(*D);
  D->closeInput(); // the editor went away
  EXPECT_EQ(D->exitCode(), 1);
}

TEST_F(LspTest, AFileWithoutACompileCommandIsSaidOnce) {
  std::string Other = Dir + "/other.c";
  writeFile(Other, Leaky);
  auto C = start();
  initialize(*C);
  C->notify("textDocument/didOpen",
            {{"textDocument",
              {{"uri", "file://" + Other}, {"languageId", "c"}, {"version", 1}, {"text", Leaky}}}});
  std::vector<json> Seen;
  json Published = C->notification("textDocument/publishDiagnostics", &Seen);
  EXPECT_EQ(Published["params"]["diagnostics"], json::array());
  ASSERT_EQ(Seen.size(), 1u);
  EXPECT_EQ(Seen[0]["method"], "window/showMessage");
  EXPECT_NE(Seen[0]["params"]["message"].get<std::string>().find(
                "no compile command for " + Other),
            std::string::npos)
      << Seen[0].dump();
  C->request(2, "shutdown");
  C->response(2);
  C->notify("exit");
  EXPECT_EQ(C->exitCode(), 0);
}

TEST_F(LspTest, UnknownOptionsAreRefused) {
  CommandResult R = run({DEVLIFE_BIN, "lsp", "--checks", "devlife-nosuchrule"});
  EXPECT_EQ(R.Rc, 2);
  EXPECT_NE(R.Err.find("devlife-nosuchrule"), std::string::npos) << R.Err;
}

} // namespace
} // namespace devlife::test
