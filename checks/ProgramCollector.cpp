//===- ProgramCollector.cpp - One TU's contribution to the program model --===//
//
// Two steps. A scan of the whole TU finds every function body, the calls
// between them and which bodies touch locks, barriers or bindings
// themselves, plus the callback stores (initialisers and `x->f = fn`). Then
// each recorded function is analysed (LockSets) and its reached calls are
// sorted into lock sites, barriers, bindings and plain calls.
//
//===----------------------------------------------------------------------===//
#include "checks/ProgramCollector.h"

#include "matchers/Guards.h"
#include "matchers/KernelMatchers.h"

#include "checks/LockSets.h"
#include "core/ProgramModel.h"
#include "core/Report.h"
#include "matchers/LockClasses.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include <map>
#include <set>

namespace devlife::program {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

/// One LockClasses per function, made when first asked for.
class Namers {
public:
  Namers(const ApiModel &Model, ASTContext &Ctx) : Model(Model), Ctx(Ctx) {}
  const LockClasses &of(const FunctionDecl *FD) {
    std::unique_ptr<LockClasses> &N = ByFunction[FD];
    if (!N)
      N = std::make_unique<LockClasses>(Model, Ctx, FD);
    return *N;
  }

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  std::map<const FunctionDecl *, std::unique_ptr<LockClasses>> ByFunction;
};

llvm::StringRef calleeName(const FunctionDecl *FD) {
  return FD && FD->getIdentifier() ? FD->getName() : "";
}

/// A fact found by the scan, kept only if the function it is in is
/// recorded (or it is at file scope).
template <typename T> struct Found {
  T Fact;
  const FunctionDecl *In;
};

/// The one pass over the TU that comes before any analysis.
class TUScan : public RecursiveASTVisitor<TUScan> {
public:
  TUScan(const ApiModel &Model, ASTContext &Ctx, Namers &Names)
      : Model(Model), Ctx(Ctx), SM(Ctx.getSourceManager()), Names(Names) {}

