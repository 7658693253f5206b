//===- LockSets.cpp - Lock-set dataflow over a function's CFG -------------===//
#include "checks/LockSets.h"

#include "core/Report.h"
#include "matchers/LockClasses.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include <map>

namespace devlife::locks {
namespace {

using namespace clang;

/// Rounds over the blocks before the fixpoint is taken as reached. Sets
/// only shrink, except for asserted locks, so real code needs two or three.
constexpr unsigned MaxRounds = 12;

bool sameClassOrSubclass(llvm::StringRef Held, llvm::StringRef Class) {
  return Held == Class ||
         (Held.starts_with(Class) && Held.substr(Class.size()).starts_with("/"));
}

void addUnique(std::vector<std::string> &V, const std::string &S) {
  if (!S.empty() && std::find(V.begin(), V.end(), S) == V.end())
    V.push_back(S);
}

llvm::StringRef calleeName(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && FD->getIdentifier() ? FD->getName() : "";
}

/// What a branch condition says about a call's result: the call, and
/// whether the condition being true means the result was non-zero.
struct ResultTest {
  const CallExpr *Call = nullptr;
  bool TrueMeansNonZero = true;
};

/// Walks one function's CFG to the fixpoint, then once more to record.
class FunctionWalker {
public:
  FunctionWalker(LockSetAnalyzer &A, const FunctionDecl *FD, FunctionLocks &Out)
      : A(A), FD(FD), Out(Out), Names(A.model(), A.context(), FD),
        SM(A.context().getSourceManager()) {}

  void run();

private:
  LockSetAnalyzer &A;
  const FunctionDecl *FD;
  FunctionLocks &Out;
  LockClasses Names;
  const SourceManager &SM;
  bool Recording = false;
  /// Set while findRetaken() walks with the caller's locks held on entry:
  /// the set just before each call.
  std::map<const CallExpr *, LockSet> *RetakenBefore = nullptr;

  // Acquisitions whose success depends on the result, waiting for the
  // branch that tests it; and the locals such a result was stored in.
  std::map<const CallExpr *, std::pair<HeldEntry, LockFunction::HeldIf>> Pending;
  std::map<const VarDecl *, const CallExpr *> ResultIn;
  std::map<const VarDecl *, std::string> GuardClass;
  std::set<const CallExpr *> Reached;

  /// The sets at each block's entry and exit, to the fixpoint.
  struct Flow {
    std::vector<LockSet> Entry, Exit;
    std::vector<bool> Visited;
  };
  Flow solve(const CFG &Cfg, const PostOrderCFGView &Order,
             const LockSet &Initial);
  void findRetaken(const CFG &Cfg, const PostOrderCFGView &Order);
  void replay(const PostOrderCFGView &Order, const Flow &F);
  void transfer(const CFGBlock &B, LockSet &S);
  void onStmt(const Stmt *St, LockSet &S);
  void onCall(const CallExpr *Call, LockSet &S);
  void onLockCall(const CallExpr *Call, const LockFunction &LF, LockSet &S);
  void onCalleeResult(const CallExpr *Call, const FunctionLocks &Callee,
                      LockSet &S);
  void onExternalCall(const CallExpr *Call, llvm::StringRef Name, LockSet &S);
  std::vector<std::string> argClasses(const CallExpr *Call) const;
  void onDecl(const VarDecl *V, LockSet &S);
  void onGuard(const VarDecl *V, const CallExpr *Ctor, const LockFunction &LF,
               LockSet &S);
  void onAssign(const BinaryOperator *BO);
  void onCleanup(const VarDecl *V, LockSet &S);
  void release(const std::string &Class, LockSet &S, llvm::StringRef Text = "");
  std::string argumentText(const CallExpr *Call, llvm::StringRef Class) const;

  std::string lockClass(const CallExpr *Call, const LockFunction &LF) const;
  HeldEntry entryFor(const CallExpr *Call, const LockFunction &LF,
                     const std::string &Class) const;
  void recordSite(const CallExpr *Call, const LockFunction &LF,
                  llvm::StringRef Api, const HeldEntry &E, const LockSet &S);

