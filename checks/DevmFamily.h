//===- DevmFamily.h - The devm family: which device, and from where -------===//
//
// The devm rules share one per-TU analysis (DevmTU): the driver roles of the
// file and the classification of every `struct device *` value
// (matchers/DeviceOrigins.h). Rules that need only this TU report at once;
// the rules that need the whole program (a devm call reached from a file
// operation three files away) leave facts in the TU's "devm" section, and
// the family's global step turns them into findings over the program model.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_DEVMFAMILY_H
#define DEVLIFE_CHECKS_DEVMFAMILY_H

#include "core/Family.h"
#include "core/Rule.h"
#include "matchers/DeviceOrigins.h"
#include "matchers/DriverRoles.h"
#include <map>
#include <optional>
#include <set>

namespace devlife {

const Family &devmFamily();

namespace devm {

inline constexpr const char *WrongDeviceRule = "devlife-devm-wrong-device";
inline constexpr const char *OutsideProbeRule = "devlife-devm-outside-probe";
inline constexpr const char *ManualFreeRule = "devlife-devm-manual-free";

/// Bumped when the "devm" section's JSON changes.
constexpr unsigned FactsVersion = 2;

/// What every devm rule of one TU shares, built once.
struct DevmTU {
  DevmTU(const ApiModel &Model, clang::ASTContext &Ctx)
      : Model(Model), Ctx(Ctx), Roles(Model, Ctx), Origins(Model, Ctx, Roles) {}
  const ApiModel &Model;
  clang::ASTContext &Ctx;
  DriverRoles Roles;
  DeviceOrigins Origins;
  /// A managed call that only allocates memory (devm.memory).
  bool isMemory(llvm::StringRef Api) const;
  /// Whether the memory \p Call (in \p FD) returns may be read after FD is
  /// done: a function of this file other than FD reads a field it is
  /// stored in, or the analysis cannot tell where it goes. Memory nothing
  /// reads later cannot be used after its device is deleted.
  bool readLater(const clang::CallExpr *Call, const clang::FunctionDecl *FD) const;

private:
  using FieldReaders =
      std::map<const clang::FieldDecl *, std::set<const clang::FunctionDecl *>>;
  mutable std::optional<FieldReaders> Readers; // built on first use
  const FieldReaders &readers() const;
};
DevmTU &devmOf(const RuleContext &Ctx, clang::ASTContext &AST);

/// Whether \p E has type `struct device *`.
bool isDevicePointer(const clang::Expr *E);

/// The device argument of a managed call, when it is a `struct device *`.
const clang::Expr *deviceArgument(const ApiModel &Model,
                                  const clang::CallExpr *Call);

/// `devm_*(dev, ...)` in a function of the main file: a call of a
/// devres-managed API (by the model's prefixes), bound as "call", in "fn".
clang::ast_matchers::StatementMatcher managedCall(const ApiModel &Model);

/// The rules that need the whole program: `translationUnitDecl()`.
void registerTUMatcher(clang::ast_matchers::MatchFinder &Finder,
                       clang::ast_matchers::MatchFinder::MatchCallback &CB);
/// Leaves this TU's program and devm facts (audit), or runs the family's
/// global step over them and the stored facts (clang-tidy).
void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const clang::ast_matchers::MatchFinder::MatchResult &Result,
             ReportSink &Sink);

/// devlife-devm-manual-free (checks/DevmManualFreeCheck.cpp). The keys it
/// adds to this TU's "devm" section: "managed" (a field or global class
/// stored from a managed call, or the object argument of one), "manual" (a
/// class given to the plain release), "unmanaged" (classes a plain API
/// acquires) and "stored" (classes stored from anything else).
nlohmann::json manualFreeFacts(const RuleContext &Ctx, clang::ASTContext &AST);
/// What one function shows by itself: a local from a managed call released
/// by hand, a counted reference freed with the plain release.
void reportLocalManualFrees(const RuleContext &Ctx, clang::ASTContext &AST,
                            ReportSink &Sink);
/// The fields and globals of the whole program.
std::vector<Finding> manualFreeFindings(const GlobalInput &In);

} // namespace devm
} // namespace devlife

#endif
