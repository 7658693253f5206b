//===- Guards.cpp ---------------------------------------------------------===//
#include "matchers/Guards.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include <deque>
#include <optional>
#include <set>
#include "clang/Basic/Builtins.h"

namespace devlife {

using namespace clang;

namespace {

const Expr *bare(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    // `unlikely(x)` is `__builtin_expect(!!(x), 0)`.
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || Call->getBuiltinCallee() != Builtin::BI__builtin_expect ||
        Call->getNumArgs() < 1)
      return E;
    E = Call->getArg(0);
  }
  return E;
}


/// Whether \p Cond evaluating to \p Truth implies what \p Atom says of
/// its leaves: `!`, `&&` and `||` are taken apart here, Atom(E, Truth)
/// judges the rest.
template <typename AtomFn>
bool implies(const Expr *Cond, bool Truth, const AtomFn &Atom) {
  Cond = bare(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot)
    return implies(U->getSubExpr(), !Truth, Atom);
  if (const auto *B = dyn_cast<BinaryOperator>(Cond);
      B && (B->getOpcode() == BO_LAnd || B->getOpcode() == BO_LOr)) {
    bool L = implies(B->getLHS(), Truth, Atom);
    bool R = implies(B->getRHS(), Truth, Atom);
    // `a && b` true: both held, so either is enough; false: either failed,
    // so both must say it. `||` the other way round.
    return (B->getOpcode() == BO_LAnd) == Truth ? L || R : L && R;
  }
  return Atom(Cond, Truth);
}

/// The operand of `E == NULL` / `E != NULL` that is not the null.
const Expr *comparedWithNull(const BinaryOperator *B, ASTContext &Ctx) {
  if (B->getOpcode() != BO_EQ && B->getOpcode() != BO_NE)
    return nullptr;
  return isNullPointer(B->getRHS(), Ctx)   ? B->getLHS()
         : isNullPointer(B->getLHS(), Ctx) ? B->getRHS()
                                    : nullptr;
}

/// Whether \p Cond evaluating to \p Truth implies \p Target is NULL.
bool impliesNull(const Expr *Cond, bool Truth, const Expr *Target,
                 ASTContext &Ctx) {
  return implies(Cond, Truth, [&](const Expr *E, bool T) {
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      const Expr *Other = comparedWithNull(B, Ctx);
      return Other && T == (B->getOpcode() == BO_EQ) &&
             sameStorage(Other, Target);
    }
    return !T && sameStorage(E, Target);
  });
}

/// `return`, `goto`, `break`, `continue`, or a block that ends in one.
bool leaves(const Stmt *S) {
  if (const auto *C = dyn_cast_or_null<CompoundStmt>(S))
    return !C->body_empty() && leaves(C->body_back());
  return S && (isa<ReturnStmt>(S) || isa<GotoStmt>(S) || isa<BreakStmt>(S) ||
               isa<ContinueStmt>(S));
}

/// Whether \p Child, a direct child of \p Parent, runs only when Target
/// is NULL because of \p Parent itself.
bool guardedBy(const DynTypedNode &Parent, const Stmt *Child,
               const Expr *Target, ASTContext &Ctx) {
  if (const auto *If = Parent.get<IfStmt>()) {
    if (Child == If->getThen())
      return impliesNull(If->getCond(), true, Target, Ctx);
    if (Child == If->getElse())
      return impliesNull(If->getCond(), false, Target, Ctx);
    return false;
  }
  if (const auto *C = Parent.get<CompoundStmt>()) {
    for (const Stmt *Before : C->body()) {
      if (Before == Child)
        return false;
      const auto *If = dyn_cast<IfStmt>(Before);
      if (If && !If->getElse() && leaves(If->getThen()) &&
          impliesNull(If->getCond(), false, Target, Ctx))
        return true;
    }
    return false;
  }
  if (const auto *CO = Parent.get<ConditionalOperator>())
    return Child == CO->getFalseExpr() &&
           impliesNull(CO->getCond(), false, Target, Ctx);
  if (const auto *BCO = Parent.get<BinaryConditionalOperator>())
    return Child == BCO->getFalseExpr() &&
           sameStorage(BCO->getCommon(), Target);
  return false;
}

bool sameIndex(const Expr *A, const Expr *B) {
  const auto *IA = dyn_cast<IntegerLiteral>(A->IgnoreParenCasts());
  const auto *IB = dyn_cast<IntegerLiteral>(B->IgnoreParenCasts());
  if (IA && IB)
    return IA->getValue() == IB->getValue();
  return sameStorage(A, B);
}

} // namespace

