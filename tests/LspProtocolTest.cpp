//===- LspProtocolTest.cpp - Framing, URIs, positions and the server logic ===//
#include "integrations/lsp/Protocol.h"
#include "integrations/lsp/Server.h"

#include <gtest/gtest.h>

namespace devlife::lsp {
namespace {

using nlohmann::json;

std::string framed(const std::string &Body) {
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

TEST(LspFraming, SplitsMessagesAndKeepsAPartialOne) {
  std::string Two = framed("{\"a\":1}") + framed("{\"b\":2}");
  std::string Partial = framed("{\"c\":3}").substr(0, 25);
  Frames F = parseFrames(Two + Partial);
  ASSERT_EQ(F.Bodies.size(), 2u);
  EXPECT_EQ(F.Bodies[0], "{\"a\":1}");
  EXPECT_EQ(F.Bodies[1], "{\"b\":2}");
  EXPECT_TRUE(F.Errors.empty());
  EXPECT_EQ(F.Consumed, Two.size());
  // A header alone, its body still on the way.
  Frames H = parseFrames("Content-Length: 10\r\n\r\n{}");
  EXPECT_TRUE(H.Bodies.empty());
  EXPECT_EQ(H.Consumed, 0u);
}

TEST(LspFraming, ReadsOtherHeadersAndBareLineFeeds) {
  Frames F = parseFrames("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                         "content-length: 2\r\n\r\n{}"
                         "Content-Length: 2\n\n[]");
  ASSERT_EQ(F.Bodies.size(), 2u);
  EXPECT_EQ(F.Bodies[1], "[]");
}

TEST(LspFraming, SkipsMalformedHeadersAndReadsOn) {
  std::string Next = framed("{}");
  Frames F = parseFrames("Content-Type: x\r\n\r\n" + Next +
                         "Content-Length: many\r\n\r\n" + Next + "garbage\r\n\r\n" + Next);
  EXPECT_EQ(F.Bodies.size(), 3u);
  ASSERT_EQ(F.Errors.size(), 3u);
  EXPECT_EQ(F.Errors[0], "message header without Content-Length");
  EXPECT_EQ(F.Errors[1], "Content-Length is not a number: 'many'");
  EXPECT_EQ(F.Errors[2], "malformed header line 'garbage'");
  Frames Huge = parseFrames("Content-Length: 999999999999\r\n\r\n");
  EXPECT_EQ(Huge.Errors.size(), 1u);
}

TEST(LspFraming, AnyBytesAreSafe) {
  const char *Inputs[] = {"", "\r\n", "Content-Length:", "Content-Length: -1\r\n\r\n",
                          "::::\n\n", "Content-Length: 3\r\n\r\nab", "\n\n\n"};
  for (const char *In : Inputs) {
    Frames F = parseFrames(In);
    EXPECT_LE(F.Consumed, std::string(In).size());
  }
}

TEST(LspFraming, FrameWritesTheBodyLength) {
  EXPECT_EQ(frame(json{{"k", "é"}}), "Content-Length: 10\r\n\r\n{\"k\":\"é\"}");
}

TEST(LspUris, FileUrisRoundTrip) {
  EXPECT_EQ(pathOfUri("file:///a%20b/c.c"), std::optional<std::string>("/a b/c.c"));
  EXPECT_EQ(pathOfUri("file://localhost/x.c"), std::optional<std::string>("/x.c"));
  EXPECT_EQ(pathOfUri("untitled:1"), std::nullopt);
  EXPECT_EQ(pathOfUri("file:///bad%2"), std::nullopt);
  EXPECT_EQ(uriOfPath("/a b/c+d.c"), "file:///a%20b/c%2Bd.c");
  EXPECT_EQ(pathOfUri(uriOfPath("/x/é [1].c")), std::optional<std::string>("/x/é [1].c"));
}

TEST(LspPositions, ByteColumnsBecomeUtf16OrUtf8Characters) {
  // "é" is two bytes and one UTF-16 unit; "😀" four bytes and two units.
  LineTable T("int a;\n/* é */ x;\n/* 😀 */ y;\r\nz");
  EXPECT_EQ(T.position(1, 5, Encoding::Utf16), json({{"line", 0}, {"character", 4}}));
  EXPECT_EQ(T.position(2, 10, Encoding::Utf16), json({{"line", 1}, {"character", 8}}));
  EXPECT_EQ(T.position(2, 10, Encoding::Utf8), json({{"line", 1}, {"character", 9}}));
  EXPECT_EQ(T.position(3, 12, Encoding::Utf16), json({{"line", 2}, {"character", 9}}));
  EXPECT_EQ(T.position(4, 1, Encoding::Utf16), json({{"line", 3}, {"character", 0}}));
  // The range underlines the identifier at the point, else one character.
  EXPECT_EQ(T.range(1, 1, Encoding::Utf16)["end"]["character"], 3);
  EXPECT_EQ(T.range(1, 6, Encoding::Utf16)["end"]["character"], 6);
}

/// A server with a fake analysis: every file has Found.
struct Harness {
  std::vector<json> Sent;
  std::vector<std::string> Analysed;
  FileReport Found;
  std::map<std::string, std::string> Files;
  Server S{ServerHooks{
      [this](const std::string &F) {
        Analysed.push_back(F);
        return Found;
      },
      [this](const json &M) { Sent.push_back(M); },
      [this](const std::string &F) -> std::optional<std::string> {
        auto It = Files.find(F);
        if (It == Files.end())
          return std::nullopt;
        return It->second;
      },
      [](const std::string &Id) { return "https://example.org/" + Id + ".md"; },
      "1.0"}};
  void send(const json &J) { S.handle(J.dump()); }
  json last() { return Sent.empty() ? json() : Sent.back(); }
};

TEST(LspServer, InitializeNegotiatesUtf8WhenOffered) {
  Harness H;
  H.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
          {"params", {{"capabilities",
                       {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}}}}}});
  EXPECT_EQ(H.last()["result"]["capabilities"]["positionEncoding"], "utf-8");
  H.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "initialize"}, {"params", json::object()}});
  EXPECT_EQ(H.last()["error"]["code"], InvalidRequest);
}

