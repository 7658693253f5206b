//===- RefcountAnalysis.cpp - Path-sensitive reference counting -----------===//
#include "checks/RefcountAnalysis.h"

#include "matchers/DriverRoles.h"
#include "matchers/FunctionSyntax.h"
#include "matchers/KernelMatchers.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <deque>
#include <map>
#include <unordered_set>

namespace devlife {
namespace refcount {
namespace {

using namespace clang;

/// Evidence beyond this many steps only repeats the loop it is in.
constexpr size_t MaxTrail = 48;

enum class Trust : uint8_t { Full, Weak };

enum class Status : uint8_t {
  Owned,    // this function must release it
  Released, // released on this path
  Consumed, // handed to an API that released it (from-consuming finds)
  Escaped,  // returned, stored, or owned by a cleanup of another kind
  Guarded,  // held by a __free() variable whose cleanup releases it
  Null,     // the acquire failed on this path
  Param,    // came in through a parameter: the caller's business
  Borrowed, // read from a field that lends it (dev->of_node): never ours
};

struct Ref {
  const Expr *Site = nullptr; // acquiring call; null for a parameter
  std::string Api;
  std::string Kind;
  Status St = Status::Owned;
  bool MaybeNull = true;
  int Param = -1;
  size_t TrailStart = 0;
  const Expr *ReleasedBy = nullptr;
  std::string ReleasedByApi;
  const ForStmt *Iterator = nullptr; // acquired by this loop's init/step
  const Stmt *ExitJump = nullptr;    // first jump out of Iterator held
  const VarDecl *LoopVar = nullptr;
  bool Bound = false; // ever held by a variable
  PathEvent Acquired;  // first step of its code flow, whatever the trail cap
  bool AliasGet = false; // of_node_get(x): dropped, the ref stays with x
  bool HeldByArg = false; // `of_node_get(x);` as a statement, x held nothing
  // Out-parameter references exist only if the call returned 0: the call,
  // or the local its result went to (PathState::Tests), decides that.
  const Expr *SuccessCall = nullptr;
  // ...and the code believes in it only once a test said the call succeeded
  // or it reads the out field. Until then a lost out reference is not
  // reported: `rc = of_parse_phandle_with_args(...); unittest(rc == -EINVAL)`
  // expects the call to fail and never looks at args.np.
  bool Confirmed = false;
  bool Returned = false; // a parameter handed back by a return statement
  // of_get_parent(np): the reference (index into PathState::Refs) whose
  // being NULL makes this one NULL (model data: null_if_null). -1: none.
  int NullWith = -1;
};

/// A reference known to be NULL on this path: a NULL constant, or an
/// acquisition a test found to have failed.
bool isKnownNull(const Ref &R) { return R.St == Status::Null; }

/// A test found R NULL: its acquisition failed on this path, so a put of
/// it since did nothing (`of_node_put(np); ... if (!np) of_node_put(np);`
/// puts nothing twice) and a __free() variable holding it owns nothing, on
/// every later test too.
void foundNull(Ref &R) {
  if (R.St != Status::Borrowed)
    R.St = Status::Null;
}

/// A value computed by an expression: the reference it points to, and
/// whether it is the object itself or an lvalue inside it (`np->fwnode`,
/// which only `&` turns back into a pointer to the same object).
struct Value {
  unsigned RefIdx = 0;
  bool Interior = false;
  // `!of_find_device_by_node(x)`: a truth value about the reference, not
  // the pointer (so Interior too); whether it is true when it is NULL. It
  // keeps the reference alive until a branch or a local takes the test over.
  std::optional<bool> TestNullWhenTrue;

  Value() = default;
  explicit Value(unsigned RefIdx, bool Interior = false,
                 std::optional<bool> TestNullWhenTrue = std::nullopt)
      : RefIdx(RefIdx), Interior(Interior), TestNullWhenTrue(TestNullWhenTrue) {}
};

/// What a branch condition says about a reference: which one, whether the
/// condition is true when it is NULL (or was not made), and whether the
/// other side says anything at all: `ret == -ENOENT` false is not success.
struct NullTest {
  unsigned RefIdx;
  bool NullWhenTrue;
  bool OnlyNullSide = false;
  NullTest negated() const { return {RefIdx, !NullWhenTrue, OnlyNullSide}; }
};

/// Where a reference can be held: a local pointer, or a pointer field of a
/// local struct filled in by an API (`struct of_phandle_args args; ...
/// args.np`).
using Slot = std::pair<const VarDecl *, const FieldDecl *>;
Slot slot(const VarDecl *V) { return {V, nullptr}; }

struct PathState {
  std::vector<Ref> Refs;
  std::map<Slot, unsigned> Vars;
  std::map<const Expr *, Value> Values;
  std::vector<PathEvent> Trail;
  const ReturnStmt *LastReturn = nullptr;
  bool Sink = false; // a noreturn call ended the path: nothing is lost
  std::set<unsigned> NullParams; // parameters found NULL on this path
  // Scalars that hold a null test of a reference: `ret =
  // of_parse_phandle_with_args(...)`, `int __ret_warn_on = !!(!np)` inside
  // WARN_ON().
  std::map<const VarDecl *, NullTest> Tests;
  std::set<const VarDecl *> DeadTests; // out of scope: they hold nothing
  // Scalars whose initialiser is a constant and that are never written
  // again: their truth value.
  std::map<const VarDecl *, bool> Consts;

  /// Everything that decides the future of the path; the trail does not.
  std::string key() const;
  void event(SourceLocation Loc, std::string Msg) {
    if (Trail.size() < MaxTrail)
      Trail.push_back({Loc, std::move(Msg)});
  }
};

std::string PathState::key() const {
  std::string K;
  llvm::raw_string_ostream OS(K);
  for (unsigned P : NullParams)
    OS << 'n' << P;
  for (const auto &[V, C] : Consts)
    OS << 'c' << V << C;
  for (const VarDecl *V : DeadTests)
    OS << 'd' << V;
  for (const auto &[V, T] : Tests)
    OS << 't' << V << '=' << T.RefIdx << T.NullWhenTrue << T.OnlyNullSide;
  auto refKey = [&](unsigned I) {
    const Ref &R = Refs[I];
    OS << R.Site << '/' << R.Param << '/' << int(R.St) << '/' << R.MaybeNull
       << '/' << R.ReleasedBy << '/' << R.ExitJump << '/' << R.Bound << '/'
       << R.LoopVar << '/' << R.Confirmed << '/'
       << R.Returned << '/' << R.HeldByArg << '/' << R.NullWith << ';';
  };
  for (const auto &[V, I] : Vars) {
    OS << V.first << '.' << V.second << '=' << I << ':';
    refKey(I);
  }
  for (const auto &[E, V] : Values) {
    OS << E << '~' << V.RefIdx << V.Interior
       << (V.TestNullWhenTrue ? int(*V.TestNullWhenTrue) : 2) << ':';
    refKey(V.RefIdx);
  }
  return K;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == V)
      return true;
  for (const Stmt *Child : S->children())
    if (Child && mentions(Child, V))
      return true;
  return false;
}

/// Parentheses, and what only selects an operand: the CFG has no element for
/// `_Generic` (container_of_const(), to_spi_device()) or
/// __builtin_choose_expr, just for the operand they select.
const Expr *skipParens(const Expr *E) { return E->IgnoreParens(); }

bool isTrackedLocal(const VarDecl *V) {
  return V && (V->hasLocalStorage() || isa<ParmVarDecl>(V)) &&
         !V->getType().isNull() && V->getType()->isPointerType();
}

const VarDecl *localVarOf(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE)
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  return isTrackedLocal(V) ? V : nullptr;
}

/// `args.np` where args is a local struct: a slot of its own.
std::optional<Slot> fieldSlot(const MemberExpr *ME) {
  if (ME->isArrow())
    return std::nullopt;
  const auto *DRE = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!V || !F || !V->hasLocalStorage() || !F->getType()->isPointerType())
    return std::nullopt;
  return Slot{V, F};
}