bool isNullPointer(const Expr *E, ASTContext &Ctx) {
  return E->IgnoreParenCasts()->isNullPointerConstant(
             Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

bool sameStorage(const Expr *A, const Expr *B) {
  if (!A || !B)
    return false;
  A = A->IgnoreParenCasts();
  B = B->IgnoreParenCasts();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  if (const auto *DA = dyn_cast<DeclRefExpr>(A))
    return DA->getDecl() == cast<DeclRefExpr>(B)->getDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = cast<MemberExpr>(B);
    return MA->getMemberDecl() == MB->getMemberDecl() &&
           MA->isArrow() == MB->isArrow() &&
           sameStorage(MA->getBase(), MB->getBase());
  }
  if (const auto *UA = dyn_cast<UnaryOperator>(A))
    return UA->getOpcode() == UO_Deref &&
           cast<UnaryOperator>(B)->getOpcode() == UO_Deref &&
           sameStorage(UA->getSubExpr(), cast<UnaryOperator>(B)->getSubExpr());
  if (const auto *SA = dyn_cast<ArraySubscriptExpr>(A)) {
    const auto *SB = cast<ArraySubscriptExpr>(B);
    return sameStorage(SA->getBase(), SB->getBase()) &&
           sameIndex(SA->getIdx(), SB->getIdx());
  }
  return false;
}

bool runsOnlyWhenNull(const Stmt *S, const Expr *Target, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  for (const Stmt *Child = S; Child;) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return false;
    if (guardedBy(Parents[0], Child, Target, Ctx))
      return true;
    Node = Parents[0];
    Child = Node.get<Stmt>(); // null once the walk leaves the body
  }
  return false;
}

namespace {

/// What takes a call's result, past casts and parentheses; null when
/// that is not one parent.
std::optional<DynTypedNode> resultUser(const CallExpr *Call, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*Call);
  for (unsigned I = 0; I < 4; ++I) {
    auto Parents = Ctx.getParents(N);
    if (Parents.size() != 1)
      return std::nullopt;
    if (!Parents[0].get<ImplicitCastExpr>() && !Parents[0].get<ParenExpr>() &&
        !Parents[0].get<CStyleCastExpr>())
      return Parents[0];
    N = Parents[0];
  }
  return std::nullopt;
}

} // namespace

const Expr *assignedTo(const CallExpr *Call, ASTContext &Ctx) {
  std::optional<DynTypedNode> User = resultUser(Call, Ctx);
  const auto *BO = User ? User->get<BinaryOperator>() : nullptr;
  return BO && BO->getOpcode() == BO_Assign ? BO->getLHS() : nullptr;
}

const VarDecl *initialisedBy(const CallExpr *Call, ASTContext &Ctx) {
  std::optional<DynTypedNode> User = resultUser(Call, Ctx);
  return User ? User->get<VarDecl>() : nullptr;
}

namespace {

/// The function body around \p S.
const Stmt *enclosingBody(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*S);
  for (unsigned Depth = 0; Depth < 256; ++Depth) {
    auto Parents = Ctx.getParents(N);
    if (Parents.size() != 1)
      return nullptr;
    if (const auto *FD = Parents[0].get<FunctionDecl>())
      return FD->getBody();
    N = Parents[0];
  }
  return nullptr;
}

/// Whether \p Body assigns \p Var to storage naming \p Field.
bool storesBack(const Stmt *Body, const VarDecl *Var, const Expr *Field) {
  if (!Body)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(Body);
      BO && BO->getOpcode() == BO_Assign && sameStorage(BO->getLHS(), Field))
    if (const auto *R = dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenCasts());
        R && R->getDecl() == Var)
      return true;
  for (const Stmt *C : Body->children())
    if (storesBack(C, Var, Field))
      return true;
  return false;
}

} // namespace

bool cachesItsResult(const CallExpr *Call, ASTContext &Ctx) {
  const Expr *Target = assignedTo(Call, Ctx);
  if (!Target || !runsOnlyWhenNull(Call, Target, Ctx))
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenCasts());
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Local || Local->hasGlobalStorage())
    return true; // a field or a global keeps the result itself
  const Expr *From = Local->getInit() ? Local->getInit()->IgnoreParenCasts() : nullptr;
  return From && isa<MemberExpr>(From) &&
         storesBack(enclosingBody(Call, Ctx), Local, From);
}

namespace {

/// Where a call's result lives: the call itself (tested in place), the
/// variable it initialises, or the storage it is assigned to.
struct ResultPlace {
  const CallExpr *Call = nullptr;
  const VarDecl *Var = nullptr;
  const Expr *LValue = nullptr;

