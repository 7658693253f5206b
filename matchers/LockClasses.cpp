//===- LockClasses.cpp ----------------------------------------------------===//
#include "matchers/LockClasses.h"

#include "core/Report.h"
#include "matchers/FunctionSyntax.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <vector>

namespace devlife {
namespace {

using namespace clang;

/// A local initialised from another local is followed at most this deep;
/// real code chains two or three, a cycle is impossible without a write.
constexpr unsigned MaxDepth = 8;

/// Parentheses, casts and `&*p`, which name the same lock as `p`.
const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenCasts();
    const auto *Addr = dyn_cast<UnaryOperator>(E);
    if (!Addr || Addr->getOpcode() != UO_AddrOf)
      return E;
    const auto *Deref =
        dyn_cast<UnaryOperator>(Addr->getSubExpr()->IgnoreParens());
    if (!Deref || Deref->getOpcode() != UO_Deref)
      return E;
    E = Deref->getSubExpr();
  }
}

const Expr *addressed(const Expr *E) {
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return UO->getSubExpr();
  return nullptr;
}

bool isGlobal(const VarDecl *V) {
  return V->hasGlobalStorage() && !isa<ParmVarDecl>(V);
}

/// Where an lvalue's field path starts: a pointer it goes through, or a
/// variable it is a part of.
struct PathRoot {
  const Expr *Pointer = nullptr;
  const VarDecl *Variable = nullptr;
  std::vector<std::string> Fields; // outermost first
};

/// `a.b`, `(&a)->b`, `p->b`, `arr[i].b`: collects the fields from the
/// object back to the root, which is a pointer or a variable.
std::optional<PathRoot> walkToRoot(const Expr *E) {
  PathRoot R;
  std::vector<std::string> Reversed;
  const Expr *Cur = E;
  while (true) {
    Cur = Cur->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Cur)) {
      // An anonymous struct or union member (spinlock_t's union around
      // rlock) is not written in the source and names nothing.
      std::string Field = ME->getMemberDecl()->getNameAsString();
      if (!Field.empty())
        Reversed.push_back(std::move(Field));
      if (!ME->isArrow()) {
        Cur = ME->getBase();
        continue;
      }
      const Expr *Base = strip(ME->getBase());
      if (const Expr *Object = addressed(Base)) {
        Cur = Object; // (&x)->f is x.f
        continue;
      }
      R.Pointer = ME->getBase();
      break;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Cur)) {
      // Every element of an array shares the class, as in lockdep.
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (Base->getType()->isArrayType()) {
        Cur = Base;
        continue;
      }
      R.Pointer = AS->getBase();
      break;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Cur);
        UO && UO->getOpcode() == UO_Deref) {
      R.Pointer = UO->getSubExpr();
      break;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Cur))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        R.Variable = V;
        break;
      }
    return std::nullopt;
  }
  R.Fields.assign(Reversed.rbegin(), Reversed.rend());
  return R;
}

std::string withPath(std::string Base, const std::vector<std::string> &Fields) {
  if (Base.empty())
    return Base;
  for (const std::string &F : Fields)
    Base += "." + F;
  return Base;
}

std::string fileOf(const Decl *D, const SourceManager &SM) {
  return toSourcePoint(D->getLocation(), SM).File;
}

/// `E` if it is spelled where the user wrote it, else an invalid location.
SourceLocation userSpelling(SourceLocation L, const SourceManager &SM) {
  while (L.isMacroID()) {
    if (!SM.isMacroArgExpansion(L))
      return {};
    L = SM.getImmediateSpellingLoc(L);
  }
  return L;
}

std::string spelledText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = userSpelling(E->getBeginLoc(), SM);
  SourceLocation End = userSpelling(E->getEndLoc(), SM);
  if (B.isInvalid() || End.isInvalid() ||
      SM.getFileID(B) != SM.getFileID(End) ||
      SM.getFileOffset(End) < SM.getFileOffset(B))
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(B, End), SM,
                              Ctx.getLangOpts())
      .str();
}

} // namespace

