//===- KernelTree.cpp -----------------------------------------------------===//
#include "integrations/audit/KernelTree.h"
#include "integrations/audit/CompileDatabase.h"

#include "integrations/audit/Partial.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace devlife {
namespace {

// How the audit tells the recorder, which make starts, what to do.
constexpr const char *RealCcVar = "DEVLIFE_KBUILD_REAL_CC";
constexpr const char *CcNameVar = "DEVLIFE_KBUILD_CC_NAME";
constexpr const char *RecordsVar = "DEVLIFE_KBUILD_RECORDS";
constexpr const char *UnderVar = "DEVLIFE_KBUILD_UNDER"; // '\n'-separated

bool isUnder(llvm::StringRef File, llvm::StringRef Root) {
  return File == Root || (File.starts_with(Root) && File.size() > Root.size() &&
                          (Root.ends_with("/") || File[Root.size()] == '/'));
}

bool isUnderAny(llvm::StringRef File, const std::vector<std::string> &Roots) {
  return llvm::any_of(Roots, [&](const std::string &R) { return isUnder(File, R); });
}

std::string readText(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

llvm::Error writeText(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "cannot write %s: %s", Path.c_str(),
                                   EC.message().c_str());
  OS << Text;
  return llvm::Error::success();
}

/// The last lines of make's log, for an error that says why.
std::string tailOf(const std::string &Text, unsigned Lines) {
  size_t Pos = Text.size();
  while (Lines-- && Pos != std::string::npos && Pos > 0)
    Pos = Text.rfind('\n', Pos - 1);
  return llvm::StringRef(Text.substr(Pos == std::string::npos ? 0 : Pos)).trim().str();
}

/// Roots the audit covers, absolute; the whole tree when none is given.
std::vector<std::string> rootsOf(const KernelTreeOptions &Opts) {
  std::vector<std::string> Roots;
  for (const std::string &P : Opts.Paths)
    Roots.push_back(absoluteNormal(P, Opts.Tree));
  if (Roots.empty())
    Roots.push_back(Opts.Tree);
  return Roots;
}

/// The recorder, under the compiler's own name, first in make's PATH.
llvm::Error writeRecorderScript(const std::string &BinDir, const KernelTreeOptions &Opts) {
  std::string Script = BinDir + "/" + Opts.Compiler;
  if (auto Err = writeText(Script, "#!/bin/sh\nexec '" + Opts.SelfExe +
                                       "' kbuild-cc \"$@\"\n"))
    return Err;
  return llvm::errorCodeToError(llvm::sys::fs::setPermissions(
      Script, llvm::sys::fs::perms(0755)));
}

/// make's environment: ours, the recorder first in PATH, and what it needs.
std::vector<std::string> makeEnvironment(const std::string &BinDir,
                                         const std::string &RealCc,
                                         const std::string &Records,
                                         const KernelTreeOptions &Opts) {
  std::vector<std::string> Env;
  std::string Path = BinDir;
  for (char **E = environ; *E; ++E) {
    llvm::StringRef Var(*E);
    if (Var.starts_with("PATH="))
      Path += ":" + Var.drop_front(5).str();
    else if (!Var.starts_with("DEVLIFE_KBUILD_"))
      Env.push_back(Var.str());
  }
  Env.push_back("PATH=" + Path);
  Env.push_back(std::string(RealCcVar) + "=" + RealCc);
  Env.push_back(std::string(CcNameVar) + "=" + Opts.Compiler);
  Env.push_back(std::string(RecordsVar) + "=" + Records);
  Env.push_back(std::string(UnderVar) + "=" + llvm::join(rootsOf(Opts), "\n"));
  return Env;
}

CompileJob jobFromJson(const nlohmann::json &J) {
  return {J.at("directory").get<std::string>(), J.at("file").get<std::string>(),
          J.at("arguments").get<std::vector<std::string>>()};
}

/// What the recorder wrote: one file per compile.
void readRecords(const std::string &Dir, std::map<std::string, CompileJob> &Jobs) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    auto J = nlohmann::json::parse(readText(It->path()), nullptr, false);
    if (J.is_discarded())
      continue; // a record being renamed in: never, make is done
    CompileJob Job = jobFromJson(J);
    Jobs.emplace(Job.File, std::move(Job));
  }
}