  bool is(const Expr *E) const {
    E = bare(E);
    if (E == Call)
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E); DRE && Var)
      return DRE->getDecl() == Var;
    return LValue && sameStorage(E, LValue);
  }
  bool isPointer() const {
    return Call->getType()->isPointerType();
  }
};

ResultPlace resultPlace(const CallExpr *Call, ASTContext &Ctx) {
  ResultPlace P{Call, nullptr, assignedTo(Call, Ctx)};
  if (P.LValue)
    return P;
  auto Parents = Ctx.getParents(*Call);
  while (Parents.size() == 1 && (Parents[0].get<ImplicitCastExpr>() ||
                                 Parents[0].get<CStyleCastExpr>() ||
                                 Parents[0].get<ParenExpr>()))
    Parents = Ctx.getParents(Parents[0]);
  if (Parents.size() == 1)
    P.Var = Parents[0].get<VarDecl>();
  return P;
}

bool isErrTest(const Expr *E, const ResultPlace &R, const ApiModel &Model) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  return F && F->getIdentifier() && Call->getNumArgs() == 1 &&
         Model.isFailureTest(F->getName()) && R.is(Call->getArg(0));
}

/// Whether \p Cond evaluating to \p Truth implies the result said failure.
bool impliesFailure(const Expr *Cond, bool Truth, const ResultPlace &R,
                    const ApiModel &Model, ASTContext &Ctx) {
  return implies(Cond, Truth, [&](const Expr *E, bool T) {
    if (isErrTest(E, R, Model))
      return T;
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      if (const Expr *Other = comparedWithNull(B, Ctx)) {
        // `rc != 0` and `p == NULL` are true on failure.
        bool FailureWhenTrue = (B->getOpcode() == BO_NE) != R.isPointer();
        return R.is(Other) && T == FailureWhenTrue;
      }
      return B->getOpcode() == BO_LT && T && !R.isPointer() && // `rc < 0`
             R.is(B->getLHS()) && isNullPointer(B->getRHS(), Ctx);
    }
    // `if (rc)` is true on failure, `if (p)` on success.
    return R.is(E) && T != R.isPointer();
  });
}

/// Whether a block element stores a new value into the result's place.
bool overwrites(const Stmt *S, const ResultPlace &R) {
  const auto *B = dyn_cast<BinaryOperator>(S);
  return B && B->isAssignmentOp() && R.is(B->getLHS()) &&
         bare(B->getRHS()) != R.Call;
}

} // namespace

bool runsOnlyOnFailure(const CallExpr *Acquire, const Stmt *Release,
                       const FunctionDecl *FD, const ApiModel &Model,
                       ASTContext &Ctx) {
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg = CFG::buildCFG(FD, FD->getBody(), &Ctx, Opts);
  if (!Cfg)
    return false;
  ResultPlace R = resultPlace(Acquire, Ctx);
  struct Point {
    const CFGBlock *B;
    unsigned Index;
    bool Fresh; // the place still holds Acquire's result
  };
  auto reaches = [&](bool Prune) {
    std::deque<Point> Work;
    std::set<std::pair<unsigned, bool>> Seen;
    for (const CFGBlock *B : *Cfg)
      for (unsigned I = 0; I < B->size(); ++I)
        if (auto E = (*B)[I].getAs<CFGStmt>(); E && E->getStmt() == Acquire)
          Work.push_back({B, I + 1, true});
    while (!Work.empty()) {
      Point P = Work.front();
      Work.pop_front();
      bool Fresh = P.Fresh;
      for (unsigned I = P.Index; I < P.B->size(); ++I)
        if (auto E = (*P.B)[I].getAs<CFGStmt>()) {
          if (E->getStmt() == Release)
            return true;
          Fresh &= !overwrites(E->getStmt(), R);
        }
      const Expr *Cond = dyn_cast_or_null<Expr>(P.B->getTerminatorCondition());
      unsigned Edge = 0;
      for (const CFGBlock *Succ : P.B->succs()) {
        bool Truth = Edge++ == 0;
        if (!Succ || (Prune && Fresh && Cond && P.B->succ_size() == 2 &&
                      impliesFailure(Cond, Truth, R, Model, Ctx)))
          continue;
        if (Seen.insert({Succ->getBlockID(), Fresh}).second)
          Work.push_back({Succ, 0, Fresh});
      }
    }
    return false;
  };
  return reaches(/*Prune=*/false) && !reaches(/*Prune=*/true);
}

} // namespace devlife