  LockSet edgeSet(const CFGBlock &Pred, const CFGBlock &Succ,
                  LockSet S) const;
  std::optional<ResultTest> resultTest(const Expr *Cond) const;
  void finish(const LockSet &AtExit);
};

void FunctionWalker::run() {
  CFG::BuildOptions Opts;
  // Calls nested in conditions and initialisers must be elements too.
  Opts.setAllAlwaysAdd();
  // Guard variables end their scope in a cleanup element; the CFG emits
  // those (CFGCleanupFunction) with the implicit destructors.
  Opts.AddImplicitDtors = true;
  std::unique_ptr<CFG> Cfg =
      CFG::buildCFG(FD, FD->getBody(), &A.context(), Opts);
  if (!Cfg)
    return;
  PostOrderCFGView Order(Cfg.get());
  Flow F = solve(*Cfg, Order, LockSet());

  Recording = true;
  replay(Order, F);
  Recording = false;
  unsigned ExitID = Cfg->getExit().getBlockID();
  if (F.Visited[ExitID])
    finish(F.Entry[ExitID]);
  if (!Out.ReleasesHeld.empty())
    findRetaken(*Cfg, Order);
}

FunctionWalker::Flow FunctionWalker::solve(const CFG &Cfg,
                                           const PostOrderCFGView &Order,
                                           const LockSet &Initial) {
  unsigned N = Cfg.getNumBlockIDs();
  Flow F{std::vector<LockSet>(N), std::vector<LockSet>(N),
         std::vector<bool>(N, false)};
  std::vector<unsigned> Position(N, 0); // in reverse post-order
  unsigned Next = 0;
  for (const CFGBlock *B : Order)
    Position[B->getBlockID()] = Next++;
  auto entrySet = [&](const CFGBlock &B, bool &Reachable) {
    Reachable = &B == &Cfg.getEntry();
    LockSet In = Initial;
    for (const CFGBlock *P : B.preds()) {
      if (!P || !F.Visited[P->getBlockID()])
        continue;
      LockSet Edge = edgeSet(*P, B, F.Exit[P->getBlockID()]);
      if (Position[P->getBlockID()] >= Position[B.getBlockID()])
        Edge.dropMayHeld(); // a back edge
      In = Reachable ? LockSet::join(In, Edge) : Edge;
      Reachable = true;
    }
    return In;
  };
  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    bool Changed = false;
    for (const CFGBlock *B : Order) {
      bool Reachable = false;
      LockSet In = entrySet(*B, Reachable);
      if (!Reachable)
        continue;
      LockSet OutSet = In;
      transfer(*B, OutSet);
      unsigned ID = B->getBlockID();
      if (!F.Visited[ID] || In != F.Entry[ID] || OutSet != F.Exit[ID])
        Changed = true;
      F.Visited[ID] = true;
      F.Entry[ID] = std::move(In);
      F.Exit[ID] = std::move(OutSet);
    }
    if (!Changed)
      break;
  }
  return F;
}

/// A helper that drops its caller's lock and takes it again before every
/// return (__of_changeset_apply_notify(), and __of_changeset_apply() that
/// calls it on one path) returns with it held: walked again with what it
/// releases held on entry, a lock still held at the exit is returned held
/// as well, so that the caller's set keeps it.
void FunctionWalker::findRetaken(const CFG &Cfg, const PostOrderCFGView &Order) {
  LockSet Initial;
  for (const std::string &Class : Out.ReleasesHeld) {
    HeldEntry E;
    E.Lock.Class = E.Lock.Text = Class;
    E.Lock.Acquired = toSourcePoint(FD->getLocation(), SM);
    Initial.add(std::move(E));
  }
  Flow F = solve(Cfg, Order, Initial);
  // Where the caller's locks are dropped: __pm_runtime_barrier() unlocks
  // dev->power.lock before cancel_work_sync(&dev->power.work).
  std::map<const CallExpr *, LockSet> Before;
  RetakenBefore = &Before;
  replay(Order, F);
  RetakenBefore = nullptr;
  for (const auto &[Call, S] : Before)
    for (const std::string &Class : Out.ReleasesHeld)
      if (!S.contains(Class))
        Out.DroppedAt[Call].push_back(Class);
  unsigned ExitID = Cfg.getExit().getBlockID();
  if (!F.Visited[ExitID])
    return;
  for (const HeldEntry &E : F.Entry[ExitID].entries())
    if (!E.Asserted && !E.Guard && Initial.contains(E.Lock.Class) &&
        std::find(Out.ReturnsHeld.begin(), Out.ReturnsHeld.end(),
                  E.Lock.Class) == Out.ReturnsHeld.end()) {
      Out.ReturnsHeld.push_back(E.Lock.Class);
      Out.AtReturn.push_back(E);
    }
}

/// One more pass over the solved flow, for what Recording or
/// RetakenBefore collect.
void FunctionWalker::replay(const PostOrderCFGView &Order, const Flow &F) {
  for (const CFGBlock *B : Order)
    if (F.Visited[B->getBlockID()]) {
      LockSet S = F.Entry[B->getBlockID()];
      transfer(*B, S);
    }
}

void FunctionWalker::transfer(const CFGBlock &B, LockSet &S) {
  for (const CFGElement &E : B) {
    if (auto St = E.getAs<CFGStmt>())
      onStmt(St->getStmt(), S);
    else if (auto Cleanup = E.getAs<CFGCleanupFunction>())
      onCleanup(Cleanup->getVarDecl(), S);
  }
}

void FunctionWalker::onStmt(const Stmt *St, LockSet &S) {
  if (const auto *Call = dyn_cast<CallExpr>(St))
    onCall(Call, S);
  else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        onDecl(V, S);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St))
    onAssign(BO);
}

