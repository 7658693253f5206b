//===- Server.h - devlife's findings as a Language Server -----------------===//
//
// `devlife lsp` runs beside clangd (which cannot load clang-tidy plugins):
// on didOpen and didSave it analyses the file, as `devlife audit` would
// analyse it alone, and publishes the findings as diagnostics, their notes
// as related information and their fix-its as quick-fix code actions.
//
// The server is a function from message bodies to messages sent: the
// analysis and the output are given to it, so that tests (and fuzzers) can
// drive it without processes.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_LSP_SERVER_H
#define DEVLIFE_LSP_SERVER_H

#include "core/Finding.h"
#include "integrations/lsp/Protocol.h"
#include "integrations/sarif/SarifWriter.h"
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace devlife::lsp {

/// What analysing one file gave.
struct FileReport {
  std::vector<Finding> Findings; // not suppressed
  /// Why there may be fewer findings than the file has (no compile
  /// database, no command for the file, compiler errors): told once.
  std::vector<std::string> Problems;
};

struct ServerHooks {
  /// Analyses the file at an absolute path as it is on disk.
  std::function<FileReport(const std::string &File)> Analyse;
  /// Sends one message to the client.
  std::function<void(const nlohmann::json &)> Send;
  /// A file's text, to place findings in it; none if it cannot be read.
  SourceReader Read;
  /// A rule's page online, for a diagnostic's codeDescription.
  std::function<std::string(const std::string &RuleId)> HelpUri;
  std::string Version;
};

class Server {
public:
  explicit Server(ServerHooks Hooks) : Hooks(std::move(Hooks)) {}

  /// One message body as the client sent it.
  void handle(llvm::StringRef Body);
  /// A header the framing could not read.
  void malformedHeader(const std::string &Error);

  /// Whether exit was received.
  bool done() const { return Exited; }
  /// The process exit code the protocol asks for: 0 after shutdown.
  int exitCode() const { return ShutDown ? 0 : 1; }

private:
  struct Published {
    nlohmann::json Diagnostic;
    Finding What;
  };
  struct Document {
    std::string Path;
    nlohmann::json Version; // null when the client gave none
    std::vector<Published> Diagnostics;
  };

  void request(const nlohmann::json &Id, const std::string &Method,
               const nlohmann::json &Params);
  void notification(const std::string &Method, const nlohmann::json &Params);

  nlohmann::json initialize(const nlohmann::json &Params);
  nlohmann::json codeActions(const nlohmann::json &Params);
  void opened(const nlohmann::json &Params);
  void saved(const nlohmann::json &Params);
  void changed(const nlohmann::json &Params);
  void closed(const nlohmann::json &Params);

  /// Analyses the document and publishes what was found.
  void refresh(const std::string &Uri);
  nlohmann::json diagnostic(const Finding &F, LineTable &Text);
  nlohmann::json location(const SourcePoint &P);
  nlohmann::json action(const Published &P, const std::string &Uri);
  LineTable &textOf(const std::string &File);

  void reply(const nlohmann::json &Id, nlohmann::json Result);
  void error(const nlohmann::json &Id, int Code, const std::string &Message);
  void log(int Type, const std::string &Message);
  void show(int Type, const std::string &Message);

  ServerHooks Hooks;
  bool Initialized = false, ShutDown = false, Exited = false;
  Encoding Positions = Encoding::Utf16;
  std::map<std::string, Document> Documents; // by URI
  std::set<std::string> ProblemsShown;        // each said once
  std::map<std::string, LineTable> Texts;     // by path, per refresh
};

} // namespace devlife::lsp

#endif
