//===- LockSets.h - Which lock classes are held where in a function -------===//
//
// A forward dataflow over a function's CFG, shaped like Clang's
// ThreadSafety analysis: a lock set is a small value, blocks are visited in
// PostOrderCFGView order, and where paths meet the sets are intersected (a
// lock is held at a point only if it is held on every path there; back
// edges not yet visited are ignored), repeated until nothing changes.
//
// What changes a set, all read from the API model (section "locks"):
//  - an acquiring call adds its lock's class; a conditional one (trylock,
//    mutex_lock_interruptible) only on the branch that tests its result
//    for success, directly or through a local it was stored in;
//  - a release removes it (a lock released but not held is something the
//    function releases for its caller, unless the function itself may
//    hold it there: taken on some path that reaches the release without
//    going round a loop, as in `if (need) device_lock(p); ... if (need)
//    device_unlock(p);`, where the paths met and the must-set lost it);
//  - lockdep_assert_held() says the caller holds it: held from there on;
//  - a guard variable (guard(mutex), scoped_guard) holds its lock until the
//    variable's cleanup runs at the end of its scope;
//  - a call to a function of this TU applies that function's own result:
//    the locks it returns with (device_lock()) and those it releases; a
//    call to one defined in another file, the summary the global phase
//    learned of it (section locks.learned of the model).
//
// One LockSetAnalyzer serves a TU and memoizes per function, so a callee is
// analysed once, on demand, when a caller needs it.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_LOCKSETS_H
#define DEVLIFE_CHECKS_LOCKSETS_H

#include "core/ProgramFacts.h"
#include "matchers/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace devlife::locks {

/// One lock of a set, with what the dataflow needs beyond the fact.
struct HeldEntry {
  program::HeldLock Lock;
  /// The caller holds it (lockdep_assert_held()): not this function's to
  /// return with, and kept where paths meet.
  bool Asserted = false;
  /// Held by this guard variable, released when its scope ends.
  const clang::VarDecl *Guard = nullptr;
};

class LockSet {
public:
  bool contains(llvm::StringRef Class) const;
  /// Adds E unless the same lock (class and text) is held already: two
  /// locks of one class (`device_lock(parent); device_lock(dev);`) are two
  /// entries, so that each unlock releases its own.
  void add(HeldEntry E);
  unsigned count(llvm::StringRef Class) const;
  /// Removes one lock of Class or of a subclass ("x/1"): the one taken as
  /// Text when there is one, else Class itself, else the latest subclass.
  /// `spin_unlock(&dev->parent->power.lock)` after
  /// `spin_lock_nested(&dev->parent->power.lock, 1)` keeps the
  /// `dev->power.lock` held around both. False when none was held.
  bool remove(llvm::StringRef Class, llvm::StringRef Text = "");

  /// Held on both sides; an asserted lock stays even if one side lacks it,
  /// since the assertion speaks for every path after it.
  /// Also keeps, as may-held, what either side may hold.
  static LockSet join(const LockSet &A, const LockSet &B);
  /// Taken by this function on some path here (or held for sure).
  bool mayHold(llvm::StringRef Class) const;
  /// Forgets the may-held locks: what a loop's back edge brings in is no
  /// earlier acquisition of an unlock at its top.
  void dropMayHeld() { MayHeld.clear(); }
  void addMayHeld(const std::string &Class) { MayHeld.insert(Class); }
  const std::set<std::string> &mayHeld() const { return MayHeld; }
  /// Same classes with the same flags. Where a lock was taken is left out:
  /// two paths may take it at different calls, and the fixpoint must not
  /// wait for those to agree.
  bool operator==(const LockSet &O) const;
  bool operator!=(const LockSet &O) const { return !(*this == O); }

  /// Each class once, as the program facts name what is held.
  std::vector<program::HeldLock> held() const;
  const std::vector<HeldEntry> &entries() const { return Entries; }

private:
  std::vector<HeldEntry> Entries; // in the order they were taken
  std::set<std::string> MayHeld;   // classes taken on some path
};

/// A call the walk reached, with the locks held just before it.
struct CallState {
  const clang::CallExpr *Call;
  LockSet Before;
};

struct FunctionLocks {
  std::vector<program::LockSite> Locks;
  std::vector<CallState> Calls; // in CFG order, each call once
  std::vector<std::string> ReturnsHeld;
  std::vector<std::string> ReleasesHeld;
  std::vector<std::string> AssertsHeld;
  /// The entries behind ReturnsHeld, so that a caller keeps their flags.
  std::vector<HeldEntry> AtReturn;
  /// Held at some return but not all (tpm_try_get_ops() on success): its
  /// callers may hold them after the call.
  std::vector<std::string> MayReturnHeld;
  /// Per call, the ReleasesHeld classes the function has dropped by then.
  std::map<const clang::CallExpr *, std::vector<std::string>> DroppedAt;
};

class LockSetAnalyzer {
public:
  LockSetAnalyzer(const ApiModel &Model, clang::ASTContext &Ctx);
  ~LockSetAnalyzer();

  /// Analyses FD's definition once; null while FD is being analysed (a
  /// recursive call has no effect on the lock set) or has no body.
  const FunctionLocks *analyze(const clang::FunctionDecl *FD);

  const ApiModel &model() const { return Model; }
  clang::ASTContext &context() const { return Ctx; }

  /// A call to Name, defined in no file of this TU, used summary L.
  void noteExternal(llvm::StringRef Name, const LockSummary *L);
  /// Every such callee, with the learned summary's JSON ("": none).
  const std::map<std::string, std::string> &externalCallees() const {
    return External;
  }

private:
  const ApiModel &Model;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionLocks>>
      Results;
  std::set<const clang::FunctionDecl *> InProgress; // recursion guard
  std::map<std::string, std::string> External;
};

/// "@N" (or "@N/S") resolved against the classes of a call's arguments;
/// other classes are returned as they are, "" when the argument has none.
std::string resolveParameterClass(const std::string &Class,
                                  const std::vector<std::string> &ArgClasses);

} // namespace devlife::locks

#endif
