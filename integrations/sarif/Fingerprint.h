//===- Fingerprint.h - GitHub's primaryLocationLineHash -------------------===//
//
// GitHub code scanning matches alerts across runs by
// partialFingerprints.primaryLocationLineHash. The upload action computes it
// (github/codeql-action, src/fingerprints.ts) but the REST API does not, so
// devlife computes the very same value itself: a rolling hash (base 37,
// wrapping 64-bit arithmetic) over the 100 characters that start at the
// line, spaces and tabs skipped, line endings folded to LF, written as
// "<hex>:<n>" where n numbers equal hashes within the file.
//
// "Character" means a UTF-16 code unit, as JavaScript's charCodeAt sees the
// file after Node decoded it as UTF-8 (ill-formed bytes become U+FFFD).
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_SARIF_FINGERPRINT_H
#define DEVLIFE_INTEGRATIONS_SARIF_FINGERPRINT_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

/// The file as the UTF-16 code units Node's UTF-8 decoder would produce:
/// a byte order mark is kept, each ill-formed sequence becomes U+FFFD.
std::vector<uint16_t> utf16CodeUnits(llvm::StringRef Utf8);

/// One hash per line; index 0 is line 1. A file always has one more line
/// than it has line breaks (so "" has one line and "a\n" has two), exactly
/// as the upload action counts them.
std::vector<std::string> lineHashes(llvm::StringRef FileContents);

/// The hash of 1-based line Line, or nothing if the file has no such line.
std::optional<std::string> lineHash(llvm::StringRef FileContents,
                                    unsigned Line);

} // namespace devlife

#endif
