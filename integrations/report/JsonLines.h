//===- JsonLines.h - One JSON object per finding, for scripts -------------===//
//
// `--format jsonl` writes each finding as one line of JSON, keys always
// present and always in this order (README, "JSON lines"):
//
//   rule, level, message, file, line, column, function, fingerprint,
//   flow, other_flows, related, fixes
//
// file (and every step's file) is relative to the source root when under
// it, absolute otherwise; fingerprint is the devlifeFindingHash/v1 value
// the SARIF file gives the same finding; a step is {file, line, column,
// message}; a fix {file, line, column, end_line, end_column, replacement}.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_REPORT_JSONLINES_H
#define DEVLIFE_INTEGRATIONS_REPORT_JSONLINES_H

#include "core/Finding.h"
#include "integrations/sarif/SarifWriter.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace devlife {

/// Findings as JSON lines, in their order (sorted, as the audit keeps them).
void printJsonLines(const std::vector<Finding> &Findings,
                    const std::string &SourceRoot, const SourceReader &Read,
                    llvm::raw_ostream &OS);

} // namespace devlife

#endif