  std::vector<const FunctionDecl *> Definitions; // in TU order
  /// Callees with a body that a call site would name (not lock, barrier
  /// or binding APIs, whose calls become facts of their own).
  std::map<const FunctionDecl *, std::set<const FunctionDecl *>> Callees;
  /// Bodies that take, release or assert a lock, wait or bind themselves.
  std::set<const FunctionDecl *> TouchesLocks;
  std::vector<Found<SlotTarget>> Slots;
  std::vector<Found<Binding>> FieldBindings;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    if (FD->doesThisDeclarationHaveABody()) {
      Current = FD;
      Definitions.push_back(FD);
    }
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Current || !Callee || Callee->getBuiltinID())
      return true;
    llvm::StringRef Name = calleeName(Callee);
    if (Model.lockFunction(Name) || Model.guardLock(Name) ||
        Model.barrier(Name) || Model.binding(Name))
      TouchesLocks.insert(Current);
    else if (const FunctionDecl *Def = Callee->getDefinition())
      Callees[Current].insert(Def);
    return true;
  }

  // `x->f = fn`, and INIT_WORK()'s `(_work)->func = (_func)`.
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    const FunctionDecl *Fn = functionNamedBy(BO->getRHS());
    if (!Field || !Fn)
      return true;
    const LockClasses &N = Names.of(Current);
    const Expr *Holder = ME->getBase();
    std::string Object =
        ME->isArrow() ? N.classOf(Holder) : N.objectClass(Holder);
    std::string Text = writtenText(Holder, Ctx);
    noteStore(Field, Fn, Object, Text.empty() ? Object : Text, BO->getRHS());
    return true;
  }

  // `static DECLARE_WORK(foo_work, fn)`, `struct foo_ops ops = { ... }`:
  // the object of a binding is the variable plus the field path.
  bool VisitVarDecl(VarDecl *V) {
    const Expr *Init = V->getInit();
    if (const auto *ILE =
            Init ? dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts()) : nullptr) {
      bool Global = V->hasGlobalStorage() && !isa<ParmVarDecl>(V);
      visitInit(ILE, Global ? globalName(V, SM) : recordClass(recordOf(V->getType())));
    }
    return true;
  }
  // Compound literals and the like: named by their type.
  bool VisitInitListExpr(InitListExpr *ILE) {
    visitInit(ILE, recordClass(recordOf(ILE->getType())));
    return true;
  }

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  const SourceManager &SM;
  Namers &Names;
  const FunctionDecl *Current = nullptr;
  std::set<const InitListExpr *> Done;

  /// The semantic form has one initialiser per field, whether the source
  /// used designators or positions.
  void visitInit(const InitListExpr *ILE, const std::string &Object,
                 bool TableEntry = false) {
    if (!ILE->isSemanticForm())
      ILE = ILE->getSemanticForm();
    if (!ILE || !Done.insert(ILE).second)
      return;
    QualType T = ILE->getType();
    if (T->isArrayType()) { // every element is the same object class
      for (const Expr *Init : ILE->inits())
        if (const auto *Nested = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts()))
          visitInit(Nested, Object, /*TableEntry=*/true);
      return;
    }
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!RD)
      return;
    if (RD->isUnion()) {
      if (const FieldDecl *F = ILE->getInitializedFieldInUnion())
        if (ILE->getNumInits() > 0)
          visitFieldInit(F, ILE->getInit(0), Object, {});
      return;
    }
    std::vector<FieldValue> Keys;
    if (TableEntry)
      Keys = entryKeys(RD, ILE);
    for (const FieldDecl *F : RD->fields())
      if (F->getFieldIndex() < ILE->getNumInits())
        visitFieldInit(F, ILE->getInit(F->getFieldIndex()), Object, Keys);
  }

  /// The integer fields of a table entry: what a dispatcher may pick it by
  /// (`.type = QMI_REQUEST, .msg_id = ...`). A field the entry leaves out
  /// is 0, as the semantic form's implicit initialiser says.
  std::vector<FieldValue> entryKeys(const RecordDecl *RD,
                                    const InitListExpr *ILE) const {
    std::vector<FieldValue> Keys;
    for (const FieldDecl *F : RD->fields()) {
      if (F->getFieldIndex() >= ILE->getNumInits() || F->isBitField() ||
          !F->getType()->isIntegralOrEnumerationType() || !F->getIdentifier())
        continue;
      const Expr *Init = ILE->getInit(F->getFieldIndex());
      std::optional<long long> V;
      if (isa<ImplicitValueInitExpr>(Init->IgnoreParenImpCasts()))
        V = 0;
      else if (!Init->isValueDependent())
        if (std::optional<llvm::APSInt> C = Init->getIntegerConstantExpr(Ctx))
          V = C->getExtValue();
      if (V)
        Keys.push_back({F->getNameAsString(), *V});
    }
    return Keys;
  }

  void visitFieldInit(const FieldDecl *F, const Expr *Init,
                      const std::string &Object,
                      const std::vector<FieldValue> &Keys) {
    if (const auto *Nested = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts())) {
      visitInit(Nested, Object.empty() ? Object : Object + "." + F->getNameAsString());
      return;
    }
    if (const FunctionDecl *Fn = functionNamedBy(Init))
      noteStore(F, Fn, Object, shownObject(Object), Init, Keys);
  }

  /// A static global's class carries its file ("<file>::abq_work.work"),
  /// which a message should not: the user wrote "abq_work".
  static std::string shownObject(llvm::StringRef Class) {
    size_t Sep = Class.rfind("::");
    return (Sep == llvm::StringRef::npos ? Class : Class.substr(Sep + 2)).str();
  }

  void noteStore(const FieldDecl *Field, const FunctionDecl *Fn,
                 const std::string &Holder, const std::string &Text,
                 const Expr *At, const std::vector<FieldValue> &Keys = {}) {
    std::string Record = recordName(slotRecord(Field));
    if (Record.empty())
      return;
    std::string Slot = Record + "." + Field->getNameAsString();
    SourcePoint Where = toSourcePoint(At->getBeginLoc(), SM);
    if (Field->getType()->isFunctionPointerType())
      Slots.push_back({{Slot, functionKey(Fn, SM), Where, Keys}, Current});
    llvm::StringRef Kind = Model.callbackFieldKind(Record, Field->getName());
    if (Kind.empty())
      return;
    Binding B;
    B.Api = Slot;
    B.Kind = Kind.str();
    B.Object = Model.isPerDeviceClass(Holder) ? "" : Holder;
    B.Text = Text;
    B.Callbacks = {functionKey(Fn, SM)};
    B.Where = Where;
    B.InFunction = Current ? functionKey(Current, SM) : "";
    FieldBindings.push_back({std::move(B), Current});
    TouchesLocks.insert(Current);
  }
};

