//===- CompileDatabase.cpp ------------------------------------------------===//
#include "integrations/audit/CompileDatabase.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <set>

namespace devlife {

std::string absoluteNormal(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P))
    llvm::sys::path::make_absolute(Base, P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

namespace {


bool isCSource(llvm::StringRef File) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return Ext == ".c" || Ext == ".h";
}

bool isUnder(llvm::StringRef File, llvm::StringRef Root) {
  if (File == Root)
    return true;
  return File.starts_with(Root) && File.size() > Root.size() &&
         llvm::sys::path::is_separator(File[Root.size()]);
}

llvm::Expected<std::vector<std::string>>
resolvePaths(const std::vector<std::string> &Paths, llvm::StringRef DbDir) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::vector<std::string> Out;
  for (const std::string &P : Paths) {
    std::string FromCwd = absoluteNormal(P, Cwd);
    std::string FromDb = absoluteNormal(P, DbDir);
    if (llvm::sys::fs::exists(FromCwd))
      Out.push_back(FromCwd);
    else if (llvm::sys::fs::exists(FromDb))
      Out.push_back(FromDb);
    else
      return llvm::createStringError(std::errc::no_such_file_or_directory,
                                     "path '%s' does not exist (looked in %s "
                                     "and %s)",
                                     P.c_str(), Cwd.c_str(),
                                     DbDir.str().c_str());
  }
  return Out;
}

} // namespace

llvm::Expected<JobList> loadCompileJobs(const std::string &DatabaseDir,
                                        const std::vector<std::string> &Paths) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::string Dir = absoluteNormal(DatabaseDir, Cwd);
  std::string DbFile = Dir + "/compile_commands.json";
  if (!llvm::sys::fs::exists(DbFile))
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "no compile database: %s does not exist",
                                   DbFile.c_str());
  std::string Error;
  auto Db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DbFile, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "cannot read compile database %s: %s",
                                   DbFile.c_str(), Error.c_str());
  auto Roots = resolvePaths(Paths, Dir);
  if (!Roots)
    return Roots.takeError();

  JobList List;
  std::set<std::string> SeenFiles;
  for (const clang::tooling::CompileCommand &Cmd : Db->getAllCompileCommands()) {
    // A relative "directory" is relative to the database, not to us.
    std::string Directory = absoluteNormal(Cmd.Directory, Dir);
    std::string File = absoluteNormal(Cmd.Filename, Directory);
    if (!isCSource(File))
      continue;
    if (!Roots->empty() &&
        std::none_of(Roots->begin(), Roots->end(),
                     [&](const std::string &R) { return isUnder(File, R); }))
      continue;
    if (!SeenFiles.insert(File).second) {
      List.Warnings.push_back(File + ": more than one compile command; using "
                                     "the first");
      continue;
    }
    if (Cmd.CommandLine.empty()) {
      List.Warnings.push_back(File + ": empty compile command; skipped");
      continue;
    }
    List.Jobs.push_back({Directory, File, Cmd.CommandLine});
  }
  std::sort(List.Jobs.begin(), List.Jobs.end(),
            [](const CompileJob &A, const CompileJob &B) { return A.File < B.File; });
  return List;
}

} // namespace devlife
