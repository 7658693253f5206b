//===- Partial.h - Part of an audit, made on one machine, merged on another -===//
//
// `audit --shard K/N --partial FILE` analyses a fixed part of the TUs and
// `check` (the Kbuild C=1/C=2 entry) one TU; each writes a partial: the
// round-1 facts of its TUs plus everything the global phase needs to run
// elsewhere as it would have run in one audit: the TUs' compile commands (the
// re-analysis rounds run workers again), the rules, the user's API models
// (their text), the SARIF settings and the devlife version. `devlife merge`
// reads partials, refuses a set that does not describe one audit, and runs
// the global phase and the report over it.
//
// Coverage comes in two kinds. A shard partial says "K of N of this
// selection" (a digest of the selected TUs' commands): a set of them must hold
// every K exactly once. A files partial (Kbuild) says only "these files":
// any set of them is an audit of their union, as long as no file is twice.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_PARTIAL_H
#define DEVLIFE_AUDIT_PARTIAL_H

#include "core/TUAnalysis.h"
#include "integrations/audit/Workers.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace devlife {

/// The JSON form of a partial; bumped whenever its shape changes, and a
/// partial of any other format is refused, never half-read.
inline constexpr const char *PartialFormat = "devlife-partial/1";

/// A --api-model file as the partial's maker read it: merge analyses with
/// the same text, wherever the file is by then.
struct ModelFileCopy {
  std::string Path; // as given to the audit; for messages
  std::string Text;
};

/// What every partial of one audit has in common.
struct PartialRun {
  std::string Version; // toolVersion() of the maker
  std::vector<std::string> Checks;
  std::vector<ModelFileCopy> Models;
  std::string SourceRoot;
  std::string UriBaseId;
  std::string DatabaseDir; // "" for files partials
};

struct PartialCoverage {
  enum Kind { Shard, Files } What = Files;
  unsigned Index = 0, Count = 0; // Shard: K of N, 1-based
  /// Shard: which selection was split (the digest of every selected TU's
  /// command), so that shards of another database, of other paths, or of a
  /// database that changed in between, do not merge.
  std::string SelectionDigest;
  std::vector<std::string> Paths;
  size_t SelectionSize = 0;
};

struct PartialTU {
  CompileJob Job;
  TUOutcome Outcome; // round 1
};

struct Partial {
  PartialRun Run;
  PartialCoverage Coverage;
  std::vector<PartialTU> TUs;
};

/// Which of NumJobs (sorted by file) belong to shard K of N: every N-th
/// from K-1. Index mod N, not a hash: shard sizes differ by one at most,
/// and a directory's files (which cost alike) are dealt round all shards.
std::vector<size_t> shardIndices(size_t NumJobs, unsigned K, unsigned N);

/// "K/N" with 1 <= K <= N.
llvm::Expected<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text);

/// Hex SHA-256 of Text.
std::string digestOf(llvm::StringRef Text);

/// What names a selection of TUs: the digest of their commands, in order.
std::string selectionDigest(const std::vector<CompileJob> &Jobs);

llvm::Error writePartial(const std::string &Path, const Partial &P);
/// An error names the file and what is wrong (another format, malformed).
llvm::Expected<Partial> readPartial(const std::string &Path);
/// The same from the text of the file at Path (named in the errors).
llvm::Expected<Partial> parsePartial(llvm::StringRef Text, const std::string &Path);

/// One partial holding all of them, its TUs sorted by file (the order of
/// one audit), if together they make one audit: same run, same kind, and a
/// shard set holds each shard once, a files set each file once. An error
/// names the partials that disagree, and how.
llvm::Expected<Partial> combinePartials(const std::vector<Partial> &Parts,
                                        const std::vector<std::string> &Names);

} // namespace devlife

#endif
