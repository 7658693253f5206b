//===- Review.cpp ---------------------------------------------------------===//
#include "integrations/audit/Review.h"

#include "integrations/audit/CompileDatabase.h"
#include "integrations/report/UnifiedDiff.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <regex>
#include <set>

namespace devlife {
namespace {

llvm::Error reviewError(const llvm::Twine &Why) {
  return llvm::createStringError(std::errc::invalid_argument, "review: %s",
                                 Why.str().c_str());
}

std::string readAll(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// git, run in one directory, its output captured.
class Git {
public:
  static llvm::Expected<Git> in(const std::string &Dir) {
    auto Exe = llvm::sys::findProgramByName("git");
    if (!Exe)
      return reviewError("git is not in PATH");
    Git G{*Exe, Dir};
    auto Top = G.run({"rev-parse", "--show-toplevel"});
    if (!Top)
      return reviewError(Dir + " is not in a git repository: " +
                         llvm::toString(Top.takeError()));
    G.Dir = llvm::StringRef(*Top).rtrim("\n").str();
    return G;
  }

  /// Stdout, or an error quoting stderr; Status, if given, receives the
  /// exit status and a failure is no error.
  llvm::Expected<std::string> run(const std::vector<std::string> &Args,
                                  int *Status = nullptr) const {
    llvm::SmallString<128> Out, Err;
    llvm::sys::fs::createTemporaryFile("devlife-git", "out", Out);
    llvm::sys::fs::createTemporaryFile("devlife-git", "err", Err);
    llvm::scope_exit Cleanup([&] {
      llvm::sys::fs::remove(Out);
      llvm::sys::fs::remove(Err);
    });
    std::vector<llvm::StringRef> Argv{Exe, "-C", Dir};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                  llvm::StringRef(Out),
                                                  llvm::StringRef(Err)};
    std::string ErrMsg;
    int Rc = llvm::sys::ExecuteAndWait(Exe, Argv, std::nullopt, Redirects, 0, 0,
                                       &ErrMsg);
    if (Status && Rc >= 0) {
      *Status = Rc;
      return readAll(std::string(Out));
    }
    if (Rc != 0)
      return llvm::createStringError(
          std::errc::io_error, "git %s: %s", Args.front().c_str(),
          (ErrMsg.empty() ? llvm::StringRef(readAll(std::string(Err))).trim().str()
                          : ErrMsg)
              .c_str());
    return readAll(std::string(Out));
  }

  std::string Exe, Dir; // Dir: the top of the work tree, once found
};

/// The two sides of the range: commits, New "" for the working tree.
struct Revisions {
  std::string Old, New;
  std::string Name; // "abc1234..def5678", for the user
};

llvm::Expected<std::string> commitOf(const Git &G, llvm::StringRef Rev) {
  std::string R = Rev.empty() ? "HEAD" : Rev.str();
  int Status = 0;
  auto Sha = G.run({"rev-parse", "--verify", "--quiet", "--end-of-options",
                    R + "^{commit}"},
                   &Status);
  if (!Sha)
    return Sha.takeError();
  if (Status != 0)
    return reviewError("'" + R + "' is not a revision of " + G.Dir);
  return llvm::StringRef(*Sha).trim().str();
}

std::string shortName(const Git &G, const std::string &Sha) {
  auto Short = G.run({"rev-parse", "--short", Sha});
  return Short ? llvm::StringRef(*Short).trim().str() : Sha;
}

llvm::Expected<Revisions> resolveRange(const Git &G, llvm::StringRef Range) {
  Revisions R;
  size_t Dots = Range.find("..");
  if (Dots == llvm::StringRef::npos) {
    auto Old = commitOf(G, Range);
    if (!Old)
      return Old.takeError();
    R.Old = *Old;
    R.Name = shortName(G, R.Old) + "..(working tree)";
    return R;
  }
  bool Symmetric = Range.substr(Dots).starts_with("...");
  llvm::StringRef A = Range.take_front(Dots),
                  B = Range.drop_front(Dots + (Symmetric ? 3 : 2));
  auto Old = commitOf(G, A), New = commitOf(G, B);
  if (!Old)
    return Old.takeError();
  if (!New)
    return New.takeError();
  R.Old = *Old;
  R.New = *New;
  if (Symmetric) {
    auto Base = G.run({"merge-base", R.Old, R.New});
    if (!Base)
      return Base.takeError();
    R.Old = llvm::StringRef(*Base).trim().str();
  }
  R.Name = shortName(G, R.Old) + ".." + shortName(G, R.New);
  return R;
}

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path;
  return std::string(Real);
}

bool isHeader(llvm::StringRef Path) { return Path.ends_with(".h"); }

/// Contents read instead of the disk's: kept in files, for the workers.
class Overlay {
public:
  explicit Overlay(std::string Dir) : Dir(std::move(Dir)) {}