TEST(LspServer, DiagnosticsCarryNotesAndFixesBecomeActions) {
  Harness H;
  H.Files["/src/a.c"] = "int f(void)\n{\n\treturn x;\n}\n";
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Message = "leaks";
  F.Where = {"/src/a.c", 3, 2};
  F.Path = {PathStep{{"/src/a.c", 1, 5}, "acquired here"}};
  F.Related = {PathStep{{"/src/b.h", 2, 1}, "also here"}};
  F.Fixes = {Edit{{"/src/a.c", 3, 2}, {"/src/a.c", 3, 2}, "put(x);\n\t"}};
  Finding Header = F;
  Header.Where.File = "/src/b.h"; // not the file's: not published for it
  H.Found.Findings = {F, Header};
  H.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  H.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
          {"params", {{"textDocument", {{"uri", "file:///src/a.c"}, {"version", 4}, {"text", ""}}}}}});
  ASSERT_EQ(H.Analysed, std::vector<std::string>{"/src/a.c"});
  json P = H.last()["params"];
  EXPECT_EQ(P["version"], 4);
  ASSERT_EQ(P["diagnostics"].size(), 1u);
  json D = P["diagnostics"][0];
  EXPECT_EQ(D["range"], json({{"start", {{"line", 2}, {"character", 1}}},
                               {"end", {{"line", 2}, {"character", 7}}}}));
  EXPECT_EQ(D["codeDescription"]["href"], "https://example.org/devlife-refcount-leak.md");
  ASSERT_EQ(D["relatedInformation"].size(), 2u);
  EXPECT_EQ(D["relatedInformation"][0]["message"], "acquired here");
  EXPECT_EQ(D["relatedInformation"][1]["location"]["uri"], "file:///src/b.h");

  H.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "textDocument/codeAction"},
          {"params", {{"textDocument", {{"uri", "file:///src/a.c"}}},
                      {"range", D["range"]},
                      {"context", {{"diagnostics", {D}}, {"only", {"refactor"}}}}}}});
  EXPECT_EQ(H.last()["result"], json::array()); // not the kind asked for
  H.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "textDocument/codeAction"},
          {"params", {{"textDocument", {{"uri", "file:///src/a.c"}}},
                      {"range", D["range"]},
                      {"context", {{"diagnostics", {D}}}}}}});
  json A = H.last()["result"];
  ASSERT_EQ(A.size(), 1u);
  EXPECT_EQ(A[0]["edit"]["changes"]["file:///src/a.c"][0]["newText"], "put(x);\n\t");
  EXPECT_EQ(A[0]["edit"]["changes"]["file:///src/a.c"][0]["range"]["start"],
            json({{"line", 2}, {"character", 1}}));
}

TEST(LspServer, ProblemsAreShownOnceThenLogged) {
  Harness H;
  H.Found.Problems = {"no compile command for /src/a.c"};
  H.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  json Open = {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", "file:///src/a.c"}, {"text", ""}}}}}};
  H.send(Open);
  H.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didSave"},
          {"params", {{"textDocument", {{"uri", "file:///src/a.c"}}}}}});
  std::vector<std::string> Methods;
  for (const json &M : H.Sent)
    Methods.push_back(M.value("method", ""));
  EXPECT_EQ(Methods, (std::vector<std::string>{"", "window/showMessage",
                                               "textDocument/publishDiagnostics",
                                               "window/logMessage",
                                               "textDocument/publishDiagnostics"}));
}

TEST(LspServer, MalformedMessagesAreAnsweredAndForgotten) {
  Harness H;
  H.S.handle("{");
  EXPECT_EQ(H.last()["error"]["code"], ParseError);
  H.S.handle("[1]");
  EXPECT_EQ(H.last()["error"]["code"], InvalidRequest);
  H.S.handle(R"({"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"})");
  EXPECT_EQ(H.last()["error"]["code"], InvalidRequest);
  H.S.handle(R"({"jsonrpc":"2.0","id":5,"method":"initialize","params":{}})");
  H.S.handle(R"({"jsonrpc":"2.0","id":6,"method":"textDocument/codeAction","params":{}})");
  EXPECT_EQ(H.last()["error"]["code"], InvalidParams);
  EXPECT_EQ(H.last()["id"], 6);
  // A notification with bad params is logged, not answered.
  size_t Before = H.Sent.size();
  H.S.handle(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}})");
  ASSERT_EQ(H.Sent.size(), Before + 1);
  EXPECT_EQ(H.last()["method"], "window/logMessage");
  // A response to nothing is ignored.
  Before = H.Sent.size();
  H.S.handle(R"({"jsonrpc":"2.0","id":77,"result":null})");
  EXPECT_EQ(H.Sent.size(), Before);
  EXPECT_FALSE(H.S.done());
  H.S.handle(R"({"jsonrpc":"2.0","method":"exit"})");
  EXPECT_TRUE(H.S.done());
  EXPECT_EQ(H.S.exitCode(), 1);
}

} // namespace
} // namespace devlife::lsp