void FunctionWalker::onCall(const CallExpr *Call, LockSet &S) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  llvm::StringRef Name = calleeName(Call);
  const ApiModel &M = A.model();
  // A guard's constructor is the guard variable's business (onDecl).
  if (Callee && M.guardLock(Name))
    return;
  if (Recording && Reached.insert(Call).second)
    Out.Calls.push_back({Call, S});
  if (RetakenBefore)
    RetakenBefore->emplace(Call, S);
  if (!Callee || Callee->getBuiltinID())
    return;
  if (const LockFunction *LF = M.lockFunction(Name)) {
    onLockCall(Call, *LF, S);
    return;
  }
  if (M.barrier(Name) || M.binding(Name))
    return;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->hasBody())
    onExternalCall(Call, Name, S);
  else if (const FunctionLocks *Result = A.analyze(Callee))
    onCalleeResult(Call, *Result, S);
}

std::string FunctionWalker::lockClass(const CallExpr *Call,
                                      const LockFunction &LF) const {
  if (LF.Arg >= Call->getNumArgs())
    return "";
  std::string Class = Names.classOf(Call->getArg(LF.Arg));
  if (Class.empty() || !LF.SubclassArg || *LF.SubclassArg >= Call->getNumArgs())
    return Class;
  // mutex_lock_nested(l, SINGLE_DEPTH_NESTING) is another lockdep class.
  const Expr *Sub = Call->getArg(*LF.SubclassArg);
  if (std::optional<llvm::APSInt> V = Sub->getIntegerConstantExpr(A.context()))
    if (*V != 0)
      Class += "/" + llvm::toString(*V, 10);
  return Class;
}

HeldEntry FunctionWalker::entryFor(const CallExpr *Call, const LockFunction &LF,
                                   const std::string &Class) const {
  HeldEntry E;
  E.Lock.Class = Class;
  if (LF.Arg < Call->getNumArgs()) {
    E.Lock.Text = Names.textOf(Call->getArg(LF.Arg));
  }
  if (E.Lock.Text.empty())
    E.Lock.Text = Class;
  E.Lock.Acquired = toSourcePoint(Call->getBeginLoc(), SM);
  E.Lock.Shared = LF.Shared;
  E.Lock.Sleeps = LF.Sleeps;
  return E;
}

