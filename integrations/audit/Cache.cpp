//===- Cache.cpp ----------------------------------------------------------===//
#include "integrations/audit/Cache.h"
#include "integrations/audit/Version.h"

#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CachePruning.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using nlohmann::json;

/// Part of every key, and the first word of every facts entry: bumped when
/// the layout of the entries changes.
constexpr llvm::StringLiteral CacheFormat = "devlife-cache/2";

/// The first line of every manifest.
constexpr llvm::StringLiteral ManifestHeader = "devlife-cache/1 manifest";

/// Entries per manifest: the header states of a TU seen last (a branch
/// switched back and forth finds both).
constexpr size_t MaxManifestEntries = 4;

/// How often the directory is scanned for pruning.
constexpr std::chrono::minutes PruneInterval(10);

/// Feeds a hash with fields that cannot run into each other: each string is
/// preceded by its length.
class KeyHasher {
public:
  KeyHasher &add(llvm::StringRef S) {
    uint64_t N = S.size();
    H.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(&N),
                                     sizeof(N)));
    H.update(S);
    return *this;
  }
  KeyHasher &add(const CacheDigest &D) {
    H.update(D);
    return *this;
  }
  CacheDigest final() { return H.final(); }

private:
  llvm::BLAKE3 H;
};

std::string hex(const CacheDigest &D) { return llvm::toHex(D, /*LowerCase=*/true); }

std::optional<CacheDigest> digestFromHex(llvm::StringRef Hex) {
  std::string Bytes;
  CacheDigest D;
  if (Hex.size() != 2 * D.size() || !llvm::tryGetFromHex(Hex, Bytes))
    return std::nullopt;
  std::copy(Bytes.begin(), Bytes.end(), D.begin());
  return D;
}

CacheDigest hashText(llvm::StringRef Text) {
  return llvm::BLAKE3::hash<32>(llvm::arrayRefFromStringRef(Text));
}

std::string manifestName(const CacheDigest &Key1) {
  return "llvmcache-m-" + hex(Key1);
}
std::string factsName(const CacheDigest &Key2) {
  return "llvmcache-f-" + hex(Key2);
}

/// The whole file, and marks it used: pruning removes the least recently
/// used entries first, and a mount with noatime would never tell.
std::optional<std::string> readAndTouch(const std::string &Path) {
  int FD;
  if (llvm::sys::fs::openFileForRead(Path, FD))
    return std::nullopt;
  auto Buf = llvm::MemoryBuffer::getOpenFile(llvm::sys::fs::convertFDToNativeFile(FD),
                                             Path, /*FileSize=*/-1,
                                             /*RequiresNullTerminator=*/false);
  llvm::sys::fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
}

/// The main file as analyzeTU resolves it.
std::string mainFile(const CompileJob &Job) {
  llvm::SmallString<256> File(Job.File);
  if (!llvm::sys::path::is_absolute(File))
    llvm::sys::path::make_absolute(Job.Directory, File);
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  return std::string(File);
}

llvm::Expected<std::string> defaultDir() {
  llvm::SmallString<256> Dir;
  if (!llvm::sys::path::cache_directory(Dir))
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "no cache directory: neither "
                                   "XDG_CACHE_HOME nor HOME is set");
  llvm::sys::path::append(Dir, "devlife");
  return std::string(Dir);
}

} // namespace

llvm::Expected<uint64_t> parseCacheSize(llvm::StringRef Text) {
  auto Policy = llvm::parseCachePruningPolicy(("cache_size_bytes=" + Text).str());
  if (!Policy)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--cache-size: %s",
                                   llvm::toString(Policy.takeError()).c_str());
  return Policy->MaxSizeBytes;
}

