//===- Baseline.h - Findings an earlier run already had -------------------===//
//
// `--baseline OLD.sarif` reports only the findings OLD does not have. A
// finding is in OLD when a result there has its rule and its fingerprint:
// partialFingerprints["devlifeFindingHash/v1"] (FindingHash.h: survives
// lines moving and edits elsewhere in the function), or, for a log written
// before devlife had that key, GitHub's primaryLocationLineHash in the same
// file. Fingerprints are compared without their ":n" counter and counted:
// two equal findings in OLD let two through, a third is new.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_REPORT_BASELINE_H
#define DEVLIFE_INTEGRATIONS_REPORT_BASELINE_H

#include "core/Finding.h"
#include "integrations/sarif/SarifWriter.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace devlife {

class Baseline {
public:
  /// Reads a SARIF log devlife wrote. Not JSON, not SARIF 2.1.0, no devlife
  /// run, a result without a rule or without a fingerprint devlife can
  /// match: each is an error naming the file and the result.
  static llvm::Expected<Baseline> fromSarifFile(const std::string &Path);
  static llvm::Expected<Baseline> fromSarifText(llvm::StringRef Text,
                                                const std::string &Name);
  /// The findings of an earlier audit (`devlife review`'s old revision),
  /// fingerprinted with the files as they were then.
  static Baseline fromFindings(const std::vector<Finding> &Findings,
                               const std::string &SourceRoot,
                               const SourceReader &Read);

  /// The findings (sorted) that are not in the baseline, in their order.
  std::vector<Finding> newFindings(const std::vector<Finding> &Findings,
                                   const std::string &SourceRoot,
                                   const SourceReader &Read) const;

  size_t size() const { return Results; }

private:
  using RuleAndHash = std::pair<std::string, std::string>;
  using RuleFileAndLineHash = std::tuple<std::string, std::string, std::string>;
  std::map<RuleAndHash, size_t> ByHash;
  std::map<RuleFileAndLineHash, size_t> ByLineHash;
  size_t Results = 0;
};

} // namespace devlife

#endif