void FunctionWalker::recordSite(const CallExpr *Call, const LockFunction &LF,
                                llvm::StringRef Api, const HeldEntry &E,
                                const LockSet &S) {
  if (!Recording)
    return;
  program::LockSite Site;
  Site.Class = E.Lock.Class;
  Site.Text = E.Lock.Text;
  Site.Api = Api.str();
  Site.Where = E.Lock.Acquired;
  Site.Held = S.held();
  Site.Try = LF.Try;
  Site.Shared = LF.Shared;
  Site.Sleeps = LF.Sleeps;
  Out.Locks.push_back(std::move(Site));
}

void FunctionWalker::onLockCall(const CallExpr *Call, const LockFunction &LF,
                                LockSet &S) {
  // A lock nobody can name orders nothing: it is left out of the facts.
  std::string Class = lockClass(Call, LF);
  if (Class.empty())
    return;
  HeldEntry E = entryFor(Call, LF, Class);
  switch (LF.Action) {
  case LockFunction::Op::Acquire:
    recordSite(Call, LF, LF.Name, E, S);
    if (LF.Held == LockFunction::HeldIf::Always)
      S.add(std::move(E));
    else
      Pending[Call] = {std::move(E), LF.Held};
    return;
  case LockFunction::Op::Release:
    release(Class, S, E.Lock.Text);
    return;
  case LockFunction::Op::AssertHeld:
    if (Recording)
      addUnique(Out.AssertsHeld, Class);
    E.Asserted = true;
    S.add(std::move(E));
    return;
  }
}

void FunctionWalker::release(const std::string &Class, LockSet &S,
                             llvm::StringRef Text) {
  bool Own = S.mayHold(Class);
  if (!S.remove(Class, Text) && Recording && !Own)
    addUnique(Out.ReleasesHeld, Class);
}

std::vector<std::string> FunctionWalker::argClasses(const CallExpr *Call) const {
  std::vector<std::string> Args;
  for (const Expr *Arg : Call->arguments())
    Args.push_back(Names.classOf(Arg));
  return Args;
}

/// A parameter's lock ("@N") as the caller passed it (`&ctx->lock`), so
/// that it is the same lock as the caller's own of that text; "" for others.
std::string FunctionWalker::argumentText(const CallExpr *Call,
                                         llvm::StringRef Class) const {
  unsigned N = 0;
  if (!Class.consume_front("@") || Class.consumeInteger(10, N) ||
      N >= Call->getNumArgs())
    return "";
  return Names.textOf(Call->getArg(N));
}

void FunctionWalker::onCalleeResult(const CallExpr *Call,
                                    const FunctionLocks &Callee, LockSet &S) {
  if (Callee.AtReturn.empty() && Callee.ReleasesHeld.empty() &&
      Callee.MayReturnHeld.empty())
    return;
  std::vector<std::string> Args = argClasses(Call);
  for (const std::string &Released : Callee.ReleasesHeld) {
    std::string Class = resolveParameterClass(Released, Args);
    if (!Class.empty())
      release(Class, S);
  }
  for (const std::string &Maybe : Callee.MayReturnHeld)
    if (std::string Class = resolveParameterClass(Maybe, Args); !Class.empty())
      S.addMayHeld(Class);
  for (const HeldEntry &Returned : Callee.AtReturn) {
    std::string Class = resolveParameterClass(Returned.Lock.Class, Args);
    if (Class.empty())
      continue;
    HeldEntry E = Returned;
    E.Lock.Class = Class;
    if (std::string Text = argumentText(Call, Returned.Lock.Class); !Text.empty())
      E.Lock.Text = Text;
    E.Lock.Acquired = toSourcePoint(Call->getBeginLoc(), SM);
    S.add(std::move(E));
  }
}

