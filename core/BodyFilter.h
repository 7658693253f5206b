//===- BodyFilter.h - The function bodies no rule reads -------------------===//
//
// A kernel TU defines thousands of functions, nearly all inline functions of
// the kernel's headers, and parsing their bodies is most of the frontend's
// time. No rule reads most of them: the rules look at the main file's
// functions and at the helpers those reach that use a kernel API the model
// knows. BodyFilter answers ASTConsumer::shouldSkipFunctionBody, which the
// parser asks at the opening brace of each definition when
// FrontendOptions::SkipFunctionBodies is on. A skipped function is still a
// definition (isDefined(), hasSkippedBody()) but has no body (hasBody()).
//
// A body is kept when it is in the main file or in a local header (one under
// none of the tree's shared include directories, such as the driver's own
// foo.h); when the main file or a local header names the function; or when
// the body, its macros expanded from their definitions, names a function the
// API model knows, a top-level name of the main file, a function kept
// before, or a static function declared but not defined yet. C defines a
// helper before its callers, so a chain of helpers that ends in an API is
// kept whole; a helper reached only through skipped ones reaches no API.
// The one gap: a helper whose only way to an API is a function another TU
// defines (learned in the global phase) is skipped, so its callers' TU does
// not list that function among its external callees.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_BODYFILTER_H
#define DEVLIFE_CORE_BODYFILTER_H

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTConsumer;
class CompilerInstance;
class Decl;
class FunctionDecl;
} // namespace clang

namespace devlife {

/// The names that make a body worth parsing (the API model's names).
struct BodyInterest {
  std::set<std::string> Names;
  std::vector<std::string> Prefixes; // "devm_": every name that starts so
};

struct BodyCounts {
  unsigned Definitions = 0; // function definitions the parser reached
  unsigned Skipped = 0;     // of them, parsed without their body
};

class BodyFilter {
public:
  /// CI must have its preprocessor and main file set up when start() runs.
  BodyFilter(clang::CompilerInstance &CI, BodyInterest Interest);
  ~BodyFilter();
  BodyFilter(const BodyFilter &) = delete;
  BodyFilter &operator=(const BodyFilter &) = delete;

  /// Reads the main file and the local headers it includes, before parsing.
  void start();
  /// Whether the parser may skip the body of FD, whose opening brace is the
  /// current token.
  bool shouldSkip(const clang::FunctionDecl &FD);
  /// A top-level declaration the parser finished.
  void noteDeclaration(const clang::Decl &D);
  BodyCounts counts() const;

private:
  class Impl;
  std::unique_ptr<Impl> I;
};

/// Inner, with the parser asking Filter which bodies to skip (it asks only
/// when FrontendOptions::SkipFunctionBodies is on; Filter counts the
/// definitions either way).
std::unique_ptr<clang::ASTConsumer>
withBodyFilter(std::unique_ptr<clang::ASTConsumer> Inner, BodyFilter &Filter);

} // namespace devlife

#endif