/// The slot `&local.Field` names, for an API that fills Field.
std::optional<Slot> outSlot(const Expr *Arg, StringRef Field) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return std::nullopt;
  const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const RecordDecl *RD = V ? V->getType()->getAsRecordDecl() : nullptr;
  if (!V || !V->hasLocalStorage() || !RD)
    return std::nullopt;
  for (const FieldDecl *F : RD->fields())
    if (F->getName() == Field)
      return Slot{V, F};
  return std::nullopt;
}

/// `priv->child` and `priv->child`: the same access path of variables and
/// fields, so the same object.
bool sameObject(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const auto *DA = dyn_cast<DeclRefExpr>(A)) {
    const auto *DB = dyn_cast<DeclRefExpr>(B);
    return DB && DA->getDecl() == DB->getDecl();
  }
  const auto *MA = dyn_cast<MemberExpr>(A);
  const auto *MB = dyn_cast<MemberExpr>(B);
  return MA && MB && MA->getMemberDecl() == MB->getMemberDecl() &&
         MA->isArrow() == MB->isArrow() &&
         sameObject(MA->getBase(), MB->getBase());
}

void eraseVar(const VarDecl *V, PathState &S) {
  for (auto It = S.Vars.lower_bound(slot(V));
       It != S.Vars.end() && It->first.first == V;)
    It = S.Vars.erase(It);
}

/// Walks the CFG of one function, path by path.
class PathWalker {
public:
  PathWalker(Analyzer &A, const FunctionDecl *FD, FunctionResult &Out)
      : A(A), SM(A.context().getSourceManager()), FD(FD), Out(Out),
        Syntax(FD->getBody()) {
    Out.Summary.Name = FD->getNameAsString();
  }

  void run();

private:
  Analyzer &A;
  const SourceManager &SM;
  const FunctionDecl *FD;
  FunctionResult &Out;
  FunctionSyntax Syntax;
  std::map<const Expr *, size_t> LeakOfSite; // acquiring call -> Out.Leaks
  std::set<SourceLocation> ReportedOverputs;
  // acquiring call (or parameter index) -> Out.Overputs
  std::map<std::pair<const Expr *, int>, size_t> OverputOfRef;
  std::set<unsigned> ReleasedParams; // on some path
  std::set<unsigned> KeptParams;     // still the caller's on some exit
  std::set<unsigned> ReturnedParams; // handed back on some exit
  std::set<unsigned> StoredParams;   // written somewhere on some path

  struct WorkItem {
    const CFGBlock *Block;
    PathState State;
  };

  void processBlock(const CFGBlock &B, PathState &S);
  void transfer(const Stmt *St, PathState &S);
  void transferCall(const CallExpr *Call, PathState &S);
  void transferAssign(const Expr *LHS, const Expr *RHS, const Stmt *At,
                      PathState &S);
  void bindVar(const VarDecl *V, std::optional<Value> Val, const Stmt *At,
               PathState &S);
  void release(unsigned Idx, const CallExpr *Call, StringRef Api,
               bool AlsoAcquires, Trust How, PathState &S);
  Trust trustOf(const FunctionDecl *Callee, const RefFunction *B) const;
  void acquireOut(const CallExpr *Call, const RefFunction &B, PathState &S);
  void lendExtraReference(const Expr *Arg, PathState &S);
  bool keptInField(const Expr *Arg) const;
  void noteScalarWrite(const VarDecl *V, const Expr *RHS, PathState &S);
  std::optional<NullTest>
  successTest(const Expr *Cond, const PathState &S) const;
  void escape(std::optional<Value> V, PathState &S);
  void store(std::optional<Value> V, PathState &S);
  std::optional<Value> valueOf(const Expr *E, const PathState &S) const;
  void consumeChildren(const Stmt *St, PathState &S);
  void collectLost(PathState &S, SourceLocation LostAt);
  bool guardExit(const PathState &S, const Ref &R) const;
  void reportLeak(const Ref &R, SourceLocation LostAt, const PathState &S);
  void addExit(Leak &L, SourceLocation LostAt, std::vector<FixItHint> Fixes);
  void reportOverput(const Ref &R, const CallExpr *Call, StringRef Api,
                     bool AlsoAcquires, const PathState &S);
  void leaveFunction(PathState &S);
  std::vector<PathEvent> pathOf(const Ref &R, const PathState &S) const;
  void noteReturnedValue(const ReturnStmt *RS, const PathState &S);
  void handOverWithResult(const ReturnStmt *RS, PathState &S);
  std::optional<int> PassedParam; // every return hands back this parameter
  bool ReturnsOther = false;
  void reportBorrowedPut(const Ref &R, const CallExpr *Call, StringRef Api,
                         const PathState &S);
  bool isBorrowedRead(const MemberExpr *ME) const;
  bool isNullPointer(const CastExpr *Cast) const;
  bool cleanupReleases(const VarDecl *V, const Ref &R) const;
  void runCleanup(const VarDecl *V, PathState &S);
  void reportCleanupOverput(const Ref &R, const VarDecl *V, const PathState &S);
  void addOverput(const Ref &R, Overput O);
  bool readsThroughNull(const CastExpr *Cast, const std::optional<Value> &Read,
                        const PathState &S) const;
  Value knownNull(PathState &S) const;
  bool buildsObject(const Expr *Obj) const;
  std::string fieldSpelling(const MemberExpr *ME) const;
  void noteJump(const CFGBlock &B, PathState &S);
  bool noteIteratorExit(const Stmt *Jump, PathState &S);
  bool refine(const CFGBlock &B, bool TakenTrue, PathState &S);
  bool failsTest(const CFGBlock &B, bool TakenTrue) const;
  std::optional<NullTest> truthCompare(const BinaryOperator *BO,
                                       const PathState &S) const;
  void noteConstant(const VarDecl *V, PathState &S) const;
  bool constantBranch(const Expr *Cond, bool TakenTrue,
                      const PathState &S) const;
  void dropConditionValue(const CFGBlock &B, PathState &S);
  std::optional<NullTest>
  nullTest(const Expr *Cond, const PathState &S) const;
  std::vector<FixItHint> iteratorFix(const Ref &R) const;
  SourceLocation endOfScope(const Stmt *Trigger) const;
};

void PathWalker::run() {
  CFG::BuildOptions Opts;
  // Every sub-expression becomes an element, in evaluation order, so values
  // can be followed from the call that makes them to the place they go.
  Opts.setAllAlwaysAdd();
  // Lifetime ends tell where a block-scoped variable holding a reference dies.
  Opts.AddLifetime = true;
  std::unique_ptr<CFG> Cfg =
      CFG::buildCFG(FD, FD->getBody(), &A.context(), Opts);
  if (!Cfg) {
    Out.GaveUp = true;
    return;
  }

  PathState Init;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!isTrackedLocal(P))
      continue;
    Ref R;
    R.St = Status::Param;
    R.Param = int(I);
    Init.Refs.push_back(R);
    Init.Vars[slot(P)] = unsigned(Init.Refs.size() - 1);
  }

  std::deque<WorkItem> Work;
  std::unordered_set<std::string> Seen;
  Work.push_back({&Cfg->getEntry(), std::move(Init)});
  unsigned Visits = 0;
  while (!Work.empty()) {
    WorkItem Item = std::move(Work.front());
    Work.pop_front();
    if (!Seen.insert(std::to_string(Item.Block->getBlockID()) + "|" +
                     Item.State.key())
             .second)
      continue;
    if (++Visits > PathBudget) {
      Out.GaveUp = true;
      return;
    }
    processBlock(*Item.Block, Item.State);
    if (Item.State.Sink)
      continue;
    if (Item.Block == &Cfg->getExit()) {
      leaveFunction(Item.State);
      continue;
    }
    noteJump(*Item.Block, Item.State);
    unsigned SuccIdx = 0;
    bool TwoWay = Item.Block->succ_size() == 2;
    for (const CFGBlock::AdjacentBlock &Succ : Item.Block->succs()) {
      bool TakenTrue = SuccIdx++ == 0;
      if (!Succ.getReachableBlock())
        continue;
      if (TwoWay && failsTest(*Item.Block, TakenTrue))
        continue;
      PathState Next = Item.State;
      if (TwoWay && !refine(*Item.Block, TakenTrue, Next))
        continue;
      dropConditionValue(*Item.Block, Next);
      Work.push_back({Succ.getReachableBlock(), std::move(Next)});
    }
  }
  // A helper releases its argument only if it does so on every path where
  // the argument is not NULL; tpm_try_get_ops() puts only when it fails.
  // A helper that puts its argument on some paths and returns it on the
  // others, returning a new reference otherwise, consumes the argument as
  // of_find_node_by_name(from) does: __of_find_node_by_full_path().
  bool HandsBack = !Out.Summary.Returns.empty();
  for (unsigned P : ReleasedParams)
    if (!KeptParams.count(P) && (HandsBack || !ReturnedParams.count(P)))
      Out.Summary.Releases.push_back(P);
  // Only a file's own helper: of_alias_add() keeps the node in the alias it
  // links in, but of_phandle_iterator_init() stores it in the caller's
  // iterator on the stack. An exported API that keeps a reference says so
  // in the model.
  if (!FD->isExternallyVisible())
    for (unsigned P : StoredParams)
      if (!Out.Summary.releasesArg(P))
        Out.Summary.Escapes.push_back(P);
  if (PassedParam && !ReturnsOther && !Out.Summary.acquires())
    Out.Summary.PassesArg = unsigned(*PassedParam);
}