llvm::Expected<std::unique_ptr<FactsCache>>
FactsCache::open(const CacheOptions &Opts, const std::string &SelfExe) {
  std::string Dir = Opts.Dir;
  if (Dir.empty()) {
    auto Default = defaultDir();
    if (!Default)
      return Default.takeError();
    Dir = *Default;
  }
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "cannot create the cache directory %s: %s",
                                   Dir.c_str(), EC.message().c_str());
  // The binary, not just the version: a rebuilt devlife may find other
  // things in the same TU. (Its API model is built in, so it is covered.)
  auto Exe = llvm::MemoryBuffer::getFile(SelfExe, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Exe)
    return llvm::createStringError(Exe.getError(), "cannot read %s: %s",
                                   SelfExe.c_str(),
                                   Exe.getError().message().c_str());
  CacheDigest Tool = KeyHasher()
                         .add(CacheFormat)
                         .add(toolVersion())
                         .add(clang::getClangFullVersion())
                         .add(FactsFormat)
                         .add(hashText((*Exe)->getBuffer()))
                         .final();
  return std::unique_ptr<FactsCache>(new FactsCache(Dir, Opts.MaxBytes, Tool));
}

std::optional<CacheDigest> FactsCache::configKey(const WorkerConfig &Config) {
  KeyHasher H;
  // --parse-all-bodies changes the facts' body counts, not the findings.
  H.add(Tool).add(Config.ResourceDir).add(Config.ParseAllBodies ? "all" : "");
  H.add(std::to_string(Config.Checks.size()));
  for (const std::string &Id : Config.Checks)
    H.add(Id);
  // By contents, never by path (nor through the hashes kept by path): the
  // learned model of every round is a new temporary file, whose name an
  // earlier round's may have had.
  H.add(std::to_string(Config.ModelFiles.size()));
  for (const std::string &F : Config.ModelFiles) {
    auto Buf = llvm::MemoryBuffer::getFile(F, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      warn("", "cache not used: cannot read the model file " + F + ": " +
                   Buf.getError().message());
      return std::nullopt;
    }
    H.add((*Buf)->getBuffer());
  }
  return H.final();
}

std::optional<CacheDigest> FactsCache::contentHash(const std::string &File,
                                                   Freshness F) {
  if (F == Freshness::SeenThisAudit) {
    std::lock_guard<std::mutex> L(HashedM);
    auto It = HashedFiles.find(File);
    if (It != HashedFiles.end())
      return It->second.Hash;
  }
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(File, St))
    return std::nullopt;
  {
    std::lock_guard<std::mutex> L(HashedM);
    auto It = HashedFiles.find(File);
    if (It != HashedFiles.end() && It->second.Size == St.getSize() &&
        It->second.Modified == St.getLastModificationTime())
      return It->second.Hash;
  }
  // Stat before reading: a file changed in between is hashed again on its
  // next use, since its new time no longer matches.
  auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  CacheDigest D = hashText((*Buf)->getBuffer());
  std::lock_guard<std::mutex> L(HashedM);
  HashedFiles[File] = {St.getSize(), St.getLastModificationTime(), D};
  return D;
}

std::optional<CacheDigest> FactsCache::key1(const CompileJob &Job,
                                            const CacheDigest &ConfigKey) {
  auto Main = contentHash(mainFile(Job), Freshness::Now);
  if (!Main)
    return std::nullopt;
  KeyHasher H;
  H.add(ConfigKey).add(Job.Directory).add(Job.File);
  H.add(std::to_string(Job.Arguments.size()));
  for (const std::string &A : Job.Arguments)
    H.add(A);
  return H.add(*Main).final();
}

std::string FactsCache::pathOf(llvm::StringRef Name) const {
  return (llvm::Twine(Dir) + "/" + Name).str();
}

void FactsCache::warn(const std::string &TU, const std::string &Message) {
  std::lock_guard<std::mutex> L(WarningsM);
  Warnings.push_back({TU, Level::Warning, Message});
}

std::vector<ToolNotification> FactsCache::takeWarnings() {
  std::lock_guard<std::mutex> L(WarningsM);
  std::vector<ToolNotification> Out = std::move(Warnings);
  Warnings.clear();
  // In the order of the files, not of the threads that met them.
  std::stable_sort(Out.begin(), Out.end(), [](const ToolNotification &A,
                                              const ToolNotification &B) {
    return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
  });
  return Out;
}

