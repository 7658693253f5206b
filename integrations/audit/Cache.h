//===- Cache.h - The facts of TUs analysed before -------------------------===//
//
// A re-audit after an edit should analyse the edited TUs only. The facts a
// worker wrote are kept in a cache directory, found again the way ccache's
// direct mode finds an object file, in two steps, because which headers a TU
// reads is known only once it has been parsed:
//
//   key1 = hash(devlife itself, the checks, the API model's contents, the
//               command, the main file's contents)
//     -> a manifest: the headers the parse read, each with its content hash
//     -> key2 = hash(key1, those headers and hashes) -> the facts.
//
// Every file is named "llvmcache-...", the names llvm::pruneCache prunes,
// least recently used first, to keep the directory under its size bound.
// An entry is written to a temporary file and renamed into place, so a
// reader (a parallel worker, a parallel audit) sees all of it or nothing; a
// facts entry carries a checksum, and one that fails it, or of another
// format, is reported and ignored, never trusted.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_AUDIT_CACHE_H
#define DEVLIFE_AUDIT_CACHE_H

#include "integrations/audit/Workers.h"
#include "integrations/sarif/SarifWriter.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Error.h"
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

struct CacheOptions {
  bool Enabled = true;
  std::string Dir; // "": $XDG_CACHE_HOME/devlife, else ~/.cache/devlife
  uint64_t MaxBytes = uint64_t(2) << 30;
};

/// "2g", "500m", "100000k" or bytes, as llvm::parseCachePruningPolicy reads
/// cache_size_bytes.
llvm::Expected<uint64_t> parseCacheSize(llvm::StringRef Text);

using CacheDigest = llvm::BLAKE3Result<32>;

/// One entry of a manifest: the files one parse read, each with the hash
/// of its contents, and the facts entry made from them.
struct CacheInput {
  std::string Path;
  CacheDigest Hash;
};
struct CacheManifestEntry {
  std::vector<CacheInput> Inputs;
  std::string FactsName;
};

/// The text of the cache's two kinds of entry, and back. What is read comes
/// from a directory anyone may have written to: it is checked, and the
/// error says what is wrong with it.
std::string cacheManifestText(const std::vector<CacheManifestEntry> &Entries);
llvm::Expected<std::vector<CacheManifestEntry>>
parseCacheManifest(llvm::StringRef Text);
/// "devlife-cache/2 CHECKSUM\n" and the facts as the worker wrote them
/// (factsBytes()).
std::string cacheFactsText(llvm::StringRef FactsBytes);
llvm::Expected<TUFacts> parseCacheFacts(llvm::StringRef Text);

class FactsCache {
public:
  /// Opens Dir (Opts.Dir or the default), creating it. SelfExe is this
  /// program: its contents are part of every key.
  static llvm::Expected<std::unique_ptr<FactsCache>>
  open(const CacheOptions &Opts, const std::string &SelfExe);

  const std::string &dir() const { return Dir; }

  /// What every key of one runWorkers call shares: devlife, the checks and
  /// the model files' contents (so a re-analysis round's learned model is
  /// part of its keys). None, with a warning, if a model file is unreadable.
  std::optional<CacheDigest> configKey(const WorkerConfig &Config);

  /// The facts cached for Job, if an entry's inputs are all unchanged.
  std::optional<TUFacts> lookup(const CompileJob &Job,
                                const CacheDigest &ConfigKey);

  /// Keeps what a worker started at Started wrote for Job: the facts (as
  /// parsed, and their text) and the files its parse read. A TU with
  /// compiler errors is not kept, nor one whose inputs changed while it was
  /// analysed.
  void store(const CompileJob &Job, const CacheDigest &ConfigKey,
             const TUFacts &Facts, llvm::StringRef FactsBytes,
             const std::vector<std::string> &Inputs,
             llvm::sys::TimePoint<> Started);

  /// Removes the least recently used entries beyond the size bound, at most
  /// once every few minutes (a scan costs a stat per entry).
  void prune();

  /// The problems met so far (corrupt entries, unwritable directory), as
  /// warnings; each is reported once.
  std::vector<ToolNotification> takeWarnings();

private:
  FactsCache(std::string Dir, uint64_t MaxBytes, CacheDigest Tool)
      : Dir(std::move(Dir)), MaxBytes(MaxBytes), Tool(Tool) {}

  using Input = CacheInput;
  using ManifestEntry = CacheManifestEntry;

  /// How far a hash kept from earlier in this audit is trusted.
  enum class Freshness {
    /// Whatever it was when first seen in this audit: for lookups, which a
    /// kernel re-audit makes a hundred thousand of over a few thousand
    /// headers. An edit during the audit is as if made after it.
    SeenThisAudit,
    /// As it is now (size and modification time unchanged since it was
    /// hashed): for what is stored, which must match what the worker read.
    Now,
  };
  /// The content hash of File, or none if it cannot be read.
  std::optional<CacheDigest> contentHash(const std::string &File, Freshness F);
  std::optional<CacheDigest> key1(const CompileJob &Job,
                                  const CacheDigest &ConfigKey);
  /// The entries of a manifest; none if it is missing or corrupt (which
  /// is reported if Report, once per audit for each manifest).
  std::vector<ManifestEntry> readManifest(const std::string &Name,
                                          const std::string &TU, bool Report);
  std::optional<TUFacts> readFacts(const std::string &Name,
                                   const std::string &TU);
  bool unchanged(const ManifestEntry &E);
  /// Through a temporary file renamed over Name: readers see all or nothing.
  llvm::Error writeEntry(const std::string &Name, llvm::StringRef Text);
  void noteWriteError(llvm::Error E);
  void warn(const std::string &TU, const std::string &Message);
  std::string pathOf(llvm::StringRef Name) const;

  const std::string Dir;
  const uint64_t MaxBytes;
  const CacheDigest Tool; // devlife's version and binary, clang's version

  struct Hashed {
    uint64_t Size;
    llvm::sys::TimePoint<> Modified;
    CacheDigest Hash;
  };
  std::mutex HashedM; // guards Hashed
  llvm::StringMap<Hashed> HashedFiles;
  std::atomic<bool> Stored{false};      // anything, this audit: prune
  std::atomic<bool> WriteFailed{false}; // warned about it once
  std::mutex WarningsM; // guards Warnings
  std::vector<ToolNotification> Warnings;
};

/// The cache Opts asks for, or null: --no-cache, or it cannot be opened
/// (then with a warning in Notes; the audit goes on without it).
std::unique_ptr<FactsCache> openCache(const CacheOptions &Opts,
                                      const std::string &SelfExe,
                                      std::vector<ToolNotification> &Notes);

/// How many of Outcomes came from the cache.
size_t countFromCache(const std::vector<TUOutcome> &Outcomes);

} // namespace devlife

#endif