void PathWalker::processBlock(const CFGBlock &B, PathState &S) {
  for (const CFGElement &E : B) {
    // A noreturn call ends its block, a NULL dereference may not: what
    // follows it in the block never runs.
    if (S.Sink)
      return;
    if (auto CS = E.getAs<CFGStmt>()) {
      transfer(CS->getStmt(), S);
    } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
      runCleanup(LE->getVarDecl(), S);
      eraseVar(LE->getVarDecl(), S);
      // The test stays known (WARN_ON()'s value outlives its local) but no
      // longer keeps the reference alive.
      if (S.Tests.count(LE->getVarDecl()))
        S.DeadTests.insert(LE->getVarDecl());
      SourceLocation At = S.LastReturn ? S.LastReturn->getBeginLoc()
                                       : endOfScope(LE->getTriggerStmt());
      collectLost(S, At);
    }
  }
}

SourceLocation PathWalker::endOfScope(const Stmt *Trigger) const {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return CS->getRBracLoc();
  return Trigger ? Trigger->getEndLoc() : FD->getBody()->getEndLoc();
}

std::optional<Value> PathWalker::valueOf(const Expr *E,
                                         const PathState &S) const {
  if (!E)
    return std::nullopt;
  // `gdev ?: ERR_PTR(...)` refers to gdev's value through an opaque value.
  if (const auto *OV = dyn_cast<OpaqueValueExpr>(E); OV && OV->getSourceExpr())
    E = OV->getSourceExpr();
  auto It = S.Values.find(E);
  if (It == S.Values.end() && E != skipParens(E))
    It = S.Values.find(skipParens(E));
  if (It == S.Values.end())
    return std::nullopt;
  return It->second;
}

void PathWalker::transfer(const Stmt *St, PathState &S) {
  std::optional<Value> Result;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
      auto It = S.Vars.find(slot(V));
      if (It != S.Vars.end())
        Result = Value{It->second};
    }
  } else if (const auto *Cast = dyn_cast<CastExpr>(St)) {
    if (Cast->getCastKind() != CK_ToVoid)
      Result = valueOf(Cast->getSubExpr(), S);
    if (readsThroughNull(Cast, Result, S))
      S.Sink = true; // an oops ends the path: nothing is lost on it
    // Reading a field of the object yields some other value.
    if (Result && Result->Interior && !Result->TestNullWhenTrue &&
        Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_BitCast)
      Result.reset();
    if (!Result && isNullPointer(Cast))
      Result = knownNull(S);
  } else if (const auto *ME = dyn_cast<MemberExpr>(St)) {
    if (auto Field = fieldSlot(ME)) {
      auto It = S.Vars.find(*Field);
      if (It != S.Vars.end()) {
        Result = Value{It->second};
        S.Refs[It->second].Confirmed = true;
      }
    } else if (isBorrowedRead(ME)) {
      Ref R;
      R.St = Status::Borrowed;
      R.Api = fieldSpelling(ME);
      S.Refs.push_back(R);
      Result = Value{unsigned(S.Refs.size() - 1)};
    } else if (auto Base = valueOf(ME->getBase(), S);
               Base && (ME->isArrow() ? !Base->Interior : Base->Interior)) {
      Result = Value{Base->RefIdx, /*Interior=*/true};
      // np->x: the code takes np to be non-NULL from here on.
      if (ME->isArrow())
        S.Refs[Base->RefIdx].MaybeNull = false;
    }
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->getOpcode() == UO_AddrOf) {
      if (const VarDecl *V = localVarOf(UO->getSubExpr())) {
        // &np: someone may write through it; stop following np.
        auto It = S.Vars.find(slot(V));
        if (It != S.Vars.end())
          S.Refs[It->second].St = Status::Escaped;
        S.Vars.erase(slot(V));
      } else if (auto Sub = valueOf(UO->getSubExpr(), S);
                 Sub && Sub->Interior && !Sub->TestNullWhenTrue) {
        Result = Value{Sub->RefIdx};
      }
    } else if (UO->getOpcode() == UO_LNot) {
      if (auto Sub = valueOf(UO->getSubExpr(), S); Sub && Sub->TestNullWhenTrue)
        Result = Value{Sub->RefIdx, true, !*Sub->TestNullWhenTrue};
      else if (Sub && !Sub->Interior)
        Result = Value{Sub->RefIdx, true, true};
    }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign) {
      transferAssign(BO->getLHS(), BO->getRHS(), BO, S);
      Result = valueOf(BO->getRHS(), S);
    } else if (BO->getOpcode() == BO_Comma) {
      Result = valueOf(BO->getRHS(), S);
    } else if (BO->isAdditiveOp() && BO->getType()->isPointerType()) {
      // container_of(): pointer arithmetic stays inside the object.
      Result = valueOf(BO->getLHS(), S);
      if (!Result)
        Result = valueOf(BO->getRHS(), S);
    }
  } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(St)) {
    Result = valueOf(CO->getTrueExpr(), S);
    if (!Result)
      Result = valueOf(CO->getFalseExpr(), S);
  } else if (const auto *SE = dyn_cast<StmtExpr>(St)) {
    const CompoundStmt *CS = SE->getSubStmt();
    if (!CS->body_empty())
      if (const auto *Last = dyn_cast<Expr>(CS->body_back()))
        Result = valueOf(Last, S);
    if (Result)
      S.Values.erase(skipParens(cast<Expr>(CS->body_back())));
  } else if (const auto *Call = dyn_cast<CallExpr>(St)) {
    transferCall(Call, S);
    Result = valueOf(Call, S);
  } else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    if (DS->isSingleDecl())
      if (const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl()))
        if (V->hasInit()) {
          if (isTrackedLocal(V) && !V->isStaticLocal())
            bindVar(V, valueOf(V->getInit(), S), DS, S);
          else if (V->hasLocalStorage() && !V->getType()->isPointerType()) {
            noteScalarWrite(V, V->getInit(), S);
            noteConstant(V, S);
          }
          else
            store(valueOf(V->getInit(), S), S);
        }
  } else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    S.LastReturn = RS;
    noteIteratorExit(RS, S);
    noteReturnedValue(RS, S);
    handOverWithResult(RS, S);
    if (auto V = valueOf(RS->getRetValue(), S); V && !V->Interior) {
      Ref &R = S.Refs[V->RefIdx];
      R.Returned = R.St == Status::Param;
      if (R.St == Status::Owned && Out.Summary.Returns.empty()) {
        Out.Summary.Returns = R.Kind;
        if (R.AliasGet && !R.Bound)
          Out.Summary.ReturnsArg = 0; // a get wrapper: return get_device(x)
      }
      escape(V, S);
    }
  } else if (isa<InitListExpr>(St) || isa<CompoundLiteralExpr>(St)) {
    for (const Stmt *Child : St->children())
      if (const auto *E = dyn_cast_or_null<Expr>(Child))
        store(valueOf(E, S), S);
  }
  consumeChildren(St, S);
  if (Result && isa<Expr>(St) && !Syntax.discardsValue(St))
    S.Values[cast<Expr>(St)] = *Result;
  // `of_find_node_by_name(NULL, "x");` loses its result here, not at the
  // end of the function, which a path may never reach (a NULL dereference).
  if (isa<Expr>(St) && Syntax.discardsValue(St))
    S.Values.erase(cast<Expr>(St));
  collectLost(S, St->getBeginLoc());
}