/// The objects make found up to date were not compiled, so not recorded:
/// their commands are in the .o.cmd files beside them.
void readCmdFiles(const KernelTreeOptions &Opts, std::map<std::string, CompileJob> &Jobs) {
  std::vector<std::string> Roots = rootsOf(Opts);
  for (const std::string &Root : Roots) {
    std::string Dir = llvm::sys::fs::is_directory(Root)
                          ? Root
                          : llvm::sys::path::parent_path(Root).str();
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      if (!Name.starts_with(".") || !Name.ends_with(".o.cmd"))
        continue;
      std::vector<std::string> Args = savedCommand(readText(It->path()));
      std::optional<std::string> Source = compiledCSource(Args);
      if (!Source)
        continue;
      std::string File = absoluteNormal(*Source, Opts.Tree);
      if (!Jobs.count(File) && isUnderAny(File, Roots) &&
          llvm::sys::fs::exists(File))
        Jobs.emplace(File, CompileJob{Opts.Tree, File, std::move(Args)});
    }
  }
}

llvm::Expected<JobList> recordJobs(const KernelTreeOptions &Opts) {
  for (const char *Needed : {".config", "include/generated/autoconf.h"})
    if (!llvm::sys::fs::exists(Opts.Tree + "/" + Needed))
      return llvm::createStringError(
          std::errc::no_such_file_or_directory,
          "%s has no %s: configure and prepare the tree first (make CC=%s "
          "allmodconfig && make CC=%s prepare)",
          Opts.Tree.c_str(), Needed, Opts.Compiler.c_str(), Opts.Compiler.c_str());
  auto Goals = makeGoals(Opts.Tree, Opts.Paths);
  if (!Goals)
    return Goals.takeError();
  auto RealCc = llvm::sys::findProgramByName(Opts.Compiler);
  auto Make = llvm::sys::findProgramByName("make");
  if (!RealCc || !Make)
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "--kernel-tree needs make and %s in PATH",
                                   Opts.Compiler.c_str());
  llvm::SmallString<128> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("devlife-kbuild", Temp))
    return llvm::createStringError(EC, "cannot create a temporary directory");
  llvm::scope_exit Cleanup([&] { llvm::sys::fs::remove_directories(Temp); });
  std::string Bin = (Temp + "/bin").str(), Records = (Temp + "/records").str(),
              Log = (Temp + "/make.log").str();
  for (const std::string &D : {Bin, Records})
    if (std::error_code EC = llvm::sys::fs::create_directories(D))
      return llvm::createStringError(EC, "cannot create %s", D.c_str());
  if (auto Err = writeRecorderScript(Bin, Opts))
    return Err;

  std::vector<std::string> Env = makeEnvironment(Bin, *RealCc, Records, Opts);
  std::vector<llvm::StringRef> EnvRefs(Env.begin(), Env.end());
  // -k: each object the recorder declines fails its target; make must go on
  // to the next one rather than stop at the first.
  std::vector<std::string> Argv = {"make", "-C", Opts.Tree, "-k",
                                   "-j" + std::to_string(std::max(1u, Opts.Jobs)),
                                   "CC=" + Opts.Compiler};
  Argv.insert(Argv.end(), Goals->begin(), Goals->end());
  std::vector<llvm::StringRef> ArgRefs(Argv.begin(), Argv.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Log),
                                                llvm::StringRef(Log)};
  std::string ErrMsg;
  int Rc = llvm::sys::ExecuteAndWait(*Make, ArgRefs, EnvRefs, Redirects, 0, 0, &ErrMsg);
  if (Rc < 0)
    return llvm::createStringError(std::errc::io_error, "cannot run make: %s",
                                   ErrMsg.c_str());

  std::map<std::string, CompileJob> Found;
  readRecords(Records, Found);
  size_t Recorded = Found.size();
  readCmdFiles(Opts, Found);
  JobList List;
  for (auto &[File, Job] : Found)
    List.Jobs.push_back(std::move(Job)); // the map sorted them by file
  if (List.Jobs.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "Kbuild compiles no C file under the given paths "
                                   "with this .config (make exited %d):\n%s",
                                   Rc, tailOf(readText(Log), 8).c_str());
  List.Warnings.push_back("kernel tree: " + std::to_string(Recorded) +
                          " compile command(s) recorded from Kbuild, " +
                          std::to_string(List.Jobs.size() - Recorded) +
                          " from .o.cmd files of objects already built");
  return List;
}

/// The recorder's verdict on one compile: record it or run the compiler.
bool shouldRecord(const std::vector<std::string> &Args, std::string &File) {
  std::optional<std::string> Source = compiledCSource(Args);
  const char *Under = std::getenv(UnderVar);
  if (!Source || !Under)
    return false;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  File = absoluteNormal(*Source, Cwd);
  std::vector<std::string> Roots;
  for (llvm::StringRef R : llvm::split(Under, '\n'))
    Roots.push_back(R.str());
  return isUnderAny(File, Roots) && llvm::sys::fs::exists(File);
}

} // namespace

