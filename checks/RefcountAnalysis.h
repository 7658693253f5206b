//===- RefcountAnalysis.h - Path-sensitive reference counting -------------===//
//
// Follows every counted reference (device_node, fwnode_handle, device) along
// the paths of a function's CFG, ESP-style: the state of a path is which
// variables hold which references and whether each is owned, released,
// escaped or known null; paths that reach a block in a state seen before are
// merged, so loops terminate and the first path to a state is its witness.
//
// Rules it enforces (see docs of devlife-refcount-leak / -overput):
//  - a reference returned by an acquiring API (model or learned summary) must
//    be released, returned, stored outside the function or handed to an API
//    that consumes it before the last variable holding it is lost;
//  - a reference must not be released twice, nor after an API consumed it.
//
// One Analyzer serves one translation unit and memoizes per function, so a
// callee's summary is computed once, on demand, when a caller needs it.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_REFCOUNTANALYSIS_H
#define DEVLIFE_CHECKS_REFCOUNTANALYSIS_H

#include "core/Report.h"
#include "matchers/ApiModel.h"
#include "matchers/DriverRoles.h"
#include "matchers/ReleasingTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace devlife {
namespace refcount {

/// Steps (one path entering one CFG block in a state not seen there before)
/// a function's walk takes before it gives up on the function, which then
/// reports nothing and is counted, and named, as given up. Kernel functions
/// stay far below it; tests/PathologicalTest.cpp measures what it costs.
inline constexpr unsigned PathBudget = 40000;

struct PathEvent {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Leak {
  std::string Api;     // the acquiring call, e.g. "of_get_next_child"
  std::string Release; // the usual release for its kind, e.g. "of_node_put"
  clang::SourceLocation LostAt;
  std::vector<PathEvent> Path; // the first path found that loses it
  // Other places the same acquisition is lost; one report per acquiring
  // call, as the Static Analyzer uniques leaks by allocation site.
  std::vector<clang::SourceLocation> AlsoLostAt;
  std::vector<clang::FixItHint> Fixes; // one per jump that needs a put
};

struct Overput {
  std::string Api; // the release that does not own what it releases
  std::string Message;
  clang::SourceLocation At;
  std::vector<PathEvent> Path;
  // Other releases of the same reference it does not own; one report per
  // reference (acquiring call or parameter), as for leaks.
  std::vector<clang::SourceLocation> AlsoAt;
};

struct FunctionResult {
  std::vector<Leak> Leaks;
  std::vector<Overput> Overputs;
  RefFunction Summary; // what callers see: returns / releases
  std::set<std::string> ExternalCallees;
  bool GaveUp = false; // the path budget ran out; no findings are reported
};

class Analyzer {
public:
  Analyzer(const ApiModel &Model, clang::ASTContext &Ctx);
  ~Analyzer();

  /// Analyses FD once and remembers the result.
  const FunctionResult &analyze(const clang::FunctionDecl *FD);

  /// What a call to Callee does to references: model data first, then the
  /// summary learned from Callee's body when this TU has one.
  const RefFunction *behaviourOf(const clang::FunctionDecl *Callee);

  /// Which functions are driver callbacks, found once per TU on demand.
  const DriverRoles &roles();
  /// Which objects this TU has a put function for, found on demand.
  const ReleasingTypes &releasingTypes();

  const ApiModel &model() const { return Model; }
  clang::ASTContext &context() const { return Ctx; }

private:
  const ApiModel &Model;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionResult>>
      Results;
  std::set<const clang::FunctionDecl *> InProgress; // recursion guard
  std::unique_ptr<DriverRoles> Roles;
  std::unique_ptr<ReleasingTypes> Putters;
};

} // namespace refcount
} // namespace devlife

#endif
