//===- TextOutput.h - Findings as clang prints diagnostics ----------------===//
//
//   drivers/of/base.c:51:3: warning: reference from ... [devlife-refcount-leak]
//   drivers/of/base.c:45:7: note: reference acquired from of_find_node_by_name()
//
// with clang's colours when asked for: the location bold, "warning:" bold
// magenta, "error:" bold red, "note:" bold black, a warning's message bold.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_INTEGRATIONS_REPORT_TEXTOUTPUT_H
#define DEVLIFE_INTEGRATIONS_REPORT_TEXTOUTPUT_H

#include "core/Finding.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace devlife {

enum class ColorMode { Auto, Always, Never };

/// `--color` (Always), `--color=always|never|auto`; nothing for another
/// word.
std::optional<ColorMode> parseColorMode(llvm::StringRef Value);

/// Whether to colour OS: Auto means when it is a terminal that has colours
/// (and TERM says so), as clang decides.
bool useColor(ColorMode Mode, const llvm::raw_ostream &OS);

/// File relative to the current directory when under it, as compilers
/// print paths the user gave them.
std::string displayPath(const std::string &File);

/// Each finding, then a note per step of its code flows and per related
/// location.
void printFindings(const std::vector<Finding> &Findings, llvm::raw_ostream &OS,
                   bool Color = false);

} // namespace devlife

#endif