std::optional<std::string> compiledCSource(const std::vector<std::string> &Args) {
  bool Compiles = false;
  std::string Output, Source;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "-c")
      Compiles = true;
    else if (A == "-E" || A == "-S" || A == "-M" || A == "-MM" ||
             A == "-fsyntax-only" || A == "-emit-llvm")
      return std::nullopt;
    else if (A == "-o" && I + 1 < Args.size())
      Output = Args[++I];
    else if (!A.starts_with("-") && llvm::sys::path::extension(A) == ".c")
      Source = A.str();
  }
  if (!Compiles || Source.empty() || !llvm::StringRef(Output).ends_with(".o"))
    return std::nullopt;
  return Source;
}

std::vector<std::string> savedCommand(llvm::StringRef CmdFileText) {
  for (llvm::StringRef Line : llvm::split(CmdFileText, '\n')) {
    if (!Line.starts_with("savedcmd_") && !Line.starts_with("cmd_"))
      continue;
    auto [Target, Command] = Line.split(" := ");
    if (Command.empty())
      continue;
    // Kbuild runs the command with sh; GNU tokenizing has its quoting rules.
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 64> Argv;
    llvm::cl::TokenizeGNUCommandLine(Command, Saver, Argv);
    std::vector<std::string> Out(Argv.begin(), Argv.end());
    // Objtool, and other steps, follow the compile: `cc ... ; ./objtool ...`.
    auto End = std::find_if(Out.begin(), Out.end(),
                            [](const std::string &A) { return A == ";" || A == "&&"; });
    Out.erase(End, Out.end());
    return Out;
  }
  return {};
}

llvm::Expected<std::vector<std::string>>
makeGoals(const std::string &Tree, const std::vector<std::string> &Paths) {
  std::vector<std::string> Goals;
  for (const std::string &P : Paths) {
    std::string Abs = absoluteNormal(P, Tree);
    if (!isUnder(Abs, Tree) || Abs == Tree) {
      if (Abs == Tree)
        continue; // the whole tree: make's default goal
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s is not inside the kernel tree %s",
                                     P.c_str(), Tree.c_str());
    }
    std::string Rel = Abs.substr(Tree.size() + 1);
    if (llvm::sys::fs::is_directory(Abs))
      Goals.push_back(Rel + "/");
    else if (llvm::StringRef(Rel).ends_with(".c"))
      Goals.push_back(Rel.substr(0, Rel.size() - 2) + ".o");
    else
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s is neither a directory nor a C file of "
                                     "the tree",
                                     P.c_str());
  }
  return Goals;
}

llvm::Expected<JobList> kernelTreeJobs(const KernelTreeOptions &Opts) {
  if (!Opts.Record && llvm::sys::fs::exists(Opts.Tree + "/compile_commands.json"))
    return loadCompileJobs(Opts.Tree, Opts.Paths);
  return recordJobs(Opts);
}

int kbuildCompilerMain(const std::vector<std::string> &Args) {
  const char *RealCc = std::getenv(RealCcVar);
  const char *Records = std::getenv(RecordsVar);
  if (!RealCc || !Records) {
    llvm::errs() << "devlife kbuild-cc: run by `devlife audit --kernel-tree` only\n";
    return 2;
  }
  std::string File;
  if (!shouldRecord(Args, File)) {
    std::vector<const char *> Argv = {RealCc};
    for (const std::string &A : Args)
      Argv.push_back(A.c_str());
    Argv.push_back(nullptr);
    ::execv(RealCc, const_cast<char *const *>(Argv.data()));
    llvm::errs() << "devlife kbuild-cc: cannot run " << RealCc << "\n";
    return 127;
  }
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::vector<std::string> Command = {std::getenv(CcNameVar) ? std::getenv(CcNameVar)
                                                             : "clang-22"};
  Command.insert(Command.end(), Args.begin(), Args.end());
  nlohmann::json J = {{"directory", std::string(Cwd)}, {"file", File}, {"arguments", Command}};
  // Written aside, then renamed: make runs several of us at once.
  std::string Name = std::string(Records) + "/" + digestOf(File).substr(0, 24);
  llvm::Error Err = writeText(Name + ".tmp", J.dump());
  if (!Err)
    Err = llvm::errorCodeToError(llvm::sys::fs::rename(Name + ".tmp", Name + ".json"));
  if (Err) {
    llvm::errs() << "devlife kbuild-cc: cannot record " << File << ": "
                 << llvm::toString(std::move(Err)) << "\n";
    return 2;
  }
  // Not compiled: the object's target fails, and make -k goes on.
  return 1;
}

} // namespace devlife