LockClasses::LockClasses(const ApiModel &Model, ASTContext &Ctx,
                         const FunctionDecl *Fn)
    : Model(Model), Ctx(Ctx), Fn(Fn) {
  if (Fn && Fn->getBody())
    Syntax = std::make_unique<FunctionSyntax>(Fn->getBody());
}

LockClasses::~LockClasses() = default;

std::string LockClasses::classOf(const Expr *E) const { return classOf(E, 0); }

std::string LockClasses::objectClass(const Expr *E) const {
  return objectClass(E, 0);
}

std::string LockClasses::classOf(const Expr *E, unsigned Depth) const {
  if (!E || Depth > MaxDepth)
    return "";
  E = strip(E);
  if (const Expr *Object = addressed(E))
    return objectClass(Object, Depth);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // spinlock_check(l) hands back l.
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getIdentifier())
      if (auto Arg = Model.lockPassThrough(Callee->getName()))
        if (*Arg < Call->getNumArgs())
          return classOf(Call->getArg(*Arg), Depth + 1);
    return "";
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return variableClass(V, Depth);
    return "";
  }
  if (isa<MemberExpr, ArraySubscriptExpr>(E))
    return objectClass(E, Depth);
  return "";
}

std::string LockClasses::objectClass(const Expr *E, unsigned Depth) const {
  if (!E || Depth > MaxDepth)
    return "";
  std::optional<PathRoot> Root = walkToRoot(E);
  if (!Root)
    return "";
  std::vector<std::string> &Fields = Root->Fields;
  while (!Fields.empty() && Model.isLockInternalField(Fields.back()))
    Fields.pop_back();
  if (Root->Pointer) {
    if (Fields.empty()) // &lock->rlock: the pointer is the lock
      return classOf(Root->Pointer, Depth + 1);
    return withPath(recordClass(recordOf(Root->Pointer->getType())), Fields);
  }
  const VarDecl *V = Root->Variable;
  if (isGlobal(V))
    return withPath(globalName(V, Ctx.getSourceManager()), Fields);
  if (Fields.empty() && !V->getType()->isRecordType())
    return variableClass(V, Depth);
  // A local or by-value struct: its type names it, as for a pointer.
  return withPath(recordClass(recordOf(V->getType())), Fields);
}

std::string LockClasses::variableClass(const VarDecl *V, unsigned Depth) const {
  if (isGlobal(V))
    return globalName(V, Ctx.getSourceManager());
  if (isa<ParmVarDecl>(V))
    return parameterClass(V);
  // A local pointer set once, where it is declared: `m = &ctx->lock`, and
  // the `_wq = (wq)` copy flush_workqueue() makes.
  if (!V->getType()->isPointerType() || !V->getInit() || !Syntax ||
      !Syntax->keepsInitialValue(V))
    return "";
  return classOf(V->getInit(), Depth + 1);
}

std::string LockClasses::parameterClass(const VarDecl *V) const {
  if (!Fn)
    return "";
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Fn->getParamDecl(I) == V)
      return "@" + std::to_string(I);
  return "";
}

const Expr *LockClasses::lockExpression(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < MaxDepth; ++Depth) {
    E = strip(E);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      auto Arg = Callee && Callee->getIdentifier()
                     ? Model.lockPassThrough(Callee->getName())
                     : std::nullopt;
      if (!Arg || *Arg >= Call->getNumArgs())
        return E;
      E = Call->getArg(*Arg);
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || isGlobal(V) || isa<ParmVarDecl>(V) || !V->getInit() ||
          !Syntax || !Syntax->keepsInitialValue(V))
        return E;
      E = V->getInit();
      continue;
    }
    const Expr *Object = addressed(E);
    const auto *ME =
        Object ? dyn_cast<MemberExpr>(Object->IgnoreParenImpCasts()) : nullptr;
    if (!ME || !Model.isLockInternalField(ME->getMemberDecl()->getName()))
      return E;
    E = ME->getBase();
  }
  return E;
}

std::string LockClasses::textOf(const Expr *E) const {
  std::string Text = writtenText(E, Ctx);
  return Text.empty() ? writtenText(lockExpression(E), Ctx) : Text;
}