/// Whether V's cleanup releases references of R's kind: `__free(device_node)`
/// on a device_node, as the model's kinds list their DEFINE_FREE names.
bool PathWalker::cleanupReleases(const VarDecl *V, const Ref &R) const {
  const auto *Cleanup = V->getAttr<CleanupAttr>();
  const FunctionDecl *Fn = Cleanup ? Cleanup->getFunctionDecl() : nullptr;
  if (!Fn || !Fn->getIdentifier())
    return false;
  StringRef Name = Fn->getName();
  if (!Name.consume_front("__free_"))
    return false;
  const RefKind *K = A.model().kindForCleanup(Name);
  return K && K->Name == R.Kind;
}

/// V goes out of scope: its __free() cleanup releases what it holds. A
/// reference released or consumed since, and not moved out with
/// no_free_ptr() or set to NULL, is released twice.
void PathWalker::runCleanup(const VarDecl *V, PathState &S) {
  auto It = S.Vars.find(slot(V));
  if (!V->hasAttr<CleanupAttr>() || It == S.Vars.end())
    return;
  Ref &R = S.Refs[It->second];
  if (!cleanupReleases(V, R))
    return;
  if (R.St == Status::Guarded)
    R.St = Status::Escaped; // released as it should be
  else if ((R.St == Status::Released || R.St == Status::Consumed) &&
           R.ReleasedBy)
    reportCleanupOverput(R, V, S);
}

void PathWalker::reportCleanupOverput(const Ref &R, const VarDecl *V,
                                      const PathState &S) {
  std::string Cleanup = V->getAttr<CleanupAttr>()->getFunctionDecl()
                            ->getName()
                            .drop_front(strlen("__free_"))
                            .str();
  Overput O;
  O.Path = pathOf(R, S);
  O.At = R.ReleasedBy->getBeginLoc();
  O.Api = R.ReleasedByApi;
  O.Message = R.ReleasedByApi + "() releases a reference that the __free(" +
              Cleanup + ") cleanup of '" + V->getName().str() +
              "' releases again";
  SourceLocation End = S.LastReturn ? S.LastReturn->getBeginLoc()
                                    : FD->getBody()->getEndLoc();
  O.Path.push_back({End, "released again by the cleanup of '" +
                             V->getName().str() + "'"});
  addOverput(R, std::move(O));
}

/// `np->name` read where np is known to be NULL. Only a read: `&np->fwnode`
/// computes an address, as of_fwnode_handle() does behind its NULL test.
bool PathWalker::readsThroughNull(const CastExpr *Cast,
                                  const std::optional<Value> &Read,
                                  const PathState &S) const {
  const auto *ME = dyn_cast<MemberExpr>(skipParens(Cast->getSubExpr()));
  return Cast->getCastKind() == CK_LValueToRValue && ME && ME->isArrow() &&
         Read && Read->Interior && !Read->TestNullWhenTrue &&
         isKnownNull(S.Refs[Read->RefIdx]);
}

/// `NULL`, `(void *)0`: a pointer this path knows to be NULL, so that
/// `np = NULL; ... if (np)` takes one side only and `of_get_parent(np)`
/// returns NULL.
bool PathWalker::isNullPointer(const CastExpr *Cast) const {
  return Cast->getType()->isPointerType() &&
         Cast->isNullPointerConstant(A.context(),
                                     Expr::NPC_ValueDependentIsNotNull);
}

Value PathWalker::knownNull(PathState &S) const {
  Ref R;
  R.St = Status::Null;
  S.Refs.push_back(R);
  return Value{unsigned(S.Refs.size() - 1)};
}

void PathWalker::consumeChildren(const Stmt *St, PathState &S) {
  for (const Stmt *Child : St->children())
    if (const auto *E = dyn_cast_or_null<Expr>(Child)) {
      S.Values.erase(E);
      S.Values.erase(skipParens(E));
    }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(St)) {
    S.Values.erase(skipParens(CO->getTrueExpr()));
    S.Values.erase(skipParens(CO->getFalseExpr()));
  }
}

void PathWalker::transferAssign(const Expr *LHS, const Expr *RHS,
                                const Stmt *At, PathState &S) {
  std::optional<Value> V = valueOf(RHS, S);
  if (V && V->Interior)
    V.reset();
  if (const VarDecl *Var = localVarOf(LHS)) {
    bindVar(Var, V, At, S);
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(DRE->getDecl());
        Var && Var->hasLocalStorage()) {
      noteScalarWrite(Var, RHS, S);
      return;
    }
  // A field, a global, an array slot, *out: the reference leaves our hands.
  store(V, S);
}

void PathWalker::bindVar(const VarDecl *V, std::optional<Value> Val,
                         const Stmt *At, PathState &S) {
  S.Vars.erase(slot(V));
  if (!Val || Val->Interior)
    return;
  S.Vars[slot(V)] = Val->RefIdx;
  Ref &R = S.Refs[Val->RefIdx];
  R.Bound = true;
  if (R.Iterator && !R.LoopVar)
    R.LoopVar = V;
  // __free(), _scoped iterators: the variable's cleanup releases what it
  // holds when it goes out of scope; a guard's or kfree's cleanup, not.
  if (V->hasAttr<CleanupAttr>() && R.St == Status::Owned)
    R.St = cleanupReleases(V, R) ? Status::Guarded : Status::Escaped;
}

/// The value is written where it outlives the function (a field, a global,
/// *out, an initialiser). A parameter stored like that is kept by the
/// function: of_alias_add() keeps the node in the alias it builds.
void PathWalker::store(std::optional<Value> V, PathState &S) {
  if (V && !V->Interior && S.Refs[V->RefIdx].St == Status::Param)
    StoredParams.insert(unsigned(S.Refs[V->RefIdx].Param));
  escape(V, S);
}

void PathWalker::escape(std::optional<Value> V, PathState &S) {
  if (!V || V->TestNullWhenTrue)
    return;
  Ref &R = S.Refs[V->RefIdx];
  if (R.St == Status::Owned)
    R.St = Status::Escaped;
}