/// A function defined in another file: what the global phase learned of
/// it (LockFamily's refine step), applied as a same-file callee's result.
void FunctionWalker::onExternalCall(const CallExpr *Call, llvm::StringRef Name,
                                    LockSet &S) {
  const LockSummary *L = A.model().lockSummary(Name);
  A.noteExternal(Name, L);
  if (!L)
    return;
  std::vector<std::string> Args = argClasses(Call);
  for (const std::string &Released : L->Releases) {
    std::string Class = resolveParameterClass(Released, Args);
    if (!Class.empty())
      release(Class, S);
  }
  for (const LockSummary::Held &H : L->Returns) {
    HeldEntry E;
    E.Lock.Class = resolveParameterClass(H.Class, Args);
    if (E.Lock.Class.empty())
      continue;
    E.Lock.Text = argumentText(Call, H.Class);
    if (E.Lock.Text.empty())
      E.Lock.Text = H.Text;
    if (E.Lock.Text.empty())
      E.Lock.Text = E.Lock.Class;
    E.Lock.Shared = H.Shared;
    E.Lock.Sleeps = H.Sleeps;
    E.Lock.Acquired = toSourcePoint(Call->getBeginLoc(), SM);
    S.add(std::move(E));
  }
}

void FunctionWalker::onDecl(const VarDecl *V, LockSet &S) {
  const Expr *Init = V->getInit();
  if (!Init)
    return;
  const auto *Call = dyn_cast<CallExpr>(Init->IgnoreParenCasts());
  if (!Call)
    return;
  if (Pending.count(Call))
    ResultIn[V] = Call; // int ret = mutex_lock_interruptible(l);
  if (V->hasAttr<CleanupAttr>())
    if (const LockFunction *LF = A.model().guardLock(calleeName(Call)))
      onGuard(V, Call, *LF, S);
}

void FunctionWalker::onGuard(const VarDecl *V, const CallExpr *Ctor,
                             const LockFunction &LF, LockSet &S) {
  // The constructor takes the lock as its LF.Arg; it has no subclass
  // argument, so lockClass() leaves the class alone.
  std::string Class = lockClass(Ctor, LF);
  if (Class.empty())
    return;
  HeldEntry E = entryFor(Ctor, LF, Class);
  E.Guard = V;
  recordSite(Ctor, LF, LF.Name, E, S);
  GuardClass[V] = Class;
  S.add(std::move(E));
}

void FunctionWalker::onAssign(const BinaryOperator *BO) {
  if (BO->getOpcode() != BO_Assign)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return;
  const auto *Call = dyn_cast<CallExpr>(BO->getRHS()->IgnoreParenCasts());
  if (Call && Pending.count(Call))
    ResultIn[V] = Call; // ret = mutex_lock_interruptible(l);
  else
    ResultIn.erase(V); // ret now holds something else
}

void FunctionWalker::onCleanup(const VarDecl *V, LockSet &S) {
  auto It = GuardClass.find(V);
  if (It != GuardClass.end()) {
    S.remove(It->second);
    return;
  }
  // Another cleanup that unlocks (guard(device) ends in device_unlock()).
  const CleanupAttr *Attr = V->getAttr<CleanupAttr>();
  const FunctionDecl *Fn = Attr ? Attr->getFunctionDecl() : nullptr;
  if (!Fn)
    return;
  if (const FunctionLocks *Result = A.analyze(Fn))
    for (const std::string &Released : Result->ReleasesHeld)
      if (Released[0] != '@') // it is handed &V, which names no lock
        S.remove(Released);
}

/// ThreadSafety's getEdgeLockset: on the edge out of a block whose branch
/// tests a conditional acquisition's result, the lock is held on the side
/// where the acquisition succeeded.
LockSet FunctionWalker::edgeSet(const CFGBlock &Pred, const CFGBlock &Succ,
                                LockSet S) const {
  const Stmt *Cond = Pred.getTerminatorCondition();
  if (!Cond || Pred.succ_size() != 2)
    return S;
  // The block that evaluates the right side of `a || trylock(l)` ends in
  // the if, whose condition is the whole ||: its edges are the right
  // side's outcome. (The left side's block ends in the || itself.)
  if (!isa<BinaryOperator>(Pred.getTerminatorStmt()))
    while (const auto *BO = dyn_cast<BinaryOperator>(
               cast<Expr>(Cond)->IgnoreParenImpCasts()))
      if (BO->isLogicalOp())
        Cond = BO->getRHS();
      else
        break;
  const CFGBlock *TrueSucc = *Pred.succ_begin();
  const CFGBlock *FalseSucc = *(Pred.succ_begin() + 1);
  if (TrueSucc == FalseSucc)
    return S;
  std::optional<ResultTest> Test = resultTest(dyn_cast<Expr>(Cond));
  if (!Test)
    return S;
  auto It = Pending.find(Test->Call);
  if (It == Pending.end())
    return S;
  bool NonZero = (&Succ == TrueSucc) == Test->TrueMeansNonZero;
  bool Held = It->second.second == LockFunction::HeldIf::NonZero ? NonZero
                                                                 : !NonZero;
  if (Held)
    S.add(It->second.first);
  return S;
}

