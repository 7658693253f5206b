//===- FindingHash.h - A fingerprint that survives edits around a finding -===//
//
// GitHub's primaryLocationLineHash (Fingerprint.h) hashes the 100
// non-blank characters that start at the finding's line: it survives lines
// moving, but not an edit of the next line or two, which is most edits in
// the same function. A baseline needs more: the same bug in an edited
// function must be recognised as the same. devlife's own fingerprint,
// written beside GitHub's as partialFingerprints["devlifeFindingHash/v1"],
// hashes what names the bug rather than where it is:
//
//   the rule, the file (its SARIF URI), the function, the message (which
//   names the call, the variable, the lock) and the text of the primary
//   line with every blank removed (so that re-indenting changes nothing)
//
// and no line or column number. Two findings equal in all of that (rare:
// the same call leaking into the same variable twice in one function) are
// told apart, as GitHub does, by a counter in the order of their lines:
// "<16 hex digits>:<n>".
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_SARIF_FINDINGHASH_H
#define DEVLIFE_INTEGRATIONS_SARIF_FINDINGHASH_H

#include "core/Finding.h"
#include "integrations/sarif/SarifWriter.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace devlife {

/// The partialFingerprints key of devlife's fingerprint.
inline constexpr const char *FindingHashKey = "devlifeFindingHash/v1";

/// Line Line (1-based) of Bytes without its line break (LF, CR LF or CR);
/// "" for line 0 or a line beyond the end.
std::string lineText(llvm::StringRef Bytes, unsigned Line);

/// Computes fingerprints, reading each source file once.
class FindingHasher {
public:
  FindingHasher(std::string SourceRoot, SourceReader Read);

  /// The 16 hex digits, without the counter.
  std::string base(const Finding &F);
  /// base(F) + ":" + how many findings given to numbered() before had the
  /// same base, plus one. Give it the findings in their final order.
  std::string numbered(const Finding &F);

private:
  const std::optional<std::string> &contents(const std::string &File);

  std::string SourceRoot;
  SourceReader Read;
  std::map<std::string, std::optional<std::string>> Files;
  std::map<std::string, unsigned> Seen;
};

} // namespace devlife

#endif
