//===- FileAnalysis.h - One edited file, analysed as the audit would ------===//
#ifndef DEVLIFE_LSP_FILEANALYSIS_H
#define DEVLIFE_LSP_FILEANALYSIS_H

#include "integrations/audit/Audit.h"
#include "integrations/lsp/Server.h"
#include <optional>
#include <string>

namespace devlife::lsp {

/// The directory of the compile_commands.json that describes File, found
/// the way clangd finds it: in the file's directory or any parent, or in a
/// build/ directory beside one of them; the nearest wins.
std::optional<std::string> findCompileDatabase(llvm::StringRef File);

/// Runs `devlife audit` over one file: its command from the compile
/// database (-p, or the one findCompileDatabase gives), worker processes,
/// the cache, the global phase over that translation unit, NOLINT.
class FileAnalysis {
public:
  /// Base holds everything but the database and the paths; Input the
  /// selected checks and the validated API model.
  FileAnalysis(AuditOptions Base, std::vector<std::string> Checks,
               ApiModel Model)
      : Base(std::move(Base)), Checks(std::move(Checks)), Model(std::move(Model)) {}

  FileReport analyse(const std::string &File);

private:
  AuditOptions Base;
  std::vector<std::string> Checks;
  ApiModel Model;
};

} // namespace devlife::lsp

#endif