/// Turns the calls one function reaches into its facts.
/// What a function's own tests of its parameters say: which it writes,
/// and which `if (flag)` every path to a site passes.
class ParamTests {
public:
  ParamTests(ASTContext &Ctx, const FunctionDecl *FD) : Ctx(Ctx), FD(FD) {}
  std::vector<ParamGuard> guards(const Stmt *Site) const;
  bool isWritten(const VarDecl *V) const;

private:
  ASTContext &Ctx;
  const FunctionDecl *FD;
  mutable std::map<const VarDecl *, bool> Written;
  std::optional<ParamGuard> guardOf(const Expr *Cond, bool Branch) const;
};

class FunctionFactsBuilder {
public:
  FunctionFactsBuilder(const ApiModel &Model, ASTContext &Ctx,
                       const LockClasses &Names, const FunctionDecl *FD,
                       const std::set<const FunctionDecl *> &Recorded)
      : Model(Model), Ctx(Ctx), SM(Ctx.getSourceManager()), Names(Names),
        FD(FD), Recorded(Recorded), Params(Ctx, FD) {}

  FunctionFacts build(const locks::FunctionLocks *L,
                      std::vector<Binding> &Bindings);

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LockClasses &Names;
  const FunctionDecl *FD;
  const std::set<const FunctionDecl *> &Recorded;
  ParamTests Params;

  std::optional<CallSite> callSite(const locks::CallState &CS) const;
  BarrierSite barrierSite(const Barrier &B, const locks::CallState &CS) const;
  bool createdBefore(const std::string &Class, const CallExpr *Site) const;
  std::vector<ParamGuard> guards(const Stmt *Site) const {
    return Params.guards(Site);
  }
  bool isWritten(const VarDecl *V) const { return Params.isWritten(V); }
  int forwardedParam(const Expr *A) const;
  const VarDecl *rootVar(const Expr *E) const;
  std::optional<std::pair<const VarDecl *, std::string>>
  fieldOf(const Expr *E) const;
  std::vector<KeySelect> selects(const CallExpr *Call) const;
  std::vector<ArgField> argFields(const CallExpr *Call) const;
  Binding binding(const CallbackBinding &B, const CallExpr *Call) const;
  const Expr *arg(const CallExpr *Call, int I) const {
    return I >= 0 && unsigned(I) < Call->getNumArgs() ? Call->getArg(I) : nullptr;
  }
  std::string textOr(const Expr *E, const std::string &Fallback) const {
    std::string T = Names.textOf(E);
    return T.empty() ? Fallback : T;
  }
};

bool isMainFileDecl(const Decl *D, const SourceManager &SM) {
  return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
}

/// `ctx->ops->update(ctx)` and `(*ops->fn)(x)` call "*record.field".
std::string indirectCallee(const CallExpr *Call) {
  const Expr *E = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!Field || !Field->getType()->isFunctionPointerType())
    return "";
  std::string Record = recordName(slotRecord(Field));
  return Record.empty() ? "" : "*" + Record + "." + Field->getNameAsString();
}

