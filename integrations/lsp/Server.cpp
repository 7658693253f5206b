//===- Server.cpp ---------------------------------------------------------===//
#include "integrations/lsp/Server.h"

#include "llvm/ADT/STLExtras.h"
#include <tuple>

namespace devlife::lsp {
namespace {

using nlohmann::json;

// window/showMessage and window/logMessage types.
constexpr int MessageWarning = 2, MessageInfo = 3;

int severityOf(Level L) {
  switch (L) {
  case Level::Error:
    return 1;
  case Level::Warning:
    return 2;
  case Level::Note:
    return 3; // Information
  }
  return 2;
}

auto positionKey(const json &P) {
  return std::make_tuple(P.at("line").get<long>(), P.at("character").get<long>());
}

bool overlaps(const json &A, const json &B) {
  return positionKey(A.at("start")) <= positionKey(B.at("end")) &&
         positionKey(B.at("start")) <= positionKey(A.at("end"));
}

/// Whether a codeAction request's context.only admits quick fixes.
bool wantsQuickFixes(const json &Params) {
  const json *Only = nullptr;
  if (Params.contains("context") && Params["context"].contains("only"))
    Only = &Params["context"]["only"];
  if (!Only || !Only->is_array())
    return true;
  return llvm::any_of(*Only, [](const json &K) {
    return K.is_string() && (K == "quickfix" || K == "");
  });
}

} // namespace

void Server::handle(llvm::StringRef Body) {
  json J = json::parse(Body.begin(), Body.end(), nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    return error(nullptr, ParseError, "the message is not JSON");
  if (!J.is_object())
    return error(nullptr, InvalidRequest, "a message is a JSON object");
  bool HasId = J.contains("id");
  json Id = HasId ? J["id"] : json();
  if (HasId && !Id.is_number_integer() && !Id.is_string())
    return error(nullptr, InvalidRequest, "the id is neither a number nor a string");
  if (!J.contains("method")) {
    // A response: devlife sends no requests, so there is nothing to match.
    if (HasId && (J.contains("result") || J.contains("error")))
      return;
    return error(Id, InvalidRequest, "the message has no method");
  }
  if (!J["method"].is_string())
    return error(Id, InvalidRequest, "the method is not a string");
  std::string Method = J["method"];
  json Params = J.value("params", json::object());
  try {
    if (HasId)
      request(Id, Method, Params);
    else
      notification(Method, Params);
  } catch (const json::exception &E) {
    if (HasId)
      return error(Id, InvalidParams, Method + ": " + E.what());
    log(MessageWarning, "devlife: ignored " + Method + ": " + E.what());
  }
}

void Server::malformedHeader(const std::string &Error) {
  error(nullptr, ParseError, "malformed message: " + Error);
}

void Server::request(const json &Id, const std::string &Method,
                     const json &Params) {
  if (ShutDown)
    return error(Id, InvalidRequest, "the server is shut down");
  if (Method == "initialize") {
    if (Initialized)
      return error(Id, InvalidRequest, "initialize was sent twice");
    return reply(Id, initialize(Params));
  }
  if (!Initialized)
    return error(Id, ServerNotInitialized, "initialize must come first");
  if (Method == "shutdown") {
    ShutDown = true;
    return reply(Id, nullptr);
  }
  if (Method == "textDocument/codeAction")
    return reply(Id, codeActions(Params));
  error(Id, MethodNotFound, "method not found: " + Method);
}

void Server::notification(const std::string &Method, const json &Params) {
  if (Method == "exit") {
    Exited = true;
    return;
  }
  if (!Initialized || ShutDown)
    return; // the protocol drops notifications before initialize
  if (Method == "textDocument/didOpen")
    opened(Params);
  else if (Method == "textDocument/didSave")
    saved(Params);
  else if (Method == "textDocument/didClose")
    closed(Params);
  else if (Method == "textDocument/didChange")
    changed(Params);
  // Every other notification ($/cancelRequest, initialized, ...) needs
  // nothing from devlife.
}

json Server::initialize(const json &Params) {
  Initialized = true;
  // clangd's choice: UTF-8 when the client can take it, counting bytes as
  // devlife does.
  const json *Offered = nullptr;
  if (Params.contains("capabilities") && Params["capabilities"].contains("general") &&
      Params["capabilities"]["general"].contains("positionEncodings"))
    Offered = &Params["capabilities"]["general"]["positionEncodings"];
  if (Offered && Offered->is_array() &&
      llvm::any_of(*Offered, [](const json &E) { return E == "utf-8"; }))
    Positions = Encoding::Utf8;
  return {{"capabilities",
           {{"positionEncoding", Positions == Encoding::Utf8 ? "utf-8" : "utf-16"},
            // Whole files on open, nothing while typing: devlife reads the
            // file from disk when it is opened and saved.
            {"textDocumentSync",
             {{"openClose", true}, {"change", 0}, {"save", {{"includeText", false}}}}},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
          {"serverInfo", {{"name", "devlife"}, {"version", Hooks.Version}}}};
}

void Server::opened(const json &Params) {
  const json &Doc = Params.at("textDocument");
  std::string Uri = Doc.at("uri");
  std::optional<std::string> Path = pathOfUri(Uri);
  if (!Path) {
    log(MessageInfo, "devlife: not a file: " + Uri);
    return;
  }
  Documents[Uri] = {*Path, Doc.value("version", json()), {}};
  refresh(Uri);
}

void Server::saved(const json &Params) {
  std::string Uri = Params.at("textDocument").at("uri");
  if (!Documents.count(Uri)) {
    // Saved without being open here (a client that reopened us): as open.
    std::optional<std::string> Path = pathOfUri(Uri);
    if (!Path)
      return;
    Documents[Uri] = {*Path, json(), {}};
  }
  refresh(Uri);
}

void Server::changed(const json &Params) {
  // The text is not followed (devlife reads the saved file), its version is.
  const json &Doc = Params.at("textDocument");
  auto It = Documents.find(Doc.at("uri").get<std::string>());
  if (It != Documents.end())
    It->second.Version = Doc.value("version", json());
}

void Server::closed(const json &Params) {
  std::string Uri = Params.at("textDocument").at("uri");
  if (!Documents.erase(Uri))
    return;
  Hooks.Send({{"jsonrpc", "2.0"},
              {"method", "textDocument/publishDiagnostics"},
              {"params", {{"uri", Uri}, {"diagnostics", json::array()}}}});
}

void Server::refresh(const std::string &Uri) {
  Document &Doc = Documents[Uri];
  Texts.clear(); // the files may have changed since the last analysis
  FileReport Report = Hooks.Analyse(Doc.Path);
  for (const std::string &P : Report.Problems) {
    if (ProblemsShown.insert(Doc.Path + "\n" + P).second)
      show(MessageWarning, "devlife: " + P);
    else
      log(MessageWarning, "devlife: " + P);
  }
  Doc.Diagnostics.clear();
  json Diagnostics = json::array();
  LineTable &Text = textOf(Doc.Path);
  for (Finding &F : Report.Findings) {
    // clangd's way: diagnostics of the file itself, not of its headers.
    if (F.Where.File != Doc.Path)
      continue;
    json D = diagnostic(F, Text);
    Diagnostics.push_back(D);
    Doc.Diagnostics.push_back({std::move(D), std::move(F)});
  }
  json Params = {{"uri", Uri}, {"diagnostics", std::move(Diagnostics)}};
  if (Doc.Version.is_number_integer())
    Params["version"] = Doc.Version;
  Hooks.Send({{"jsonrpc", "2.0"},
              {"method", "textDocument/publishDiagnostics"},
              {"params", std::move(Params)}});
}

LineTable &Server::textOf(const std::string &File) {
  auto It = Texts.find(File);
  if (It == Texts.end()) {
    std::optional<std::string> Text = Hooks.Read ? Hooks.Read(File) : std::nullopt;
    It = Texts.emplace(File, LineTable(Text.value_or(""))).first;
  }
  return It->second;
}

json Server::location(const SourcePoint &P) {
  return {{"uri", uriOfPath(P.File)},
          {"range", textOf(P.File).range(P.Line, P.Column, Positions)}};
}

json Server::diagnostic(const Finding &F, LineTable &Text) {
  json D = {{"range", Text.range(F.Where.Line, F.Where.Column, Positions)},
            {"severity", severityOf(F.Severity)},
            {"code", F.RuleId},
            {"source", "devlife"},
            {"message", F.Message}};
  if (Hooks.HelpUri)
    if (std::string Uri = Hooks.HelpUri(F.RuleId); !Uri.empty())
      D["codeDescription"] = {{"href", Uri}};
  json Related = json::array();
  auto add = [&](const std::vector<PathStep> &Steps) {
    for (const PathStep &S : Steps)
      if (!S.Where.File.empty())
        Related.push_back({{"location", location(S.Where)}, {"message", S.Message}});
  };
  add(F.Path);
  for (const std::vector<PathStep> &Flow : F.OtherFlows)
    add(Flow);
  add(F.Related);
  if (!Related.empty())
    D["relatedInformation"] = std::move(Related);
  return D;
}

json Server::action(const Published &P, const std::string &Uri) {
  json Changes = json::object();
  for (const Edit &E : P.What.Fixes) {
    if (E.Begin.File.empty() || E.Begin.Line == 0)
      continue;
    LineTable &Text = textOf(E.Begin.File);
    Changes[uriOfPath(E.Begin.File)].push_back(
        {{"range",
          {{"start", Text.position(E.Begin.Line, E.Begin.Column, Positions)},
           {"end", Text.position(E.End.Line, E.End.Column, Positions)}}},
         {"newText", E.Replacement}});
  }
  return {{"title", "Apply devlife's fix (" + P.What.RuleId + ")"},
          {"kind", "quickfix"},
          {"diagnostics", {P.Diagnostic}},
          {"isPreferred", true},
          {"edit", {{"changes", std::move(Changes)}}}};
}

json Server::codeActions(const json &Params) {
  std::string Uri = Params.at("textDocument").at("uri");
  const json &Range = Params.at("range");
  json Actions = json::array();
  auto It = Documents.find(Uri);
  if (It == Documents.end() || !wantsQuickFixes(Params))
    return Actions;
  for (const Published &P : It->second.Diagnostics)
    if (!P.What.Fixes.empty() && overlaps(P.Diagnostic.at("range"), Range))
      Actions.push_back(action(P, Uri));
  return Actions;
}

void Server::reply(const json &Id, json Result) {
  Hooks.Send({{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void Server::error(const json &Id, int Code, const std::string &Message) {
  Hooks.Send({{"jsonrpc", "2.0"},
              {"id", Id},
              {"error", {{"code", Code}, {"message", Message}}}});
}

void Server::log(int Type, const std::string &Message) {
  Hooks.Send({{"jsonrpc", "2.0"},
              {"method", "window/logMessage"},
              {"params", {{"type", Type}, {"message", Message}}}});
}

void Server::show(int Type, const std::string &Message) {
  Hooks.Send({{"jsonrpc", "2.0"},
              {"method", "window/showMessage"},
              {"params", {{"type", Type}, {"message", Message}}}});
}

} // namespace devlife::lsp
