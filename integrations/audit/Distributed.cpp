//===- Distributed.cpp ----------------------------------------------------===//
#include "integrations/audit/Distributed.h"

#include "integrations/audit/Partial.h"
#include "integrations/audit/Version.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace devlife {
namespace {

std::string absolute(llvm::StringRef P) {
  llvm::SmallString<256> S(P);
  llvm::sys::fs::make_absolute(S);
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  return std::string(S);
}

llvm::Expected<std::string> readText(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "cannot read %s: %s", Path.c_str(),
                                   Buf.getError().message().c_str());
  return (*Buf)->getBuffer().str();
}

int fail(llvm::Error Err) {
  llvm::errs() << "devlife: error: " << llvm::toString(std::move(Err)) << "\n";
  return ExitUsage;
}

/// What only `merge` can check of the run: every partial agrees, but this
/// devlife must be the one that made them.
llvm::Expected<PartialRun> runOf(const AuditOptions &Opts, const AuditInput &In) {
  PartialRun R{toolVersion(), In.Checks, {}, Opts.SourceRoot, Opts.UriBaseId, ""};
  for (const std::string &F : Opts.ModelFiles) {
    auto Text = readText(F);
    if (!Text)
      return Text.takeError();
    R.Models.push_back({F, std::move(*Text)});
  }
  if (Opts.ShardCount)
    R.DatabaseDir = absolute(Opts.DatabaseDir);
  return R;
}

PartialCoverage coverageOf(const AuditOptions &Opts, const AuditInput &In) {
  PartialCoverage C;
  if (!Opts.ShardCount)
    return C; // one file's partial, or a set of files'
  C.What = PartialCoverage::Shard;
  C.Index = Opts.ShardIndex;
  C.Count = Opts.ShardCount;
  C.SelectionDigest = In.SelectionDigest;
  C.Paths = Opts.Paths;
  C.SelectionSize = In.Selected;
  return C;
}

/// A check prints as the build goes, like sparse: findings and failures of
/// its one TU on stderr.
void printRoundOne(const std::vector<TUOutcome> &Outcomes) {
  for (const TUOutcome &O : Outcomes) {
    if (!O.Ok) {
      llvm::errs() << O.File << ": error: " << O.Failure << "\n";
      continue;
    }
    printFindings(O.Facts.Findings, llvm::errs());
    if (O.Facts.ErrorCount)
      for (const std::string &P : O.Facts.Problems)
        llvm::errs() << O.File << ": error: " << P << "\n";
  }
}

/// The partial's file, under DIR, for a TU: one per source file, so a
/// rebuild (C=1) replaces its partial rather than adding a second.
std::string partialNameFor(const std::string &Dir, const std::string &File) {
  return Dir + "/" + llvm::sys::path::filename(File).str() + "-" +
         digestOf(File).substr(0, 16) + ".partial";
}

/// Merge analyses with the partials' model text, wherever the files went:
/// copies in a temporary directory, in the same order.
llvm::Expected<std::vector<std::string>>
materialise(const std::vector<ModelFileCopy> &Models, const std::string &Dir) {
  std::vector<std::string> Paths;
  for (size_t I = 0; I < Models.size(); ++I) {
    std::string Path = Dir + "/model" + std::to_string(I) + ".json";
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    if (EC)
      return llvm::createStringError(EC, "cannot write %s: %s", Path.c_str(),
                                     EC.message().c_str());
    OS << Models[I].Text;
    Paths.push_back(Path);
  }
  return Paths;
}

/// The re-analysis rounds parse TUs again and the SARIF reads their
/// sources: without the tree a merge would differ from the audit, so it
/// does not start.
llvm::Error checkTreeIsHere(const Partial &All) {
  for (const PartialTU &T : All.TUs)
    for (const std::string &P : {T.Job.Directory, T.Job.File})
      if (!llvm::sys::fs::exists(P))
        return llvm::createStringError(
            std::errc::no_such_file_or_directory,
            "%s does not exist: merge re-analyses translation units and reads "
            "their sources, so it needs the source tree (and its generated "
            "headers) at the paths the partials were made at",
            P.c_str());
  return llvm::Error::success();
}

} // namespace

int writeRoundOne(const AuditOptions &Opts, const AuditInput &In,
                  const std::vector<TUOutcome> &Outcomes) {
  bool IsCheck = !Opts.ShardCount;
  if (IsCheck && !Opts.Quiet)
    printRoundOne(Outcomes);
  size_t Failed = 0;
  for (const TUOutcome &O : Outcomes)
    Failed += !O.Ok || O.Facts.ErrorCount;
  if (!IsCheck)
    for (const TUOutcome &O : Outcomes)
      if (!O.Ok)
        llvm::errs() << O.File << ": error: " << O.Failure << "\n";
  if (!Opts.PartialFile.empty()) {
    auto Run = runOf(Opts, In);
    if (!Run)
      return fail(Run.takeError());
    Partial P{std::move(*Run), coverageOf(Opts, In), {}};
    for (size_t I = 0; I < In.Jobs.size(); ++I)
      P.TUs.push_back({In.Jobs[I], Outcomes[I]});
    if (auto Err = writePartial(Opts.PartialFile, P))
      return fail(std::move(Err));
  }
  if (!IsCheck)
    llvm::outs() << "devlife: shard " << Opts.ShardIndex << "/" << Opts.ShardCount
                 << ": " << In.Jobs.size() << " of " << In.Selected
                 << " translation units, " << Failed << " failed; partial "
                 << Opts.PartialFile << " (`devlife merge` reports)\n";
  // A check never fails the build for what it found: the merge decides.
  return ExitOk;
}