FunctionFacts FunctionFactsBuilder::build(const locks::FunctionLocks *L,
                                          std::vector<Binding> &Bindings) {
  FunctionFacts F;
  F.Key = functionKey(FD, SM);
  F.Name = FD->getNameAsString();
  F.Where = toSourcePoint(FD->getLocation(), SM);
  if (!L)
    return F;
  F.Locks = L->Locks;
  F.ReturnsHeld = L->ReturnsHeld;
  F.ReleasesHeld = L->ReleasesHeld;
  F.AssertsHeld = L->AssertsHeld;
  for (const locks::HeldEntry &E : L->AtReturn)
    F.AtReturn.push_back(E.Lock);
  size_t OwnBindings = Bindings.size();
  for (const locks::CallState &CS : L->Calls) {
    llvm::StringRef Name = calleeName(CS.Call->getDirectCallee());
    if (const Barrier *B = Model.barrier(Name)) {
      F.Barriers.push_back(barrierSite(*B, CS));
      if (auto D = L->DroppedAt.find(CS.Call); D != L->DroppedAt.end())
        F.Barriers.back().Dropped = D->second;
    }
    else if (const CallbackBinding *B = Model.binding(Name))
      Bindings.push_back(binding(*B, CS.Call));
    else if (std::optional<CallSite> C = callSite(CS))
      F.Calls.push_back(std::move(*C));
  }
  // A fresh queue this function fills itself is waited on for that work.
  for (BarrierSite &S : F.Barriers)
    for (size_t I = OwnBindings; S.Fresh && I < Bindings.size(); ++I)
      if (sameObject(Bindings[I].Object, S.Object))
        S.Fresh = false;
  auto ByPlace = [](const auto &X, const auto &Y) { return X.Where < Y.Where; };
  std::stable_sort(F.Locks.begin(), F.Locks.end(), ByPlace);
  std::stable_sort(F.Calls.begin(), F.Calls.end(), ByPlace);
  std::stable_sort(F.Barriers.begin(), F.Barriers.end(), ByPlace);
  return F;
}

std::optional<CallSite>
FunctionFactsBuilder::callSite(const locks::CallState &CS) const {
  const CallExpr *Call = CS.Call;
  CallSite S;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee) {
    S.Callee = indirectCallee(Call);
    if (S.Callee.empty())
      return std::nullopt; // a function pointer nobody can name
    S.Text = textOr(Call->getCallee(), S.Callee);
    S.Selects = selects(Call);
  } else {
    llvm::StringRef Name = calleeName(Callee);
    if (Callee->getBuiltinID() || Model.lockFunction(Name) ||
        Model.guardLock(Name))
      return std::nullopt;
    const FunctionDecl *Def = Callee->getDefinition();
    if (Def && !isMainFileDecl(Def, SM) && !Recorded.count(Def))
      return std::nullopt; // a header helper with nothing to tell
    S.Callee = functionKey(Callee, SM);
    S.Text = Name.str();
  }
  S.Where = toSourcePoint(Call->getBeginLoc(), SM);
  S.Held = CS.Before.held();
  for (const Expr *A : Call->arguments()) {
    S.ArgClasses.push_back(Names.classOf(A));
    std::optional<llvm::APSInt> V = A->getIntegerConstantExpr(Ctx);
    // NULL is 0 to the guards: pinconf_dump_pin() passes gname = NULL, so
    // the callee's `if (gname)` branch never runs for it.
    bool Null = !V && A->getType()->isPointerType() &&
                A->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
    std::optional<long long> C;
    if (V)
      C = V->getExtValue();
    else if (Null)
      C = 0;
    S.ArgConstants.push_back(C);
    S.ArgParams.push_back(forwardedParam(A));
  }
  S.Guards = guards(Call);
  S.ArgFields = argFields(Call);
  S.Once = cachesItsResult(Call, Ctx);
  return S;
}