void PathWalker::transferCall(const CallExpr *Call, PathState &S) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const RefFunction *B = Callee ? A.behaviourOf(Callee) : nullptr;
  StringRef Api = calleeName(Call);
  // BUG(), panic(), the noreturn of compiletime_assert(): a path that stops
  // here loses nothing (the Static Analyzer makes it a sink).
  if (Callee && Callee->isNoReturn())
    S.Sink = true;
  bool AnyRefArg = false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    std::optional<Value> V = valueOf(Call->getArg(I), S);
    if (!V || V->Interior || isKnownNull(S.Refs[V->RefIdx]))
      continue;
    AnyRefArg = true;
    // A parameter handed to code that is not known to accept NULL: the
    // function takes it to be non-NULL (what it does after says nothing).
    if (!B && S.Refs[V->RefIdx].Param >= 0)
      S.Refs[V->RefIdx].MaybeNull = false;
    if (B && B->releasesArg(I))
      release(V->RefIdx, Call, Api, B->acquires(), trustOf(Callee, B), S);
    else if (B && B->keepsArg(I))
      escape(V, S); // devm_add_action_or_reset(dev, put_it, np)
  }
  // A learned summary may change in the next round of the global phase, so
  // a callee known only by one stays external. A definition whose body was
  // skipped (core/BodyFilter.h) is defined here all the same: it reaches no
  // API, so no other TU's summary can describe it.
  if (Callee && (!B || B->Learned) && !Callee->isDefined() &&
      (AnyRefArg || Call->getType()->isPointerType()))
    Out.ExternalCallees.insert(Api.str());
  if (B && B->Out && B->Out->Arg < Call->getNumArgs())
    acquireOut(Call, *B, S);
  if (B && B->PassesArg && *B->PassesArg < Call->getNumArgs())
    if (auto V = valueOf(Call->getArg(*B->PassesArg), S); V && !V->Interior)
      S.Values[Call] = *V; // to_platform_device(dev) is dev
  if (!B || !B->acquires())
    return;
  const VarDecl *Holder = nullptr; // `of_node_get(next);` makes next own one
  if (B->ReturnsArg && *B->ReturnsArg < Call->getNumArgs()) {
    const Expr *Arg = Call->getArg(*B->ReturnsArg);
    lendExtraReference(Arg, S);
    Holder = localVarOf(Arg);
    auto Held = Holder ? S.Vars.find(slot(Holder)) : S.Vars.end();
    if (Held != S.Vars.end() && !isKnownNull(S.Refs[Held->second]))
      Holder = nullptr; // it holds a reference already: not ours to count
  }
  Ref R;
  R.Site = Call;
  R.Api = Api.str();
  R.Kind = B->Returns;
  R.Iterator = Syntax.loopStepping(Call);
  R.AliasGet = B->ReturnsArg.has_value();
  if (B->NullIfNull && *B->NullIfNull < Call->getNumArgs())
    if (auto V = valueOf(Call->getArg(*B->NullIfNull), S); V && !V->Interior) {
      R.NullWith = int(V->RefIdx);
      if (isKnownNull(S.Refs[V->RefIdx]))
        R.St = Status::Null; // of_get_parent(NULL)
    }
  R.Acquired = {Call->getBeginLoc(), "reference acquired from " + R.Api + "()"};
  R.TrailStart = S.Trail.size() + 1;
  S.event(R.Acquired.Loc, R.Acquired.Message);
  S.Refs.push_back(R);
  S.Values[Call] = Value{unsigned(S.Refs.size() - 1)};
  if (B->ReturnsArg && *B->ReturnsArg < Call->getNumArgs() &&
      keptInField(Call->getArg(*B->ReturnsArg)))
    S.Refs.back().St = Status::Escaped;
  if (Holder) {
    bindVar(Holder, S.Values[Call], Call, S);
    S.Refs.back().HeldByArg = Syntax.discardsValue(Call);
  }
}

/// `get_device(dev->parent)` where this file drops `dev->parent` of a
/// device it is handed (device_del()): the new reference is the one the
/// object keeps in that field until then, whichever local holds it now.
bool PathWalker::keptInField(const Expr *Arg) const {
  const auto *ME = dyn_cast<MemberExpr>(Arg->IgnoreParenImpCasts());
  return ME && ME->isArrow() &&
         A.releasingTypes().releasesField(
             dyn_cast<FieldDecl>(ME->getMemberDecl()));
}

/// `of_node_get(dn); of_find_node_by_name(dn, ...)`: the extra reference
/// travels with dn, so what dn holds may now be handed to a consuming API.
/// Counting two references behind one variable is more than this analysis
/// does; it stops following dn's reference instead.
void PathWalker::lendExtraReference(const Expr *Arg, PathState &S) {
  std::optional<Value> V = valueOf(Arg, S);
  if (!V || V->Interior)
    return;
  Ref &R = S.Refs[V->RefIdx];
  if (R.St == Status::Owned || R.St == Status::Borrowed ||
      R.St == Status::Param)
    R.St = Status::Escaped;
}

void PathWalker::acquireOut(const CallExpr *Call, const RefFunction &B,
                            PathState &S) {
  auto Where = outSlot(Call->getArg(B.Out->Arg), B.Out->Field);
  if (!Where)
    return; // filled through a pointer we were given: the caller's business
  Ref R;
  R.Site = Call;
  R.Api = calleeName(Call).str();
  R.Kind = B.Out->Kind;
  R.Bound = true;
  R.SuccessCall = Call;
  R.Acquired = {Call->getBeginLoc(), "reference acquired from " + R.Api +
                                         "() in '" +
                                         Where->first->getName().str() + "." +
                                         Where->second->getName().str() + "'"};
  R.TrailStart = S.Trail.size() + 1;
  S.event(R.Acquired.Loc, R.Acquired.Message);
  S.Refs.push_back(R);
  S.Vars[*Where] = unsigned(S.Refs.size() - 1);
}

/// `ret = of_parse_phandle_with_args(...)`: ret now tells whether the
/// out-parameter reference exists; `int __ret_warn_on = !!(!np)` remembers a
/// null test of np. Any other write to the local forgets it.
void PathWalker::noteScalarWrite(const VarDecl *V, const Expr *RHS,
                                 PathState &S) {
  S.Tests.erase(V);
  S.DeadTests.erase(V);
  if (RHS && !RHS->IgnoreParenImpCasts()->getType()->isPointerType())
    if (auto T = nullTest(RHS, S))
      S.Tests[V] = *T;
}

/// `ret`, `ret < 0`, `ret != 0`, `ret == -EINVAL` (and the call itself in
/// their place) are true when an out-parameter reference was not made;
/// `ret >= 0` is true when it was. `ret == -EINVAL` false proves nothing.
std::optional<NullTest>
PathWalker::successTest(const Expr *Cond, const PathState &S) const {
  Cond = Cond->IgnoreParenImpCasts();
  bool NullWhenTrue = true, OnlyNullSide = false;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    Expr::EvalResult RHS;
    if (!BO->getRHS()->EvaluateAsInt(RHS, A.context()))
      return std::nullopt;
    bool Zero = RHS.Val.getInt().isZero();
    if (Zero && BO->getOpcode() == BO_GE)
      NullWhenTrue = false;
    else if (Zero ? BO->getOpcode() != BO_LT : BO->getOpcode() != BO_EQ)
      return std::nullopt; // `!=` a code says nothing
    OnlyNullSide = !Zero;  // `ret == -ENOENT` true is a failure, false is not success
    Cond = BO->getLHS()->IgnoreParenImpCasts();
  }
  // `ret`, where ret holds the call's result as its test.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    auto It = V ? S.Tests.find(V) : S.Tests.end();
    if (It == S.Tests.end() || !S.Refs[It->second.RefIdx].SuccessCall ||
        !It->second.NullWhenTrue || It->second.OnlyNullSide)
      return std::nullopt;
    return NullTest{It->second.RefIdx, NullWhenTrue, OnlyNullSide};
  }
  // In a loop the same call made older references too: it speaks for the
  // newest.
  for (unsigned I = S.Refs.size(); I-- > 0;)
    if (S.Refs[I].SuccessCall == Cond)
      return NullTest{I, NullWhenTrue, OnlyNullSide};
  return std::nullopt;
}

/// Model data and a static helper of this file say exactly whose reference
/// goes. A summary of an exported function does not: device_unregister()
/// drops the registration's reference, whether or not we put ours first.
Trust PathWalker::trustOf(const FunctionDecl *Callee,
                          const RefFunction *B) const {
  if (B->Learned)
    return Trust::Weak; // a summary from another file
  if (A.model().refFunction(B->Name) == B)
    return Trust::Full;
  return Callee->isExternallyVisible() ? Trust::Weak : Trust::Full;
}

