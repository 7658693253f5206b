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

/// The kind of reference a release of Arg drops: Arg's own record
/// (struct device), or the counted object it embeds (a platform_device's
/// `struct device dev`).
std::string kindOf(const ApiModel &Model, const Expr *Arg) {
  const RecordDecl *RD = pointee(Arg->IgnoreParenImpCasts()->getType());
  if (!RD || !RD->getIdentifier())
    return "";
  if (Model.refKind(RD->getName()))
    return RD->getName().str();
  if (const RecordDecl *Def = RD->getDefinition())
    for (const FieldDecl *F : Def->fields())
      if (const RecordDecl *Inner = F->getType()->getAsRecordDecl())
        if (Inner->getIdentifier() && Model.refKind(Inner->getName()))
          return Inner->getName().str();
  return "";
}

/// Outer has a member (or an array of them) of type Inner.
bool encloses(const RecordDecl *Outer, const RecordDecl *Inner) {
  if (!Outer || !Inner || !Outer->getDefinition())
    return false;
  for (const FieldDecl *F : Outer->getDefinition()->fields()) {
    QualType T = F->getType();
    while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
      T = AT->getElementType();
    const RecordDecl *RD = T->getAsRecordDecl();
    if (RD && RD->getCanonicalDecl() == Inner)
      return true;
  }
  return false;
}

class PutterCollector : public RecursiveASTVisitor<PutterCollector> {
public:
  explicit PutterCollector(const ApiModel &Model) : Model(Model) {}

  std::map<const RecordDecl *, std::set<std::string>> Types;
  std::set<const FieldDecl *> Fields;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    Current = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  // Where each local's value came from, seen before its uses in source order.
  bool VisitVarDecl(VarDecl *V) {
    if (Current && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit())
      Origins[V].push_back(V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (Current && BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && V->hasLocalStorage() && !isa<ParmVarDecl>(V))
          Origins[V].push_back(BO->getRHS());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const RefFunction *F = Current ? Model.refFunction(calleeName(Call)) : nullptr;
    if (!F || F->acquires())
      return true; // a release, not a from-consuming find
    for (unsigned I : F->Releases) {
      if (I >= Call->getNumArgs())
        continue;
      Holder H = holderOf(Call->getArg(I), /*Inside=*/false, 0);
      if (H.Field && H.Field->getParent()->getIdentifier() &&
          !Model.isBorrowedField(H.Field->getParent()->getName(),
                                 H.Field->getName()))
        Fields.insert(H.Field->getCanonicalDecl());
      if (!H.Record || !H.Record->getIdentifier() ||
          Model.refKind(H.Record->getName()))
        continue; // a counted object itself (struct device) is no holder
      std::string Kind = kindOf(Model, Call->getArg(I));
      if (!Kind.empty())
        Types[H.Record].insert(Kind);
    }
    return true;
  }

private:
  const ApiModel &Model;
  const FunctionDecl *Current = nullptr;
  std::map<const VarDecl *, std::vector<const Expr *>> Origins;

  struct Holder {
    const RecordDecl *Record = nullptr; // what the parameter points to
    const FieldDecl *Field = nullptr;   // the pointer field read from it
  };

  bool isOwnParam(const Decl *D) const {
    const auto *P = dyn_cast<ParmVarDecl>(D);
    return P && P->getDeclContext() == Current;
  }

  /// Where a released pointer comes from: `p->f` or `&p->f` with p a
  /// parameter of the current function (the record p points to holds it;
  /// Field when the pointer itself was read from p->f), possibly through
  /// locals, container_of() (a statement expression and pointer arithmetic)
  /// and one-argument helpers that map p to the object around it. Inside:
  /// the value is reached from within the object, not the object itself.
  Holder holderOf(const Expr *E, bool Inside, unsigned Depth) const {
    if (!E || Depth > 12)
      return {};
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_AddrOf)
        return holderOf(UO->getSubExpr(), /*Inside=*/true, Depth + 1);
      return {};
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *Base =
          dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
      if (ME->isArrow() && Base && isOwnParam(Base->getDecl())) {
        Holder H;
        H.Record = pointee(cast<ParmVarDecl>(Base->getDecl())->getType());
        const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
        if (!Inside && F && F->getType()->isPointerType())
          H.Field = F;
        return H;
      }
      Holder H = holderOf(ME->getBase(), /*Inside=*/true, Depth + 1);
      H.Field = nullptr;
      return H;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (isOwnParam(DRE->getDecl())) {
        if (!Inside)
          return {}; // the parameter is the reference, not its holder
        return {pointee(cast<ParmVarDecl>(DRE->getDecl())->getType()), nullptr};
      }
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      auto It = V ? Origins.find(V) : Origins.end();
      if (It == Origins.end())
        return {};
      for (const Expr *Origin : It->second) {
        Holder H = holderOf(Origin, Inside, Depth + 1);
        if (H.Record)
          return H;
      }
      return {};
    }
    if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      const CompoundStmt *CS = SE->getSubStmt();
      const auto *Last = CS->body_empty() ? nullptr : dyn_cast<Expr>(CS->body_back());
      return holderOf(Last, Inside, Depth + 1);
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isAdditiveOp() && BO->getType()->isPointerType())
        return holderOf(BO->getLHS(), Inside, Depth + 1);
      return {};
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // tsa_serial_get_tsa(tsa_serial): a struct tsa has the struct
      // tsa_serial inside it, so this is the object around its argument,
      // as container_of() gives; platform_get_drvdata() is not.
      if (Call->getNumArgs() == 1 && !Model.refFunction(calleeName(Call)) &&
          encloses(pointee(Call->getType()),
                   pointee(Call->getArg(0)->IgnoreParenImpCasts()->getType()))) {
        Holder H = holderOf(Call->getArg(0), /*Inside=*/true, Depth + 1);
        H.Field = nullptr;
        return H;
      }
      return {};
    }
    if (const auto *GS = dyn_cast<GenericSelectionExpr>(E))
      return GS->isResultDependent() ? Holder{}
                                     : holderOf(GS->getResultExpr(), Inside, Depth + 1);
    return {};
  }
};

} // namespace

ReleasingTypes::ReleasingTypes(const ApiModel &Model, ASTContext &Ctx) {
  PutterCollector C(Model);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  Types = std::move(C.Types);
  Fields = std::move(C.Fields);
}

bool ReleasingTypes::releasesField(const FieldDecl *F) const {
  return F && Fields.count(F->getCanonicalDecl());
}

const std::set<std::string> &
ReleasingTypes::kindsReleasedFor(const QualType &Pointer) const {
  static const std::set<std::string> None;
  const RecordDecl *RD = pointee(Pointer);
  auto It = RD ? Types.find(RD) : Types.end();
  return It == Types.end() ? None : It->second;
}

} // namespace devlife