/// `if (sync)`, `if (!sync)`, `sync ? a : b` on a parameter of the function.
std::optional<ParamGuard> ParamTests::guardOf(const Expr *Cond,
                                              bool Branch) const {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    Cond = UO->getSubExpr()->IgnoreParenImpCasts();
    Branch = !Branch;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Cond);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != FD || isWritten(P))
    return std::nullopt;
  return ParamGuard{P->getFunctionScopeIndex(), Branch};
}

/// The index of the parameter \p A passes on as the caller got it, or -1.
int FunctionFactsBuilder::forwardedParam(const Expr *A) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != FD || isWritten(P))
    return -1;
  return int(P->getFunctionScopeIndex());
}

/// Whether the function stores into the variable or takes its address
/// (`if (!name) name = dflt;`): then a test of it says nothing of the
/// caller's argument.
bool ParamTests::isWritten(const VarDecl *P) const {
  auto Known = Written.find(P);
  if (Known != Written.end())
    return Known->second;
  const auto Ref = declRefExpr(to(varDecl(equalsNode(P))));
  const auto Store = stmt(anyOf(
      binaryOperator(isAssignmentOperator(), hasLHS(ignoringParenImpCasts(Ref))),
      unaryOperator(hasAnyOperatorName("++", "--", "&"),
                    hasUnaryOperand(ignoringParenImpCasts(Ref)))));
  return Written[P] = !match(stmt(hasDescendant(Store)), *FD->getBody(), Ctx).empty();
}

/// The variable an expression names, through local copies never written
/// again: `const struct qmi_header *hdr = buf;` (or `hdr = buf;` as the
/// only store to hdr) names buf.
const VarDecl *FunctionFactsBuilder::rootVar(const Expr *E) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  for (unsigned Depth = 0; V && Depth < 4; ++Depth) {
    if (isa<ParmVarDecl>(V) || !V->isLocalVarDecl())
      return isWritten(V) ? nullptr : V;
    const Expr *From = nullptr;
    if (!isWritten(V)) {
      From = V->getInit();
    } else if (!V->getInit()) {
      const auto Ref = declRefExpr(to(varDecl(equalsNode(V))));
      auto Stores = match(
          findAll(stmt(anyOf(
              binaryOperator(isAssignmentOperator(),
                             hasLHS(ignoringParenImpCasts(Ref)))
                  .bind("store"),
              unaryOperator(hasAnyOperatorName("++", "--", "&"),
                            hasUnaryOperand(ignoringParenImpCasts(Ref)))
                  .bind("store")))),
          *FD->getBody(), Ctx);
      const auto *Only = Stores.size() == 1
                             ? Stores[0].getNodeAs<BinaryOperator>("store")
                             : nullptr;
      if (!Only || Only->getOpcode() != BO_Assign)
        return nullptr;
      From = Only->getRHS();
    } else {
      return nullptr;
    }
    const auto *Init = From ? dyn_cast<DeclRefExpr>(From->IgnoreParenCasts()) : nullptr;
    const auto *Next = Init ? dyn_cast<VarDecl>(Init->getDecl()) : nullptr;
    if (!Next)
      return From ? V : nullptr;
    V = Next;
  }
  return V;
}

/// `hdr->type`: the variable behind hdr and "qmi_header.type".
std::optional<std::pair<const VarDecl *, std::string>>
FunctionFactsBuilder::fieldOf(const Expr *E) const {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || !ME->isArrow())
    return std::nullopt;
  std::string Record = recordName(slotRecord(F));
  const VarDecl *V = rootVar(ME->getBase());
  if (!V || Record.empty())
    return std::nullopt;
  return std::make_pair(V, Record + "." + F->getNameAsString());
}

/// The operands of a condition that all must hold: `a && b && c`.
static void conjuncts(const Expr *E, std::vector<const Expr *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_LAnd) {
    conjuncts(BO->getLHS(), Out);
    conjuncts(BO->getRHS(), Out);
    return;
  }
  Out.push_back(E);
}

