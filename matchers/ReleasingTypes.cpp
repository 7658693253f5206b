//===- ReleasingTypes.cpp -------------------------------------------------===//
#include "matchers/ReleasingTypes.h"

#include "matchers/KernelMatchers.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace devlife {
namespace {

using namespace clang;

const RecordDecl *pointee(QualType T) {
  if (!T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

class PutterCollector : public RecursiveASTVisitor<PutterCollector> {
public:
  explicit PutterCollector(const ApiModel &Model) : Model(Model) {}

  std::map<const RecordDecl *, std::set<std::string>> Types;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    Current = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const RefFunction *F = Current ? Model.refFunction(calleeName(Call)) : nullptr;
    if (!F || F->acquires())
      return true; // a release, not a from-consuming find
    for (unsigned I : F->Releases)
      if (I < Call->getNumArgs())
        if (const RecordDecl *RD = heldBy(Call->getArg(I)))
          Types[RD].insert(F->Name);
    return true;
  }

private:
  const ApiModel &Model;
  const FunctionDecl *Current = nullptr;

  /// `&p->dev` or `p->dev` with p a parameter of the current function: the
  /// record p points to, unless it is itself a counted kind (struct device).
  const RecordDecl *heldBy(const Expr *Arg) const {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf)
      Arg = UO->getSubExpr()->IgnoreParenImpCasts();
    const auto *ME = dyn_cast<MemberExpr>(Arg);
    if (!ME || !ME->isArrow())
      return nullptr;
    const auto *DRE = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!P || P->getDeclContext() != Current)
      return nullptr;
    const RecordDecl *RD = pointee(P->getType());
    if (!RD || !RD->getIdentifier() || Model.refKind(RD->getName()))
      return nullptr;
    return RD;
  }
};

} // namespace

ReleasingTypes::ReleasingTypes(const ApiModel &Model, ASTContext &Ctx) {
  PutterCollector C(Model);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  Types = std::move(C.Types);
}

const std::set<std::string> &
ReleasingTypes::releasesFor(const QualType &Pointer) const {
  static const std::set<std::string> None;
  const RecordDecl *RD = pointee(Pointer);
  auto It = RD ? Types.find(RD) : Types.end();
  return It == Types.end() ? None : It->second;
}

} // namespace devlife