int runMerge(AuditOptions Opts, const std::vector<std::string> &PartialFiles) {
  auto Start = std::chrono::steady_clock::now();
  std::vector<Partial> Parts;
  for (const std::string &F : PartialFiles) {
    auto P = readPartial(F);
    if (!P)
      return fail(P.takeError());
    Parts.push_back(std::move(*P));
  }
  auto All = combinePartials(Parts, PartialFiles);
  if (!All)
    return fail(All.takeError());
  Parts.clear();
  if (All->Run.Version != toolVersion())
    return fail(llvm::createStringError(
        std::errc::invalid_argument,
        "the partials were made by devlife %s, this is %s: merge with the "
        "devlife that made them",
        All->Run.Version.c_str(), toolVersion().c_str()));
  if (auto Err = checkTreeIsHere(*All))
    return fail(std::move(Err));

  llvm::SmallString<128> ModelDir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("devlife-merge", ModelDir))
    return fail(llvm::createStringError(EC, "cannot create a temporary directory"));
  llvm::scope_exit RemoveModels(
      [&] { llvm::sys::fs::remove_directories(ModelDir); });
  auto ModelFiles = materialise(All->Run.Models, std::string(ModelDir));
  if (!ModelFiles)
    return fail(ModelFiles.takeError());
  auto Model = loadApiModel(*ModelFiles);
  if (!Model)
    return fail(Model.takeError());

  Opts.ModelFiles = *ModelFiles;
  Opts.SourceRoot = All->Run.SourceRoot;
  Opts.UriBaseId = All->Run.UriBaseId;
  Opts.DatabaseDir = All->Run.DatabaseDir;
  AuditInput In{All->Run.Checks, std::move(*Model), {}, All->TUs.size(), ""};
  std::vector<TUOutcome> RoundOne;
  for (PartialTU &T : All->TUs) {
    In.Jobs.push_back(std::move(T.Job));
    RoundOne.push_back(std::move(T.Outcome));
  }
  return runPipeline(Opts, In, std::move(RoundOne), Start);
}

llvm::Expected<CompileJob> checkerJob(const std::vector<std::string> &Args,
                                      const std::string &Directory) {
  if (Args.empty() || llvm::sys::path::extension(Args.back()) != ".c")
    return llvm::createStringError(std::errc::invalid_argument,
                                   "check: the last argument must be the C file "
                                   "(as Kbuild runs $(CHECK) ... $<)");
  // Sparse defines these because it is no compiler; clang predefines
  // them itself, or must not see them (__CHECKER__ turns on sparse-only
  // attributes clang rejects).
  static const llvm::StringSet<> SparseOnly = {
      "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
      "-D__x86_64__", "-D__i386__", "-D__CHECKER__", "-D__CHECK_ENDIAN__",
      "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
      "-mlittle-endian", "-mbig-endian"};
  CompileJob Job;
  Job.Directory = Directory;
  Job.Arguments.push_back("clang");
  for (size_t I = 0; I + 1 < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (SparseOnly.contains(A) || A.starts_with("--arch=") || A.starts_with("-Wsparse"))
      continue;
    Job.Arguments.push_back(A.str());
  }
  llvm::SmallString<256> File(Args.back());
  llvm::sys::path::make_absolute(Directory, File);
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  Job.File = std::string(File);
  // As in a compile database: the command names the file as the build did.
  Job.Arguments.push_back(Args.back());
  return Job;
}

int runCheck(AuditOptions Opts, const std::vector<std::string> &Args) {
  auto Start = std::chrono::steady_clock::now();
  std::string PartialDir;
  size_t I = 0;
  // Our options first, then everything Kbuild appends: flags and the file.
  auto Value = [&](llvm::StringRef Name, std::string &Out) {
    llvm::StringRef A = Args[I];
    if (A == Name && I + 1 < Args.size()) {
      Out = Args[++I];
      return true;
    }
    if (A.consume_front(Name) && A.consume_front("=")) {
      Out = A.str();
      return true;
    }
    return false;
  };
  for (; I < Args.size(); ++I) {
    std::string V;
    if (Args[I] == "--") {
      ++I;
      break;
    }
    if (Value("--partial-dir", PartialDir))
      continue;
    if (Value("--checks", V)) {
      for (llvm::StringRef G : llvm::split(V, ','))
        Opts.CheckGlobs.push_back(G.str());
      continue;
    }
    if (Value("--api-model", V)) {
      Opts.ModelFiles.push_back(absolute(V));
      continue;
    }
    if (Value("--source-root", V)) {
      Opts.SourceRoot = absolute(V);
      continue;
    }
    break;
  }
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  auto Job = checkerJob({Args.begin() + I, Args.end()}, std::string(Cwd));
  if (!Job)
    return fail(Job.takeError());
  if (Opts.SourceRoot.empty())
    Opts.SourceRoot = std::string(Cwd); // Kbuild runs at the top of the tree
  auto Checks = selectChecks(Opts.CheckGlobs);
  if (!Checks)
    return fail(Checks.takeError());
  auto Model = loadApiModel(Opts.ModelFiles);
  if (!Model)
    return fail(Model.takeError());
  if (!PartialDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(PartialDir))
      return fail(llvm::createStringError(EC, "cannot create %s: %s",
                                          PartialDir.c_str(), EC.message().c_str()));
    Opts.PartialFile = partialNameFor(absolute(PartialDir), Job->File);
  }
  Opts.RoundOneOnly = true;
  Opts.Progress = ProgressMode::Never;
  Opts.Limits.Jobs = 1;
  AuditInput In{*Checks, std::move(*Model), {*Job}, 1, ""};
  return runPipeline(Opts, In, std::nullopt, Start);
}

} // namespace devlife
