//===- TUAnalysis.h - Parse one translation unit and run the rules --------===//
#ifndef DEVLIFE_CORE_TUANALYSIS_H
#define DEVLIFE_CORE_TUANALYSIS_H

#include "core/Facts.h"
#include "core/Rule.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace devlife {

/// One entry of a compile database, as the build ran it.
struct CompileJob {
  std::string Directory;
  std::string File;
  std::vector<std::string> Arguments; // argv, compiler first
};

struct AnalysisOptions {
  std::shared_ptr<const ApiModel> Model;
  std::vector<const RuleEntry *> Rules;
  std::string ResourceDir; // clang's builtin headers
  /// Parse without the bodies no rule reads (core/BodyFilter.h).
  bool SkipUnreadBodies = true;
  /// Files (absolute paths) the parse reads with these contents instead of
  /// what the disk holds: another revision of them, for `devlife review`.
  std::map<std::string, std::string> FileContents;
};

/// Rewrites a build command into one that only parses: no object, no
/// dependency file, no codegen-only -mllvm options (they are process-global
/// in LLVM and collide when repeated), warnings off, errors kept.
std::vector<std::string> syntaxOnlyArguments(std::vector<std::string> Args,
                                             const std::string &ResourceDir);

/// Parses the TU and runs the rules over it. Never throws: compiler errors
/// and analysis problems are recorded in the returned facts. Inputs, if
/// given, receives every file the parse read (the main file, the headers),
/// absolute and sorted: what the facts depend on besides the command.
TUFacts analyzeTU(const CompileJob &Job, const AnalysisOptions &Opts,
                  std::vector<std::string> *Inputs = nullptr);

} // namespace devlife

#endif