std::vector<FactsCache::ManifestEntry>
FactsCache::readManifest(const std::string &Name, const std::string &TU,
                         bool Report) {
  std::optional<std::string> Text = readAndTouch(pathOf(Name));
  if (!Text)
    return {}; // never stored, or pruned: a plain miss
  auto Corrupt = [&](const std::string &Why) {
    if (Report)
      warn(TU, "cache entry " + pathOf(Name) + " ignored: " + Why +
                   "; analysing the file again");
    return std::vector<ManifestEntry>();
  };
  auto Entries = parseCacheManifest(*Text);
  if (!Entries)
    return Corrupt(llvm::toString(Entries.takeError()));
  return std::move(*Entries);
}

bool FactsCache::unchanged(const ManifestEntry &E) {
  for (const Input &I : E.Inputs) {
    std::optional<CacheDigest> Now =
        contentHash(I.Path, Freshness::SeenThisAudit);
    if (!Now || *Now != I.Hash)
      return false;
  }
  return true;
}

std::optional<TUFacts> FactsCache::readFacts(const std::string &Name,
                                             const std::string &TU) {
  std::optional<std::string> Text = readAndTouch(pathOf(Name));
  if (!Text)
    return std::nullopt;
  auto Corrupt = [&](const std::string &Why) -> std::optional<TUFacts> {
    warn(TU, "cache entry " + pathOf(Name) + " ignored: " + Why +
                 "; analysing the file again");
    return std::nullopt;
  };
  auto Facts = parseCacheFacts(*Text);
  if (!Facts)
    return Corrupt(llvm::toString(Facts.takeError()));
  return std::move(*Facts);
}

std::string cacheManifestText(const std::vector<CacheManifestEntry> &Entries) {
  std::string Text = (ManifestHeader + "\n").str();
  for (const CacheManifestEntry &M : Entries) {
    Text += "facts " + M.FactsName + "\n";
    for (const CacheInput &I : M.Inputs)
      Text += hex(I.Hash) + " " + I.Path + "\n";
  }
  return Text;
}

llvm::Expected<std::vector<CacheManifestEntry>>
parseCacheManifest(llvm::StringRef Text) {
  auto Malformed = [](const std::string &Why) {
    return llvm::createStringError(std::errc::invalid_argument, "%s", Why.c_str());
  };
  // Lines, not JSON: a kernel TU reads a thousand headers, and a re-audit
  // reads every TU's manifest.
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  if (Lines.empty() || Lines[0] != ManifestHeader)
    return Malformed("not a '" + ManifestHeader.str() + "'");
  std::vector<CacheManifestEntry> Entries;
  for (size_t N = 1; N < Lines.size(); ++N) {
    llvm::StringRef Line = Lines[N];
    if (Line.consume_front("facts ")) {
      Entries.emplace_back();
      Entries.back().FactsName = Line.str();
      continue;
    }
    auto [Hex, Path] = Line.split(' ');
    std::optional<CacheDigest> Hash = digestFromHex(Hex);
    if (!Hash || Path.empty() || Entries.empty())
      return Malformed("line " + std::to_string(N + 1) + " is malformed");
    Entries.back().Inputs.push_back({Path.str(), *Hash});
  }
  return Entries;
}

std::string cacheFactsText(llvm::StringRef FactsBytes) {
  return (llvm::Twine(CacheFormat) + " " + hex(hashText(FactsBytes)) + "\n" +
          FactsBytes)
      .str();
}

llvm::Expected<TUFacts> parseCacheFacts(llvm::StringRef Text) {
  auto Malformed = [](const std::string &Why) {
    return llvm::createStringError(std::errc::invalid_argument, "%s", Why.c_str());
  };
  auto [Header, Body] = Text.split('\n');
  auto [Format, Sum] = Header.split(' ');
  if (Format != CacheFormat)
    return Malformed("not a '" + CacheFormat.str() + "' entry");
  if (Sum != hex(hashText(Body)))
    return Malformed("its checksum does not match (truncated or damaged)");
  try {
    return factsFromBytes(Body);
  } catch (const json::exception &E) {
    return Malformed(E.what());
  }
}

std::optional<TUFacts> FactsCache::lookup(const CompileJob &Job,
                                          const CacheDigest &ConfigKey) {
  std::optional<CacheDigest> Key1 = key1(Job, ConfigKey);
  if (!Key1)
    return std::nullopt;
  for (const ManifestEntry &E : readManifest(manifestName(*Key1), Job.File,
                                               /*Report=*/true))
    if (unchanged(E))
      if (std::optional<TUFacts> Facts = readFacts(E.FactsName, Job.File))
        return Facts;
  return std::nullopt;
}