  llvm::Error add(const std::string &Path, const std::string &Contents) {
    std::string File = Dir + "/" + std::to_string(Files.size());
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    if (EC)
      return reviewError("cannot write " + File + ": " + EC.message());
    OS << Contents;
    Files[Path] = File;
    Texts[Path] = Contents;
    return llvm::Error::success();
  }
  const std::map<std::string, std::string> &files() const { return Files; }

  /// What the report reads: these contents, else the disk.
  SourceReader reader() const {
    std::map<std::string, std::string> T = Texts;
    return [T](const std::string &File) -> std::optional<std::string> {
      auto It = T.find(File);
      if (It != T.end())
        return It->second;
      auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false);
      if (!Buf)
        return std::nullopt;
      return (*Buf)->getBuffer().str();
    };
  }

private:
  std::string Dir;
  std::map<std::string, std::string> Files, Texts;
};

/// Everything one review needs to know before it audits.
struct Plan {
  Revisions Revs;
  std::vector<FileChange> Changes;
  std::string Root; // the repository's top as the compile database names it
  std::vector<CompileJob> NewJobs, OldJobs;
};

/// Where the database names the repository: git gives the real path, a
/// database may name the tree through a symbolic link.
std::string rootAsTheDatabaseNamesIt(const std::vector<CompileJob> &Jobs,
                                     const std::string &Top) {
  std::string RealTop = realPath(Top);
  for (const CompileJob &J : Jobs) {
    std::string Real = realPath(J.File);
    llvm::StringRef Rel(Real);
    if (!Rel.consume_front(RealTop + "/"))
      continue;
    llvm::StringRef File(J.File);
    if (File.consume_back("/" + Rel.str()))
      return File.str();
  }
  return Top;
}

/// The TUs of Jobs the changes touch, and those under ExtraPaths.
std::set<std::string> touchedFiles(const std::vector<CompileJob> &Jobs,
                                   const std::vector<FileChange> &Changes,
                                   const std::string &Root) {
  std::set<std::string> Changed, Headers, Out;
  for (const FileChange &C : Changes)
    if (!C.NewPath.empty())
      (isHeader(C.NewPath) ? Headers : Changed).insert(Root + "/" + C.NewPath);
  for (const CompileJob &J : Jobs) {
    if (Changed.count(J.File)) {
      Out.insert(J.File);
      continue;
    }
    if (Headers.empty())
      continue;
    std::string Text = readAll(J.File);
    for (const std::string &H : Headers)
      if (includesHeader(J.File, Text, H)) {
        Out.insert(J.File);
        break;
      }
  }
  return Out;
}