std::string LockClasses::resultClass(const CallExpr *Call) const {
  DynTypedNode Node = DynTypedNode::create(*static_cast<const Stmt *>(Call));
  for (unsigned Steps = 0; Steps < 16; ++Steps) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return "";
    const DynTypedNode &P = Parents[0];
    if (const auto *BO = P.get<BinaryOperator>()) {
      if (BO->getOpcode() != BO_Assign)
        return "";
      return objectClass(BO->getLHS());
    }
    if (const auto *V = P.get<VarDecl>())
      return storedVariableClass(V);
    const auto *E = P.get<Expr>();
    if (!E || !(isa<ParenExpr, CastExpr>(E)))
      return "";
    Node = P;
  }
  return "";
}

/// A variable a call's result was put in. A local that is the value of the
/// statement expression around it passes the result on (kthread_run()).
std::string LockClasses::storedVariableClass(const VarDecl *V) const {
  if (isGlobal(V))
    return globalName(V, Ctx.getSourceManager());
  DynTypedNode Node = DynTypedNode::create(*V);
  for (unsigned Steps = 0; Steps < 4; ++Steps) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return "";
    if (const auto *SE = Parents[0].get<StmtExpr>()) {
      const Stmt *Last = SE->getSubStmt()->body_back();
      const auto *Value = dyn_cast_or_null<Expr>(Last);
      const auto *DRE =
          Value ? dyn_cast<DeclRefExpr>(Value->IgnoreParenImpCasts()) : nullptr;
      if (!DRE || DRE->getDecl() != V)
        return "";
      // The statement expression's value is V: go on from there.
      DynTypedNodeList Outer = Ctx.getParents(*SE);
      for (unsigned Up = 0; !Outer.empty() && Up < 8; ++Up) {
        if (const auto *BO = Outer[0].get<BinaryOperator>())
          return BO->getOpcode() == BO_Assign ? objectClass(BO->getLHS()) : "";
        if (const auto *Var = Outer[0].get<VarDecl>())
          return isGlobal(Var) ? globalName(Var, Ctx.getSourceManager()) : "";
        const auto *E = Outer[0].get<Expr>();
        if (!E || !isa<ParenExpr, CastExpr>(E))
          return "";
        Outer = Ctx.getParents(Outer[0]);
      }
      return "";
    }
    Node = Parents[0];
  }
  return "";
}

const RecordDecl *recordOf(QualType T) {
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->getAsRecordDecl();
}

std::string recordName(const RecordDecl *RD) {
  if (!RD)
    return "";
  if (!RD->getName().empty())
    return RD->getName().str();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName().str();
  return "";
}

std::string recordClass(const RecordDecl *RD) {
  if (!RD)
    return "";
  if (!RD->getName().empty())
    return (RD->isUnion() ? "union " : "struct ") + RD->getName().str();
  return recordName(RD);
}

std::string globalName(const VarDecl *V, const SourceManager &SM) {
  const VarDecl *Def = V->getDefinition();
  if (!Def)
    Def = V;
  if (V->isExternallyVisible())
    return V->getNameAsString();
  return fileOf(Def, SM) + "::" + V->getNameAsString();
}

std::string functionKey(const FunctionDecl *FD, const SourceManager &SM) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def)
    Def = FD;
  if (FD->isExternallyVisible())
    return FD->getNameAsString();
  return fileOf(Def, SM) + "::" + FD->getNameAsString();
}

const FunctionDecl *functionNamedBy(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  // pm_sleep_ptr(fn) is PTR_IF(IS_ENABLED(CONFIG_PM_SLEEP), fn): `c ? fn : NULL`.
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    const FunctionDecl *T = functionNamedBy(CO->getTrueExpr());
    return T ? T : functionNamedBy(CO->getFalseExpr());
  }
  if (const Expr *Object = addressed(E))
    E = Object->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return FD;
  return nullptr;
}

std::string writtenText(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return "";
  std::string Text = spelledText(E, Ctx);
  if (Text.empty()) // `(_work)`: the parentheses come from the macro
    Text = spelledText(E->IgnoreParenImpCasts(), Ctx);
  return Text;
}

} // namespace devlife
