//===- Lsp.h - `devlife lsp`: the language server on stdin and stdout -----===//
#ifndef DEVLIFE_LSP_LSP_H
#define DEVLIFE_LSP_LSP_H

#include "integrations/audit/Audit.h"

namespace devlife::lsp {

/// Serves the client on stdin/stdout until it says exit (or closes stdin).
/// Base gives what an audit would take: -p (empty: found per file), checks,
/// API model files, workers, cache. Returns the process exit code: 0 after
/// shutdown and exit, 1 without shutdown, 2 for bad options.
int runLsp(const AuditOptions &Base);

} // namespace devlife::lsp

#endif