llvm::Expected<Plan> plan(const AuditOptions &Opts, const Git &G,
                          llvm::StringRef Range,
                          const std::vector<std::string> &ExtraPaths) {
  Plan P;
  auto Revs = resolveRange(G, Range);
  if (!Revs)
    return Revs.takeError();
  P.Revs = *Revs;
  std::vector<std::string> DiffArgs{
      "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames",
      "--unified=0", "--src-prefix=a/", "--dst-prefix=b/", "--no-relative",
      P.Revs.Old};
  if (!P.Revs.New.empty())
    DiffArgs.push_back(P.Revs.New);
  DiffArgs.push_back("--");
  auto Diff = G.run(DiffArgs);
  if (!Diff)
    return Diff.takeError();
  auto Changes = parseUnifiedDiff(*Diff);
  if (!Changes)
    return reviewError("git diff gave a diff devlife cannot read: " +
                       llvm::toString(Changes.takeError()));
  P.Changes = std::move(*Changes);

  auto All = loadCompileJobs(Opts.DatabaseDir, {});
  if (!All)
    return All.takeError();
  P.Root = Opts.SourceRoot.empty() ? rootAsTheDatabaseNamesIt(All->Jobs, G.Dir)
                                   : Opts.SourceRoot;
  std::set<std::string> Files = touchedFiles(All->Jobs, P.Changes, P.Root);
  if (!ExtraPaths.empty()) {
    auto Extra = loadCompileJobs(Opts.DatabaseDir, ExtraPaths);
    if (!Extra)
      return Extra.takeError();
    for (const CompileJob &J : Extra->Jobs)
      Files.insert(J.File);
  }
  std::set<std::string> Added;
  for (const FileChange &C : P.Changes)
    if (C.OldPath.empty())
      Added.insert(P.Root + "/" + C.NewPath);
  for (const CompileJob &J : All->Jobs)
    if (Files.count(J.File)) {
      P.NewJobs.push_back(J);
      if (!Added.count(J.File))
        P.OldJobs.push_back(J);
    }
  return P;
}

/// The old revision's contents of every file the range changes, under
/// both its names if it was renamed.
llvm::Error overlayOld(const Git &G, const Plan &P, Overlay &O) {
  for (const FileChange &C : P.Changes) {
    if (C.OldPath.empty() || C.Binary)
      continue;
    auto Text = G.run({"cat-file", "blob", P.Revs.Old + ":" + C.OldPath});
    if (!Text)
      return Text.takeError();
    for (const std::string &Name : {C.OldPath, C.NewPath})
      if (!Name.empty())
        if (auto Err = O.add(P.Root + "/" + Name, *Text))
          return Err;
  }
  return llvm::Error::success();
}

/// The new revision's contents, unless the working tree has them.
llvm::Error overlayNew(const Git &G, const Plan &P, Overlay &O) {
  if (P.Revs.New.empty())
    return llvm::Error::success();
  std::vector<std::string> Paths;
  for (const FileChange &C : P.Changes)
    if (!C.NewPath.empty() && !C.Binary)
      Paths.push_back(C.NewPath);
  if (Paths.empty())
    return llvm::Error::success();
  std::vector<std::string> Args{"diff", "--quiet", "--no-ext-diff", P.Revs.New, "--"};
  Args.insert(Args.end(), Paths.begin(), Paths.end());
  int Status = 0;
  if (auto Same = G.run(Args, &Status); !Same)
    return Same.takeError();
  if (Status == 0)
    return llvm::Error::success(); // the working tree is the new revision
  for (const std::string &Path : Paths) {
    auto Text = G.run({"cat-file", "blob", P.Revs.New + ":" + Path});
    if (!Text)
      return Text.takeError();
    if (auto Err = O.add(P.Root + "/" + Path, *Text))
      return Err;
  }
  return llvm::Error::success();
}

int usage(llvm::Error Err) {
  llvm::errs() << "devlife: error: " << llvm::toString(std::move(Err)) << "\n";
  return ExitUsage;
}

} // namespace

bool includesHeader(llvm::StringRef SourcePath, llvm::StringRef SourceText,
                    llvm::StringRef HeaderPath) {
  static const std::regex Include(R"(^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"])");
  llvm::StringRef Dir = llvm::sys::path::parent_path(SourcePath);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  SourceText.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    if (!L.contains("include"))
      continue;
    std::cmatch M;
    if (!std::regex_search(L.begin(), L.end(), M, Include))
      continue;
    std::string Name = M[2].str();
    bool Quoted = M[1].str() == "\"";
    llvm::SmallString<256> Beside(Dir);
    llvm::sys::path::append(Beside, Name);
    llvm::sys::path::remove_dots(Beside, /*remove_dot_dot=*/true);
    if (Quoted && Beside == HeaderPath)
      return true;
    if ((Name.find('/') != std::string::npos || !Quoted) &&
        HeaderPath.ends_with("/" + Name))
      return true;
  }
  return false;
}