void PathWalker::release(unsigned Idx, const CallExpr *Call, StringRef Api,
                         bool AlsoAcquires, Trust How, PathState &S) {
  Ref &R = S.Refs[Idx];

  if (How == Trust::Weak) {
    // It may or may not have been ours: stop following it either way.
    if (R.St == Status::Owned || R.St == Status::Guarded)
      R.St = Status::Escaped;
    else if (R.St == Status::Param)
      ReleasedParams.insert(unsigned(R.Param));
    return;
  }
  switch (R.St) {
  case Status::Owned:
  case Status::Guarded: // the cleanup will release it again, unless moved
    R.St = AlsoAcquires ? Status::Consumed : Status::Released;
    break;
  case Status::Param:
    ReleasedParams.insert(unsigned(R.Param));
    R.St = Status::Released;
    break;
  case Status::Released:
  case Status::Consumed:
    reportOverput(R, Call, Api, AlsoAcquires, S);
    return;
  case Status::Borrowed:
    // Only a driver's own callbacks are sure not to hold a reference to
    // their device's node: subsystem code pairs gets and puts across
    // functions (spi_unregister_device(), of_pwmchip_remove()).
    if (How == Trust::Full && A.roles().inBindingContext(FD) &&
        !A.roles().isOwnerCallback(FD))
      reportBorrowedPut(R, Call, Api, S);
    return;
  case Status::Escaped:
  case Status::Null:
    return;
  }
  R.ReleasedBy = Call;
  R.ReleasedByApi = Api.str();
  if (!AlsoAcquires)
    S.event(Call->getBeginLoc(), "reference released by " + Api.str() + "()");
}

void PathWalker::collectLost(PathState &S, SourceLocation LostAt) {
  if (S.Sink)
    return;
  std::vector<bool> Held(S.Refs.size(), false);
  for (const auto &[V, I] : S.Vars)
    Held[I] = true;
  for (const auto &[E, V] : S.Values)
    Held[V.RefIdx] = true;
  // `bool failed = !of_find_device_by_node(np);`: the branch on failed
  // decides whether there was anything to lose.
  for (const auto &[V, T] : S.Tests)
    if (!S.DeadTests.count(V))
      Held[T.RefIdx] = true;
  bool Compact = false;
  for (unsigned I = 0; I < S.Refs.size(); ++I) {
    if (Held[I])
      continue;
    Ref &R = S.Refs[I];
    // A guarded one is lost only when its variable is overwritten: going
    // out of scope ran the cleanup first (runCleanup()).
    if (R.St == Status::Owned || R.St == Status::Guarded)
      reportLeak(R, LostAt, S);
    if (R.St == Status::Param && !guardExit(S, R))
      (R.Returned ? ReturnedParams : KeptParams).insert(unsigned(R.Param));
    Compact = true;
  }
  if (!Compact)
    return;
  // Drop unreachable references so equal futures have equal keys.
  std::vector<int> NewIdx(S.Refs.size(), -1);
  std::vector<Ref> Kept;
  for (unsigned I = 0; I < S.Refs.size(); ++I)
    if (Held[I]) {
      NewIdx[I] = int(Kept.size());
      Kept.push_back(std::move(S.Refs[I]));
    }
  S.Refs = std::move(Kept);
  for (Ref &R : S.Refs)
    if (R.NullWith >= 0)
      R.NullWith = NewIdx[R.NullWith];
  for (auto &[V, I] : S.Vars)
    I = unsigned(NewIdx[I]);
  for (auto &[E, V] : S.Values)
    V.RefIdx = unsigned(NewIdx[V.RefIdx]);
  for (auto It = S.Tests.begin(); It != S.Tests.end();) {
    int To = NewIdx[It->second.RefIdx];
    if (To < 0) {
      S.DeadTests.erase(It->first);
      It = S.Tests.erase(It);
      continue;
    }
    It->second.RefIdx = unsigned(To);
    ++It;
  }
}

/// `if (!node) return NULL;` before anything is done: a guard against a
/// NULL argument says nothing about what the function does with the others
/// (__of_get_next_child() puts prev on every path that gets going).
bool PathWalker::guardExit(const PathState &S, const Ref &R) const {
  return llvm::any_of(S.NullParams,
                      [&](unsigned P) { return int(P) != R.Param; });
}

/// `return qmp;` where this file's qmp_put() drops a device reference held
/// in a struct qmp (or reached from it: tsa_serial_put() through
/// tsa_serial_get_tsa(), qcom_ice_put() through to_platform_device()): the
/// caller gets the references of that kind with it.
/// `return ERR_PTR(-EPROBE_DEFER);` is a void *, no struct qmp.
void PathWalker::handOverWithResult(const ReturnStmt *RS, PathState &S) {
  const Expr *E = RS->getRetValue();
  if (!E)
    return;
  const std::set<std::string> &Kinds =
      A.releasingTypes().kindsReleasedFor(E->IgnoreParenImpCasts()->getType());
  for (Ref &R : S.Refs)
    if (R.St == Status::Owned && Kinds.count(R.Kind))
      R.St = Status::Escaped;
}

/// For the summary: does every return hand back a parameter (or a pointer
/// into it)? Returning NULL does not count against it.
void PathWalker::noteReturnedValue(const ReturnStmt *RS, const PathState &S) {
  const Expr *E = RS->getRetValue();
  if (!E || !E->getType()->isPointerType() ||
      E->isNullPointerConstant(A.context(), Expr::NPC_ValueDependentIsNotNull))
    return;
  auto V = valueOf(E, S);
  int P = V && !V->Interior ? S.Refs[V->RefIdx].Param : -1;
  if (P < 0 || (PassedParam && *PassedParam != P))
    ReturnsOther = true;
  else
    PassedParam = P;
}

/// The reference's code flow: its acquisition, then what the path did.
std::vector<PathEvent> PathWalker::pathOf(const Ref &R,
                                          const PathState &S) const {
  std::vector<PathEvent> Path;
  if (R.Acquired.Loc.isValid())
    Path.push_back(R.Acquired);
  if (R.TrailStart <= S.Trail.size())
    Path.insert(Path.end(), S.Trail.begin() + R.TrailStart, S.Trail.end());
  return Path;
}

void PathWalker::reportLeak(const Ref &R, SourceLocation LostAt,
                            const PathState &S) {
  if (!R.Site)
    return;
  // `get_device(dev);`: the new reference belongs with dev, whose owner
  // (often another function) puts it: klist_devices_get() pins the device
  // for the list. Returning dev does hand it over (__of_get_next_child()).
  if (R.AliasGet && (!R.Bound || R.HeldByArg))
    return;
  if (R.SuccessCall && !R.Confirmed)
    return; // the code never took the call to have succeeded
  // A reference that never reached a variable is lost by the call itself.
  if (!R.Bound)
    LostAt = R.Site->getBeginLoc();
  auto [It, First] = LeakOfSite.try_emplace(R.Site, Out.Leaks.size());
  if (!First) {
    addExit(Out.Leaks[It->second], LostAt, iteratorFix(R));
    return;
  }
  Leak L;
  L.Api = R.Api;
  L.Release = A.model().releaseFor(R.Kind);
  L.LostAt = LostAt;
  L.Path = pathOf(R, S);
  L.Path.push_back({LostAt, "last reference lost here"});
  L.Fixes = iteratorFix(R);
  Out.Leaks.push_back(std::move(L));
}

/// Another path loses the same reference: one more place, maybe one more
/// fix, in the report already made.
void PathWalker::addExit(Leak &L, SourceLocation LostAt,
                         std::vector<FixItHint> Fixes) {
  if (LostAt != L.LostAt && !llvm::is_contained(L.AlsoLostAt, LostAt))
    L.AlsoLostAt.push_back(LostAt);
  for (FixItHint &F : Fixes) {
    bool Known = llvm::any_of(L.Fixes, [&](const FixItHint &G) {
      return G.RemoveRange.getBegin() == F.RemoveRange.getBegin();
    });
    if (!Known)
      L.Fixes.push_back(std::move(F));
  }
}

