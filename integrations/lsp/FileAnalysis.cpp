//===- FileAnalysis.cpp ---------------------------------------------------===//
#include "integrations/lsp/FileAnalysis.h"

#include "integrations/audit/CompileDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace devlife::lsp {

std::optional<std::string> findCompileDatabase(llvm::StringRef File) {
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    for (const char *Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Sub, "compile_commands.json");
      if (llvm::sys::fs::is_regular_file(Candidate))
        return std::string(llvm::sys::path::parent_path(Candidate));
    }
  }
  return std::nullopt;
}

/// "drivers/foo.c:12:3: error: ..." for what went wrong while analysing.
static std::string describe(const ToolNotification &N) {
  std::string Where = N.File.empty() ? "" : N.File;
  if (N.Line)
    Where += ":" + std::to_string(N.Line) + ":" + std::to_string(N.Column);
  return (Where.empty() ? "" : Where + ": ") + levelName(N.Severity) + ": " +
         N.Message;
}

FileReport FileAnalysis::analyse(const std::string &File) {
  FileReport Out;
  std::optional<std::string> Database =
      Base.DatabaseDir.empty() ? findCompileDatabase(File)
                               : std::optional<std::string>(Base.DatabaseDir);
  if (!Database) {
    Out.Problems.push_back("no compile_commands.json for " + File +
                           " in its directory, a parent or a build/ beside "
                           "one; start devlife lsp with -p DIR");
    return Out;
  }
  auto List = loadCompileJobs(*Database, {File});
  if (!List) {
    Out.Problems.push_back(llvm::toString(List.takeError()));
    return Out;
  }
  if (List->Jobs.empty()) {
    Out.Problems.push_back("no compile command for " + File + " in " +
                           *Database + "/compile_commands.json");
    return Out;
  }
  AuditOptions Opts = Base;
  Opts.DatabaseDir = *Database;
  Opts.SourceRoot = *Database;
  AuditInput In{Checks, Model, {List->Jobs.front()}, 1, ""};
  std::optional<AuditResult> Result = auditQuietly(Opts, In);
  if (!Result) {
    Out.Problems.push_back("the analysis of " + File + " was interrupted");
    return Out;
  }
  Out.Findings = std::move(Result->Findings);
  for (const ToolNotification &N : Result->Notifications)
    Out.Problems.push_back(describe(N));
  return Out;
}

} // namespace devlife::lsp