int runReview(AuditOptions Opts, const std::string &Range,
              const std::vector<std::string> &ExtraPaths) {
  auto Start = std::chrono::steady_clock::now();
  auto G = Git::in(Opts.SourceRoot.empty() ? Opts.DatabaseDir : Opts.SourceRoot);
  if (!G)
    return usage(G.takeError());
  auto Checks = selectChecks(Opts.CheckGlobs);
  if (!Checks)
    return usage(Checks.takeError());
  auto Model = loadApiModel(Opts.ModelFiles);
  if (!Model)
    return usage(Model.takeError());
  auto P = plan(Opts, *G, Range, ExtraPaths);
  if (!P)
    return usage(P.takeError());
  if (!Opts.Quiet)
    llvm::errs() << "devlife: review " << P->Revs.Name << ": "
                 << P->Changes.size() << " file(s) changed, "
                 << P->NewJobs.size() << " translation unit(s) to audit ("
                 << P->OldJobs.size() << " at the old revision)\n";
  if (P->NewJobs.empty()) {
    if (!Opts.Quiet)
      llvm::outs() << "devlife: review " << P->Revs.Name
                   << ": no C file of the compile database changed, nor a "
                      "header one includes: nothing to review\n";
    return ExitOk;
  }

  llvm::SmallString<128> TempDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("devlife-review", TempDir))
    return usage(reviewError("cannot create a temporary directory: " + EC.message()));
  llvm::scope_exit Cleanup([&] { llvm::sys::fs::remove_directories(TempDir); });
  Overlay OldFiles(std::string(TempDir) + "/old"), NewFiles(std::string(TempDir) + "/new");
  llvm::sys::fs::create_directory(std::string(TempDir) + "/old");
  llvm::sys::fs::create_directory(std::string(TempDir) + "/new");
  if (auto Err = overlayOld(*G, *P, OldFiles))
    return usage(std::move(Err));
  if (auto Err = overlayNew(*G, *P, NewFiles))
    return usage(std::move(Err));

  // The old revision: only its findings matter, as the baseline.
  AuditOptions Old = Opts;
  Old.SourceRoot = P->Root;
  Old.Cache.Enabled = false; // the cache keys what the disk holds
  Old.Overlay = OldFiles.files();
  Old.ProgramFactsFile.clear();
  std::vector<Finding> OldFindings;
  if (!P->OldJobs.empty()) {
    AuditInput OldIn{*Checks, *Model, P->OldJobs, P->OldJobs.size(), ""};
    Analysed A = analysePipeline(Old, OldIn, std::nullopt, Start);
    if (!A.Result)
      return A.ExitCode;
    if (A.Result->FailedTUs && !Opts.Quiet)
      llvm::errs() << "devlife: warning: review: " << A.Result->FailedTUs
                   << " translation unit(s) could not be analysed at the old "
                      "revision; their findings count as new\n";
    OldFindings = std::move(A.Result->Findings);
  }

  AuditOptions New = std::move(Opts);
  New.SourceRoot = P->Root;
  New.Overlay = NewFiles.files();
  if (!New.Overlay.empty())
    New.Cache.Enabled = false;
  New.Sources = NewFiles.reader();
  New.Known = std::make_shared<Baseline>(
      Baseline::fromFindings(OldFindings, P->Root, OldFiles.reader()));
  New.KnownName = "the old revision " + P->Revs.Name.substr(0, P->Revs.Name.find(".."));
  New.Changed = std::make_shared<ChangedLines>(
      P->Changes, ChangedLines::UnchangedFiles::Keep);
  AuditInput NewIn{*Checks, std::move(*Model), P->NewJobs, P->NewJobs.size(), ""};
  return runPipeline(New, NewIn, std::nullopt, Start);
}

} // namespace devlife