void PathWalker::reportOverput(const Ref &R, const CallExpr *Call,
                               StringRef Api, bool AlsoAcquires,
                               const PathState &S) {
  Overput O;
  O.Path = pathOf(R, S);
  bool FirstWasPlainPut = R.St == Status::Released;
  if (AlsoAcquires && FirstWasPlainPut && R.ReleasedBy) {
    // The iterator step or a from-consuming find drops it again: the
    // explicit put is the one to remove.
    O.At = R.ReleasedBy->getBeginLoc();
    O.Api = R.ReleasedByApi;
    O.Message = R.ReleasedByApi + "() releases a reference that " +
                Api.str() + "() releases again";
    O.Path.push_back({Call->getBeginLoc(),
                      "released again by " + Api.str() + "()"});
  } else {
    O.At = Call->getBeginLoc();
    O.Api = Api.str();
    O.Message = Api.str() + "() releases a reference already " +
                (R.St == Status::Consumed ? "consumed by " : "released by ") +
                R.ReleasedByApi + "()";
    O.Path.push_back({O.At, "released again here"});
  }
  addOverput(R, std::move(O));
}

/// One report per reference: the same reference over-released elsewhere is
/// one more place in the report already made (of_unittest_lifecycle() puts
/// one node past zero on purpose).
void PathWalker::addOverput(const Ref &R, Overput O) {
  if (!ReportedOverputs.insert(O.At).second)
    return;
  auto [It, First] =
      OverputOfRef.try_emplace({R.Site, R.Site ? -1 : R.Param}, Out.Overputs.size());
  if (!First) {
    Out.Overputs[It->second].AlsoAt.push_back(O.At);
    return;
  }
  Out.Overputs.push_back(std::move(O));
}

void PathWalker::reportBorrowedPut(const Ref &R, const CallExpr *Call,
                                   StringRef Api, const PathState &S) {
  Overput O;
  O.At = Call->getBeginLoc();
  O.Api = Api.str();
  O.Message = Api.str() + "() drops a reference borrowed from '" + R.Api +
              "' that this function never took";
  O.Path.push_back({O.At, "'" + R.Api + "' is lent by the device, not owned"});
  if (ReportedOverputs.insert(O.At).second)
    Out.Overputs.push_back(std::move(O));
}

bool PathWalker::isBorrowedRead(const MemberExpr *ME) const {
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!F || !F->getType()->isPointerType() || !F->getParent()->getIdentifier())
    return false;
  return A.model().isBorrowedField(F->getParent()->getName(), F->getName()) &&
         !buildsObject(ME->getBase());
}

/// A function that installs an object's owner callback (`aux->dev.release =
/// fn`) is building that object, not borrowing it: what it set up in the
/// object's fields (device_set_of_node_from_dev()) is its own to undo.
bool PathWalker::buildsObject(const Expr *Obj) const {
  return llvm::any_of(Syntax.fieldWrites(), [&](const MemberExpr *W) {
    const auto *F = dyn_cast<FieldDecl>(W->getMemberDecl());
    return F &&
           slotRecord(F) &&
           A.model().isOwnerCallback(slotRecord(F)->getName(), F->getName()) &&
           sameObject(W->getBase(), Obj);
  });
}

/// How the user wrote the field read, for the message: "pdev->dev.of_node".
std::string PathWalker::fieldSpelling(const MemberExpr *ME) const {
  CharSourceRange Range = CharSourceRange::getTokenRange(ME->getSourceRange());
  StringRef Text = Lexer::getSourceText(Range, SM, A.context().getLangOpts());
  if (Text.empty() || Text.size() > 60 || ME->getBeginLoc().isMacroID())
    return ME->getMemberDecl()->getNameAsString();
  return Text.str();
}

void PathWalker::leaveFunction(PathState &S) {
  S.Vars.clear();
  S.Values.clear();
  SourceLocation At = S.LastReturn ? S.LastReturn->getBeginLoc()
                                   : FD->getBody()->getEndLoc();
  collectLost(S, At);
}

void PathWalker::noteJump(const CFGBlock &B, PathState &S) {
  const Stmt *T = B.getTerminatorStmt();
  if (!T || !(isa<BreakStmt>(T) || isa<GotoStmt>(T) || isa<ContinueStmt>(T)))
    return;
  if (!noteIteratorExit(T, S))
    return;
  if (const auto *G = dyn_cast<GotoStmt>(T))
    S.event(T->getBeginLoc(),
            "jumping to '" + G->getLabel()->getName().str() + "'");
  else if (isa<BreakStmt>(T) && !Syntax.breaksSwitch(T))
    S.event(T->getBeginLoc(), "leaving the loop with the reference held");
}

/// Remembers the first jump out of an iterator loop that still holds the
/// loop's reference, where a fix-it can put it. True if anything is owned.
bool PathWalker::noteIteratorExit(const Stmt *Jump, PathState &S) {
  bool Held = false;
  for (Ref &R : S.Refs) {
    if (R.St != Status::Owned)
      continue;
    Held = true;
    if (R.Iterator && !R.ExitJump && Syntax.leaves(Jump, R.Iterator))
      R.ExitJump = Jump;
  }
  return Held;
}

void PathWalker::noteConstant(const VarDecl *V, PathState &S) const {
  Expr::EvalResult R;
  if (Syntax.keepsInitialValue(V) && V->getInit()->EvaluateAsInt(R, A.context()))
    S.Consts[V] = !R.Val.getInt().isZero();
}

/// `if (failed)` where `bool failed = !(0);`: only one side can run.
bool PathWalker::constantBranch(const Expr *Cond, bool TakenTrue,
                                const PathState &S) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(stripBuiltinExpect(Cond));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  auto It = V ? S.Consts.find(V) : S.Consts.end();
  return It == S.Consts.end() || It->second == TakenTrue;
}

/// The side of a branch on which a self-test reports its own failure:
/// unittest()'s `if (failed)`, KUnit's `if (likely(ok)) break;` (model data,
/// by the macro whose body spells the `if` or the `&&`). A reference lost
/// there is the failed test's consequence, which the test already reports;
/// so are negative tests (`unittest(!np, ...)`) and guardrails
/// (`unittest(0, ...)`). Only the macro that spells the branch counts: a
/// pr_info() inside unittest() has branches of its own.
bool PathWalker::failsTest(const CFGBlock &B, bool TakenTrue) const {
  const Stmt *T = B.getTerminatorStmt();
  SourceLocation L;
  if (const auto *If = dyn_cast_or_null<IfStmt>(T))
    L = If->getIfLoc();
  else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(T))
    L = BO->getOperatorLoc();
  // An `&&` inside likely(...) is likely's argument: find where it was written.
  while (L.isMacroID() && SM.isMacroArgExpansion(L))
    L = SM.getImmediateSpellingLoc(L);
  if (!L.isMacroID())
    return false;
  auto Failing = A.model().testFailureBranch(
      Lexer::getImmediateMacroName(L, SM, A.context().getLangOpts()));
  return Failing && *Failing == TakenTrue;
}

bool PathWalker::refine(const CFGBlock &B, bool TakenTrue, PathState &S) {
  const Expr *Cond = B.getLastCondition();
  if (!Cond)
    return true;
  if (!constantBranch(Cond, TakenTrue, S))
    return false;
  auto Test = nullTest(Cond, S);
  bool AnyOwned = std::any_of(S.Refs.begin(), S.Refs.end(), [](const Ref &R) {
    return R.St == Status::Owned;
  });
  if (AnyOwned)
    S.event(Cond->getBeginLoc(), std::string("taking the ") +
                                     (TakenTrue ? "true" : "false") + " branch");
  if (!Test)
    return true;
  Ref &R = S.Refs[Test->RefIdx];
  bool IsNull = TakenTrue == Test->NullWhenTrue;
  if (!IsNull && Test->OnlyNullSide)
    return true;
  if (!IsNull) {
    if (R.St == Status::Null)
      return false; // known NULL on this path
    R.MaybeNull = false;
    R.Confirmed = true;
    // of_get_parent(np) is not NULL: neither is np.
    if (R.NullWith >= 0)
      S.Refs[R.NullWith].MaybeNull = false;
    return true;
  }
  if (!R.MaybeNull)
    return false; // tested or dereferenced before on this path
  if (R.Param >= 0 && R.St == Status::Param)
    S.NullParams.insert(unsigned(R.Param));
  foundNull(R);
  // np is NULL, so of_get_parent(np) returned NULL: nothing to own.
  for (Ref &Dep : S.Refs) {
    if (Dep.NullWith != int(Test->RefIdx) || !Dep.Site)
      continue;
    if (!Dep.MaybeNull)
      return false; // known non-NULL, so np was not NULL
    foundNull(Dep);
  }
  return true;
}