std::optional<ResultTest> FunctionWalker::resultTest(const Expr *Cond) const {
  if (!Cond)
    return std::nullopt;
  const Expr *E = Cond->IgnoreParenImpCasts();
  auto flipped = [](std::optional<ResultTest> T) {
    if (T)
      T->TrueMeansNonZero = !T->TrueMeansNonZero;
    return T;
  };
  auto isZero = [&](const Expr *X) {
    std::optional<llvm::APSInt> V = X->getIntegerConstantExpr(A.context());
    return V && *V == 0;
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot ? flipped(resultTest(UO->getSubExpr()))
                                      : std::nullopt;
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign) // if ((ret = trylock(l)))
      return resultTest(BO->getRHS());
    if (!isZero(BO->getRHS()))
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_NE: // ret != 0
    case BO_LT: // ret < 0: an error code
    case BO_GT: // ret > 0
      return resultTest(BO->getLHS());
    case BO_EQ: // ret == 0
    case BO_GE: // ret >= 0
      return flipped(resultTest(BO->getLHS()));
    default:
      return std::nullopt;
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // likely()/unlikely() keep the value of their first argument.
    if (Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
        Call->getNumArgs() > 0)
      return resultTest(Call->getArg(0));
    return ResultTest{Call, true};
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
      auto It = ResultIn.find(V);
      if (It != ResultIn.end())
        return ResultTest{It->second, true};
    }
  return std::nullopt;
}

void FunctionWalker::finish(const LockSet &AtExit) {
  for (const HeldEntry &E : AtExit.entries()) {
    // A guard whose cleanup the CFG did not show still ends with its scope.
    if (E.Asserted || E.Guard)
      continue;
    addUnique(Out.ReturnsHeld, E.Lock.Class);
    Out.AtReturn.push_back(E);
  }
  for (const std::string &Class : AtExit.mayHeld())
    if (!AtExit.contains(Class))
      addUnique(Out.MayReturnHeld, Class);
}

} // namespace

bool LockSet::contains(llvm::StringRef Class) const {
  return std::any_of(Entries.begin(), Entries.end(), [&](const HeldEntry &E) {
    return E.Lock.Class == Class;
  });
}

bool LockSet::mayHold(llvm::StringRef Class) const {
  return contains(Class) || MayHeld.count(Class.str());
}

void LockSet::add(HeldEntry E) {
  MayHeld.insert(E.Lock.Class);
  bool Held = std::any_of(Entries.begin(), Entries.end(), [&](const HeldEntry &H) {
    return H.Lock.Class == E.Lock.Class && H.Lock.Text == E.Lock.Text;
  });
  if (!Held)
    Entries.push_back(std::move(E));
}

unsigned LockSet::count(llvm::StringRef Class) const {
  return std::count_if(Entries.begin(), Entries.end(),
                       [&](const HeldEntry &E) { return E.Lock.Class == Class; });
}

