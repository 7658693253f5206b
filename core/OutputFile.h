//===- OutputFile.h - Files the audit leaves for others to read -----------===//
#ifndef DEVLIFE_CORE_OUTPUTFILE_H
#define DEVLIFE_CORE_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace devlife {

/// Writes Text to Path through a temporary file beside it, renamed over Path
/// once complete (llvm::sys::fs::TempFile). A CI step that uploads the file, or
/// an audit interrupted or out of disk half-way, leaves the old file or the
/// whole new one, never a part. A path that is no regular file (a pipe,
/// /dev/stdout) is written in place. An error names Path.
llvm::Error writeFileAtomically(const std::string &Path, llvm::StringRef Text);

} // namespace devlife

#endif