/// The `l == r` tests among a condition's conjuncts, as (l, r).
static std::vector<std::pair<const Expr *, const Expr *>>
equalities(const Expr *Cond) {
  std::vector<const Expr *> Tests;
  conjuncts(Cond, Tests);
  std::vector<std::pair<const Expr *, const Expr *>> Out;
  for (const Expr *T : Tests)
    if (const auto *Eq = dyn_cast<BinaryOperator>(T); Eq && Eq->getOpcode() == BO_EQ)
      Out.emplace_back(Eq->getLHS(), Eq->getRHS());
  return Out;
}

static bool contains(const Stmt *S, const Stmt *Needle) {
  if (S == Needle)
    return true;
  for (const Stmt *C : S ? S->children() : Stmt::const_child_range(nullptr, nullptr))
    if (C && contains(C, Needle))
      return true;
  return false;
}

/// For `handler->fn(...)`: the tests `handler->type == hdr->type` that pick
/// the entry, where a match breaks out of the table walk or leads to the
/// call, and hdr is a parameter the function never writes.
std::vector<KeySelect>
FunctionFactsBuilder::selects(const CallExpr *Call) const {
  std::vector<KeySelect> Out;
  const Expr *E = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *Base = ME ? dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts()) : nullptr;
  const VarDecl *Entry = Base ? dyn_cast<VarDecl>(Base->getDecl()) : nullptr;
  if (!Entry || !FD->getBody())
    return Out;
  auto entryField = [&](const Expr *X) -> const FieldDecl * {
    const auto *M = dyn_cast<MemberExpr>(X->IgnoreParenImpCasts());
    const auto *D = M ? dyn_cast<DeclRefExpr>(M->getBase()->IgnoreParenImpCasts()) : nullptr;
    return D && D->getDecl() == Entry ? dyn_cast<FieldDecl>(M->getMemberDecl()) : nullptr;
  };
  for (const BoundNodes &N :
       match(findAll(ifStmt().bind("if")), *FD->getBody(), Ctx)) {
    const auto *If = N.getNodeAs<IfStmt>("if");
    const Stmt *Then = If->getThen();
    if (const auto *CS = dyn_cast<CompoundStmt>(Then); CS && CS->size() == 1)
      Then = CS->body_front();
    if (!isa<BreakStmt>(Then) && !contains(Then, Call))
      continue;
    for (auto [L, R] : equalities(If->getCond())) {
      const FieldDecl *Key = entryField(L);
      if (!Key) {
        std::swap(L, R);
        Key = entryField(L);
      }
      auto Other = Key ? fieldOf(R) : std::nullopt;
      const auto *P = Other ? dyn_cast<ParmVarDecl>(Other->first) : nullptr;
      if (!P || P->getDeclContext() != FD)
        continue;
      Out.push_back({Key->getNameAsString(), P->getFunctionScopeIndex(), Other->second});
    }
  }
  return Out;
}

/// The fields of the call's arguments its enclosing tests fix:
/// `if (hdr->type == QMI_RESPONSE) ... qmi_invoke_handler(..., buf, ...)`.
std::vector<ArgField>
FunctionFactsBuilder::argFields(const CallExpr *Call) const {
  std::vector<std::pair<const VarDecl *, FieldValue>> Known;
  DynTypedNode Child = DynTypedNode::create(*Call);
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Child);
    if (Parents.size() != 1)
      break;
    const DynTypedNode &P = Parents[0];
    if (const auto *If = P.get<IfStmt>(); If && Child.get<Stmt>() == If->getThen()) {
      for (auto [L, R] : equalities(If->getCond())) {
        if (!fieldOf(L))
          std::swap(L, R);
        auto F = fieldOf(L);
        std::optional<llvm::APSInt> V =
            F && !R->isValueDependent() ? R->getIntegerConstantExpr(Ctx) : std::nullopt;
        if (F && V)
          Known.push_back({F->first, {F->second, V->getExtValue()}});
      }
    }
    if (P.get<FunctionDecl>())
      break;
    Child = P;
  }
  std::vector<ArgField> Out;
  for (unsigned A = 0; A < Call->getNumArgs() && !Known.empty(); ++A) {
    const VarDecl *V = rootVar(Call->getArg(A));
    for (const auto &[Var, Value] : Known)
      if (V && V == Var)
        Out.push_back({A, Value.Field, Value.Value});
  }
  return Out;
}

