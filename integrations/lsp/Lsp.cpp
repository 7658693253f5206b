//===- Lsp.cpp ------------------------------------------------------------===//
#include "integrations/lsp/Lsp.h"

#include "core/Rule.h"
#include "integrations/lsp/FileAnalysis.h"
#include "integrations/lsp/Server.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace devlife::lsp {
namespace {

/// Writes all of Text to stdout; false once the client is gone.
bool writeOut(const std::string &Text) {
  size_t Done = 0;
  while (Done < Text.size()) {
    ssize_t N = ::write(STDOUT_FILENO, Text.data() + Done, Text.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += size_t(N);
  }
  return true;
}

std::optional<std::string> readSource(const std::string &File) {
  auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
}

} // namespace

int runLsp(const AuditOptions &Base) {
  auto Checks = selectChecks(Base.CheckGlobs);
  if (!Checks) {
    llvm::errs() << "devlife: error: " << llvm::toString(Checks.takeError()) << "\n";
    return ExitUsage;
  }
  auto Model = loadApiModel(Base.ModelFiles);
  if (!Model) {
    llvm::errs() << "devlife: error: " << llvm::toString(Model.takeError()) << "\n";
    return ExitUsage;
  }
  // A client that goes away is an end, not a crash.
  std::signal(SIGPIPE, SIG_IGN);
  FileAnalysis Analysis(Base, *Checks, std::move(*Model));
  bool ClientGone = false;
  ServerHooks Hooks;
  Hooks.Analyse = [&](const std::string &File) { return Analysis.analyse(File); };
  Hooks.Send = [&](const nlohmann::json &Message) {
    if (!ClientGone && !writeOut(frame(Message)))
      ClientGone = true;
  };
  Hooks.Read = readSource;
  Hooks.HelpUri = [](const std::string &Id) {
    const RuleEntry *R = findRule(Id);
    return R ? R->Info.HelpUri : std::string();
  };
  Hooks.Version = DEVLIFE_VERSION;
  Server S(std::move(Hooks));

  std::string Pending;
  char Chunk[64 * 1024];
  while (!S.done() && !ClientGone) {
    ssize_t N = ::read(STDIN_FILENO, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break; // the client closed stdin without exit
    Pending.append(Chunk, size_t(N));
    Frames F = parseFrames(Pending);
    for (const std::string &E : F.Errors)
      S.malformedHeader(E);
    for (const std::string &Body : F.Bodies) {
      S.handle(Body);
      if (S.done())
        break;
    }
    Pending.erase(0, F.Consumed);
  }
  return S.exitCode();
}

} // namespace devlife::lsp
