//===- OutputFile.cpp -----------------------------------------------------===//
#include "core/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace devlife {

namespace {

/// Writes Text; a failed write comes back as an Error, and is cleared, or
/// the stream would abort the process when it closes.
llvm::Error writeAll(llvm::raw_fd_ostream &OS, llvm::StringRef Text) {
  OS << Text;
  OS.flush();
  if (!OS.has_error())
    return llvm::Error::success();
  std::error_code EC = OS.error();
  OS.clear_error();
  return llvm::errorCodeToError(EC);
}

/// "-" (stdout), a pipe, a device, a symlink (/dev/stdout): renaming over
/// it would replace it, not write to it.
bool writeInPlace(const std::string &Path) {
  if (Path == "-")
    return true;
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St, /*Follow=*/false))
    return false; // does not exist yet
  return St.type() != llvm::sys::fs::file_type::regular_file;
}

llvm::Error writeThrough(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::errorCodeToError(EC);
  return writeAll(OS, Text);
}

/// TempFile removes itself if the process dies of a signal LLVM handles.
llvm::Error writeThenRename(const std::string &Path, llvm::StringRef Text) {
  auto Temp = llvm::sys::fs::TempFile::create(Path + ".tmp-%%%%%%");
  if (!Temp)
    return Temp.takeError();
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    if (llvm::Error E = writeAll(OS, Text))
      return llvm::joinErrors(std::move(E), Temp->discard());
  }
  return Temp->keep(Path);
}

} // namespace

llvm::Error writeFileAtomically(const std::string &Path, llvm::StringRef Text) {
  llvm::Error E = writeInPlace(Path) ? writeThrough(Path, Text)
                                     : writeThenRename(Path, Text);
  if (!E)
    return llvm::Error::success();
  return llvm::createStringError(std::errc::io_error, "cannot write %s: %s",
                                 Path.c_str(), llvm::toString(std::move(E)).c_str());
}

} // namespace devlife