/// The parameter tests every path to Site passes (one walk up the parents;
/// an assignment to the parameter in between is not looked for, kernel code
/// does not write its flags).
std::vector<ParamGuard> ParamTests::guards(const Stmt *Site) const {
  std::vector<ParamGuard> Out;
  DynTypedNode Child = DynTypedNode::create(*Site);
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Child);
    if (Parents.size() != 1)
      break;
    const DynTypedNode &P = Parents[0];
    const Stmt *C = Child.get<Stmt>();
    if (const auto *If = P.get<IfStmt>(); If && C) {
      if (C == If->getThen() || C == If->getElse())
        if (auto G = guardOf(If->getCond(), C == If->getThen()))
          Out.push_back(*G);
    } else if (const auto *CO = P.get<ConditionalOperator>(); CO && C) {
      if (C == CO->getTrueExpr() || C == CO->getFalseExpr())
        if (auto G = guardOf(CO->getCond(), C == CO->getTrueExpr()))
          Out.push_back(*G);
    }
    if (P.get<FunctionDecl>())
      break;
    Child = P;
  }
  return Out;
}

BarrierSite FunctionFactsBuilder::barrierSite(const Barrier &B,
                                              const locks::CallState &CS) const {
  BarrierSite S;
  S.Api = B.Name;
  S.Kind = B.Kind;
  S.Where = toSourcePoint(CS.Call->getBeginLoc(), SM);
  S.Held = CS.Before.held();
  S.Guards = guards(CS.Call);
  const Expr *Object = nullptr;
  if (B.Readers) {
    S.Readers = true;
    Object = arg(CS.Call, *B.Readers);
  } else {
    Object = arg(CS.Call, B.Object);
  }
  if (Object) {
    S.Object = Names.classOf(Object);
    S.Text = textOr(Object, S.Object);
  } else if (!B.Kind.empty()) {
    S.Object = B.Kind; // rcu_barrier() waits for every call_rcu() callback
  }
  S.Opaque = B.Opaque || (!S.Object.empty() && Model.isOpaqueObject(S.Object));
  S.Fresh = !S.Object.empty() && createdBefore(S.Object, CS.Call);
  return S;
}

bool FunctionFactsBuilder::createdBefore(const std::string &Class,
                                         const CallExpr *Site) const {
  using namespace ast_matchers;
  // wq = alloc_workqueue(...);  ...  destroy_workqueue(wq);
  for (const BoundNodes &N :
       match(findAll(callExpr().bind("create")), *FD->getBody(), Ctx)) {
    const auto *Create = N.getNodeAs<CallExpr>("create");
    if (Model.isCreator(calleeName(Create->getDirectCallee())) &&
        SM.isBeforeInTranslationUnit(Create->getBeginLoc(), Site->getBeginLoc()) &&
        Names.resultClass(Create) == Class)
      return true;
  }
  return false;
}