bool LockSet::remove(llvm::StringRef Class, llvm::StringRef Text) {
  auto Last = [&](auto Pred) {
    auto It = std::find_if(Entries.rbegin(), Entries.rend(), Pred);
    return It == Entries.rend() ? Entries.end() : std::next(It).base();
  };
  auto It = Last([&](const HeldEntry &E) {
    return !Text.empty() && E.Lock.Text == Text &&
           sameClassOrSubclass(E.Lock.Class, Class);
  });
  if (It == Entries.end())
    It = Last([&](const HeldEntry &E) { return E.Lock.Class == Class; });
  if (It == Entries.end())
    It = Last([&](const HeldEntry &E) {
      return sameClassOrSubclass(E.Lock.Class, Class);
    });
  if (It == Entries.end()) {
    // Released on this path, whichever path may have taken it.
    for (auto M = MayHeld.begin(); M != MayHeld.end();)
      M = sameClassOrSubclass(*M, Class) ? MayHeld.erase(M) : std::next(M);
    return false;
  }
  std::string Removed = It->Lock.Class;
  Entries.erase(It);
  if (!contains(Removed))
    MayHeld.erase(Removed);
  return true;
}

LockSet LockSet::join(const LockSet &A, const LockSet &B) {
  LockSet R;
  auto OnBoth = [&](const HeldEntry &E) {
    bool SameText = std::any_of(B.Entries.begin(), B.Entries.end(), [&](const HeldEntry &H) {
      return H.Lock.Class == E.Lock.Class && H.Lock.Text == E.Lock.Text;
    });
    // One lock of the class on each side, written differently on the two
    // paths (`dev` and `&pdev->dev`), is the same lock.
    return SameText || (A.count(E.Lock.Class) == 1 && B.count(E.Lock.Class) == 1);
  };
  for (const HeldEntry &E : A.Entries)
    if (E.Asserted || OnBoth(E))
      R.Entries.push_back(E);
  for (const HeldEntry &E : B.Entries)
    if (E.Asserted)
      R.add(E);
  R.MayHeld = A.MayHeld;
  R.MayHeld.insert(B.MayHeld.begin(), B.MayHeld.end());
  return R;
}

bool LockSet::operator==(const LockSet &O) const {
  auto Same = [](const HeldEntry &X, const HeldEntry &Y) {
    return X.Lock.Class == Y.Lock.Class && X.Lock.Shared == Y.Lock.Shared &&
           X.Asserted == Y.Asserted && X.Guard == Y.Guard;
  };
  return Entries.size() == O.Entries.size() && MayHeld == O.MayHeld &&
         std::is_permutation(Entries.begin(), Entries.end(), O.Entries.begin(),
                             Same);
}

std::vector<program::HeldLock> LockSet::held() const {
  std::vector<program::HeldLock> R;
  for (const HeldEntry &E : Entries)
    if (std::none_of(R.begin(), R.end(), [&](const program::HeldLock &H) {
          return H.Class == E.Lock.Class;
        }))
      R.push_back(E.Lock);
  return R;
}

LockSetAnalyzer::LockSetAnalyzer(const ApiModel &Model, ASTContext &Ctx)
    : Model(Model), Ctx(Ctx) {}

LockSetAnalyzer::~LockSetAnalyzer() = default;

void LockSetAnalyzer::noteExternal(llvm::StringRef Name, const LockSummary *L) {
  External[Name.str()] = L ? L->Json : "";
}

const FunctionLocks *LockSetAnalyzer::analyze(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return nullptr;
  auto It = Results.find(Def);
  if (It != Results.end())
    return It->second.get();
  if (!InProgress.insert(Def).second)
    return nullptr;
  auto Result = std::make_unique<FunctionLocks>();
  FunctionWalker(*this, Def, *Result).run();
  InProgress.erase(Def);
  return (Results[Def] = std::move(Result)).get();
}

std::string resolveParameterClass(const std::string &Class,
                                  const std::vector<std::string> &ArgClasses) {
  if (Class.empty() || Class[0] != '@')
    return Class;
  size_t End = Class.find('/');
  unsigned N = 0;
  if (llvm::StringRef(Class).substr(1, End == std::string::npos ? End : End - 1)
          .getAsInteger(10, N) ||
      N >= ArgClasses.size() || ArgClasses[N].empty())
    return "";
  return ArgClasses[N] + (End == std::string::npos ? "" : Class.substr(End));
}

} // namespace devlife::locks