/// A branch condition has no parent element in the CFG (the if or the && is
/// the terminator), so nothing else consumes its value: a reference only
/// the condition held is lost at the branch, e.g. `if (of_find_...(...))`.
void PathWalker::dropConditionValue(const CFGBlock &B, PathState &S) {
  const Expr *Cond = B.getLastCondition();
  if (!Cond || isa_and_nonnull<BinaryConditionalOperator>(B.getTerminatorStmt()))
    return; // `a ?: b` also yields the value it tested
  if (!S.Values.erase(Cond) && !S.Values.erase(skipParens(Cond)))
    return;
  collectLost(S, Cond->getBeginLoc());
}

/// Recognises `p`, `!p`, `p == NULL`, `p != NULL`, the model's failure
/// tests (`IS_ERR(p)`) and likely()/unlikely() around them. Returns the
/// reference tested and whether the condition is true when it is null.
std::optional<NullTest>
PathWalker::nullTest(const Expr *Cond, const PathState &S) const {
  for (const Expr *E : {Cond, stripBuiltinExpect(Cond)}) // `!lookup()`
    if (auto V = valueOf(E, S); V && V->TestNullWhenTrue)
      return NullTest{V->RefIdx, *V->TestNullWhenTrue};
  Cond = stripBuiltinExpect(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot) {
      auto T = nullTest(UO->getSubExpr(), S);
      return T ? std::optional<NullTest>(T->negated()) : std::nullopt;
    }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->getOpcode() == BO_Assign)
      return nullTest(BO->getLHS(), S);
    if (BO->getOpcode() == BO_LT || BO->getOpcode() == BO_GE)
      return successTest(BO, S);
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      auto &Ctx = A.context();
      if (L->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        std::swap(L, R);
      if (!R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
        if (auto T = truthCompare(BO, S))
          return T;
        return successTest(BO, S);
      }
      auto T = nullTest(L, S);
      if (T && BO->getOpcode() == BO_EQ)
        T = T->negated();
      return T;
    }
    return std::nullopt;
  }
  if (const auto *SE = dyn_cast<StmtExpr>(Cond)) {
    // if (WARN_ON(!np)): the value of ({ ...; unlikely(__ret_warn_on); })
    const CompoundStmt *CS = SE->getSubStmt();
    const auto *Last = CS->body_empty() ? nullptr : dyn_cast<Expr>(CS->body_back());
    return Last ? nullTest(Last, S) : std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (auto It = S.Tests.find(V); It != S.Tests.end())
        return It->second;
  if (const auto *Call = dyn_cast<CallExpr>(Cond)) {
    if (A.model().isFailureTest(calleeName(Call)) && Call->getNumArgs() == 1)
      if (auto T = nullTest(Call->getArg(0), S))
        return NullTest{T->RefIdx, true};
    if (auto T = successTest(Call, S)) // if (!of_parse_phandle_with_args())
      return T;
  }
  if (const VarDecl *V = localVarOf(Cond)) {
    auto It = S.Vars.find(slot(V));
    if (It != S.Vars.end())
      return NullTest{It->second, false};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(Cond))
    if (auto Field = fieldSlot(ME)) { // if (ret || !args.np)
      auto It = S.Vars.find(*Field);
      if (It != S.Vars.end())
        return NullTest{It->second, false};
    }
  if (auto T = successTest(Cond, S))
    return T;
  if (auto V = valueOf(Cond, S); V && !V->Interior)
    return NullTest{V->RefIdx, false};
  return std::nullopt;
}

/// `!!(!np) == !!true` (KUnit's KUNIT_EXPECT_TRUE): a truth value compared
/// with a constant one is that truth value, or its negation.
std::optional<NullTest> PathWalker::truthCompare(const BinaryOperator *BO,
                                                 const PathState &S) const {
  const auto *Not = dyn_cast<UnaryOperator>(BO->getLHS()->IgnoreParenImpCasts());
  Expr::EvalResult RHS;
  if (!Not || Not->getOpcode() != UO_LNot ||
      !BO->getRHS()->EvaluateAsInt(RHS, A.context()))
    return std::nullopt;
  auto T = nullTest(Not, S);
  bool Flip = RHS.Val.getInt().isZero() != (BO->getOpcode() == BO_NE);
  return T && Flip ? std::optional<NullTest>(T->negated()) : T;
}

/// `of_node_put(child);` before a jump out of an iterator loop, braced when
/// the jump is the lone body of an if.
std::vector<FixItHint> PathWalker::iteratorFix(const Ref &R) const {
  if (!R.ExitJump || !R.LoopVar || isa<ContinueStmt>(R.ExitJump) ||
      isa<GotoStmt>(R.ExitJump))
    return {}; // the put belongs at the label, which may be shared
  if (const auto *RS = dyn_cast<ReturnStmt>(R.ExitJump))
    if (RS->getRetValue() && mentions(RS->getRetValue(), R.LoopVar))
      return {}; // putting first would be a use after put
  std::string Release = A.model().releaseFor(R.Kind);
  if (Release.empty())
    return {};
  SourceLocation Begin = R.ExitJump->getBeginLoc();
  if (Begin.isMacroID())
    return {};
  std::string Put = Release + "(" + R.LoopVar->getNameAsString() + ");";
  DynTypedNodeList Parents =
      A.context().getParents(*R.ExitJump);
  bool InBlock = !Parents.empty() && Parents[0].get<CompoundStmt>();
  if (InBlock) {
    StringRef Indent = Lexer::getIndentationForLine(Begin, SM);
    return {FixItHint::CreateInsertion(Begin, Put + "\n" + Indent.str())};
  }
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      R.ExitJump->getEndLoc(), tok::semi, SM, A.context().getLangOpts(),
      /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (AfterSemi.isInvalid())
    return {};
  return {FixItHint::CreateInsertion(Begin, "{ " + Put + " "),
          FixItHint::CreateInsertion(AfterSemi, " }")};
}

} // namespace

Analyzer::Analyzer(const ApiModel &Model, ASTContext &Ctx)
    : Model(Model), Ctx(Ctx) {}
Analyzer::~Analyzer() = default;

const FunctionResult &Analyzer::analyze(const FunctionDecl *FD) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  auto It = Results.find(FD);
  if (It != Results.end())
    return *It->second;
  auto Result = std::make_unique<FunctionResult>();
  if (FD->hasBody()) {
    InProgress.insert(FD);
    PathWalker(*this, FD, *Result).run();
    InProgress.erase(FD);
  }
  auto &Slot = Results[FD];
  Slot = std::move(Result);
  return *Slot;
}

const ReleasingTypes &Analyzer::releasingTypes() {
  if (!Putters)
    Putters = std::make_unique<ReleasingTypes>(Model, Ctx);
  return *Putters;
}

const DriverRoles &Analyzer::roles() {
  if (!Roles)
    Roles = std::make_unique<DriverRoles>(Model, Ctx);
  return *Roles;
}

const RefFunction *Analyzer::behaviourOf(const FunctionDecl *Callee) {
  if (Callee->getIdentifier())
    if (const RefFunction *F = Model.refFunction(Callee->getName()))
      return F;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || InProgress.count(Def))
    return nullptr;
  const FunctionResult &R = analyze(Def);
  if (R.GaveUp || !R.Summary.hasEffect())
    return nullptr;
  return &R.Summary;
}

} // namespace refcount
} // namespace devlife