Binding FunctionFactsBuilder::binding(const CallbackBinding &B,
                                      const CallExpr *Call) const {
  Binding R;
  R.Api = B.Name;
  R.Kind = B.Kind;
  R.Where = toSourcePoint(Call->getBeginLoc(), SM);
  R.InFunction = functionKey(FD, SM);
  if (const Expr *Object = arg(Call, B.Object)) {
    R.Object = Names.classOf(Object);
    R.Text = Names.textOf(Object);
  } else if (B.Object == CallbackBinding::ObjectIsResult) {
    R.Object = Names.resultClass(Call);
  } else if (!B.FixedObject.empty()) {
    R.Object = B.FixedObject; // schedule_work() queues on system_percpu_wq
  } else {
    R.Object = B.Kind; // call_rcu(): one object per kind
  }
  if (R.Text.empty())
    R.Text = R.Object;
  // mms114's handler on its client->irq is not bu21029's: an object of a
  // bus device is told apart only within its own file, as a local is.
  if (Model.isPerDeviceClass(R.Object))
    R.Object.clear();
  for (unsigned I : B.Callbacks)
    if (const FunctionDecl *Fn = functionNamedBy(arg(Call, I)))
      R.Callbacks.push_back(functionKey(Fn, SM));
  if (B.Signals)
    R.Callbacks.push_back(R.InFunction);
  for (unsigned I : B.Members)
    if (const Expr *Member = arg(Call, I))
      R.Members.push_back(Names.classOf(Member));
  R.MemberKind = B.MemberKind;
  return R;
}

/// Which functions get facts: every one of the main file, and the header
/// helpers they reach that take a lock, wait or bind, or call one that does.
std::set<const FunctionDecl *> recordedFunctions(const TUScan &Scan,
                                                 const SourceManager &SM) {
  std::set<const FunctionDecl *> Relevant = Scan.TouchesLocks;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Caller, Callees] : Scan.Callees) {
      if (Relevant.count(Caller))
        continue;
      for (const FunctionDecl *Callee : Callees)
        if (Relevant.count(Callee)) {
          Changed = Relevant.insert(Caller).second;
          break;
        }
    }
  }
  std::set<const FunctionDecl *> Recorded;
  std::vector<const FunctionDecl *> Work;
  for (const FunctionDecl *FD : Scan.Definitions)
    if (isMainFileDecl(FD, SM) && Recorded.insert(FD).second)
      Work.push_back(FD);
  while (!Work.empty()) {
    const FunctionDecl *FD = Work.back();
    Work.pop_back();
    auto It = Scan.Callees.find(FD);
    if (It == Scan.Callees.end())
      continue;
    for (const FunctionDecl *Callee : It->second)
      if (Relevant.count(Callee) && Recorded.insert(Callee).second)
        Work.push_back(Callee);
  }
  return Recorded;
}

template <typename T>
void keepRecorded(const std::vector<Found<T>> &All,
                  const std::set<const FunctionDecl *> &Recorded,
                  std::vector<T> &Out) {
  for (const Found<T> &F : All)
    if (!F.In || Recorded.count(F.In))
      Out.push_back(F.Fact);
}

} // namespace

std::vector<ParamGuard> parameterGuards(const Stmt *Site, const FunctionDecl *FD,
                                        ASTContext &Ctx) {
  return FD && FD->getBody() ? ParamTests(Ctx, FD).guards(Site)
                             : std::vector<ParamGuard>{};
}

TUProgramFacts collectProgramFacts(ASTContext &Ctx, const ApiModel &Model) {
  const SourceManager &SM = Ctx.getSourceManager();
  Namers Names(Model, Ctx);
  TUScan Scan(Model, Ctx, Names);
  Scan.TraverseDecl(Ctx.getTranslationUnitDecl());
  std::set<const FunctionDecl *> Recorded = recordedFunctions(Scan, SM);

  TUProgramFacts Facts;
  locks::LockSetAnalyzer Locks(Model, Ctx);
  for (const FunctionDecl *FD : Scan.Definitions) {
    if (!Recorded.count(FD))
      continue;
    FunctionFactsBuilder Builder(Model, Ctx, Names.of(FD), FD, Recorded);
    Facts.Functions.push_back(Builder.build(Locks.analyze(FD), Facts.Bindings));
  }
  keepRecorded(Scan.FieldBindings, Recorded, Facts.Bindings);
  keepRecorded(Scan.Slots, Recorded, Facts.Slots);
  Facts.ExternalCallees = Locks.externalCallees();
  return Facts;
}

} // namespace devlife::program