llvm::Error FactsCache::writeEntry(const std::string &Name, llvm::StringRef Text) {
  // Not named llvmcache-*: pruning must leave a file being written alone.
  auto Temp = llvm::sys::fs::TempFile::create(Dir + "/tmp-%%%%%%%%%%%%");
  if (!Temp)
    return Temp.takeError();
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Text;
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      return llvm::joinErrors(llvm::errorCodeToError(EC), Temp->discard());
    }
  }
  return Temp->keep(pathOf(Name));
}

void FactsCache::store(const CompileJob &Job, const CacheDigest &ConfigKey,
                       const TUFacts &Facts, llvm::StringRef FactsBytes,
                       const std::vector<std::string> &Inputs,
                       llvm::sys::TimePoint<> Started) {
  // A TU with compiler errors may be missing a header that the build has
  // not generated yet: a file that does not exist is in no input list, so
  // its appearance could not invalidate the entry.
  if (Facts.ErrorCount > 0 || Inputs.empty())
    return;
  std::optional<CacheDigest> Key1 = key1(Job, ConfigKey);
  if (!Key1)
    return;
  ManifestEntry New;
  KeyHasher Key2;
  Key2.add(*Key1);
  for (const std::string &Path : Inputs) {
    llvm::sys::fs::file_status St;
    // Changed since the worker started: which version did it read?
    if (llvm::sys::fs::status(Path, St) || St.getLastModificationTime() >= Started)
      return;
    if (llvm::StringRef(Path).contains('\n'))
      return; // a manifest is one input a line
    std::optional<CacheDigest> Hash = contentHash(Path, Freshness::Now);
    if (!Hash)
      return;
    Key2.add(Path).add(*Hash);
    New.Inputs.push_back({Path, *Hash});
  }
  New.FactsName = factsName(Key2.final());
  // The facts before the manifest that names them.
  if (llvm::Error E = writeEntry(New.FactsName, cacheFactsText(FactsBytes)))
    return noteWriteError(std::move(E));

  std::string Name = manifestName(*Key1);
  std::vector<ManifestEntry> Kept{New};
  // Reported when looked up already; the new manifest replaces it.
  for (ManifestEntry &Old : readManifest(Name, Job.File, /*Report=*/false))
    if (Old.FactsName != New.FactsName && Kept.size() < MaxManifestEntries)
      Kept.push_back(std::move(Old));
  if (llvm::Error E = writeEntry(Name, cacheManifestText(Kept)))
    return noteWriteError(std::move(E));
  Stored = true;
}

void FactsCache::noteWriteError(llvm::Error E) {
  std::string Msg = llvm::toString(std::move(E));
  if (!WriteFailed.exchange(true))
    warn("", "cannot write to the cache " + Dir + ": " + Msg);
}

void FactsCache::prune() {
  if (!Stored)
    return;
  llvm::CachePruningPolicy Policy;
  Policy.Interval = std::chrono::duration_cast<std::chrono::seconds>(PruneInterval);
  Policy.Expiration = std::chrono::seconds(0); // the size bound alone
  Policy.MaxSizeBytes = MaxBytes;
  llvm::pruneCache(Dir, Policy);
}

std::unique_ptr<FactsCache> openCache(const CacheOptions &Opts,
                                      const std::string &SelfExe,
                                      std::vector<ToolNotification> &Notes) {
  if (!Opts.Enabled)
    return nullptr;
  auto Cache = FactsCache::open(Opts, SelfExe);
  if (!Cache) {
    Notes.push_back({"", Level::Warning,
                     "analysing without a cache: " +
                         llvm::toString(Cache.takeError())});
    return nullptr;
  }
  return std::move(*Cache);
}

size_t countFromCache(const std::vector<TUOutcome> &Outcomes) {
  return std::count_if(Outcomes.begin(), Outcomes.end(),
                       [](const TUOutcome &O) { return O.FromCache; });
}

} // namespace devlife
