//===- DriverRoles.cpp ----------------------------------------------------===//
#include "matchers/DriverRoles.h"

#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include <map>

namespace devlife {
namespace {

using namespace clang;

/// One pass over the TU: callback installations and who calls whom.
class RoleCollector : public RecursiveASTVisitor<RoleCollector> {
public:
  explicit RoleCollector(const ApiModel &Model) : Model(Model) {}

  std::set<const FunctionDecl *> Owners, Binding;
  std::map<const FunctionDecl *, std::set<const FunctionDecl *>> Callers;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    if (FD->doesThisDeclarationHaveABody())
      Current = FD->getCanonicalDecl();
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (Current)
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Callers[Callee->getCanonicalDecl()].insert(Current);
    return true;
  }
  // `.probe = foo_probe` is a DesignatedInitExpr in the written form, which
  // is the one the visitor walks; positional initialisers map by index.
  bool VisitDesignatedInitExpr(DesignatedInitExpr *DIE) {
    const DesignatedInitExpr::Designator *Last =
        DIE->size() ? DIE->getDesignator(DIE->size() - 1) : nullptr;
    if (Last && Last->isFieldDesignator())
      if (const FieldDecl *F = Last->getFieldDecl())
        install(F, DIE->getInit());
    return true;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD)
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      const Expr *Init = ILE->getInit(I++);
      if (!isa<DesignatedInitExpr>(Init))
        install(F, Init);
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *ME =
              dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          install(F, BO->getRHS());
    return true;
  }

private:
  const ApiModel &Model;
  const FunctionDecl *Current = nullptr;

  // Slots are keyed by record and field: file_operations.release is not
  // an owner callback, device.release is.
  void install(const FieldDecl *Field, const Expr *Init) {
    const FunctionDecl *FD = functionNamedBy(Init);
    if (!FD)
      return;
    FD = FD->getCanonicalDecl();
    const RecordDecl *RD = slotRecord(Field);
    if (!RD)
      return;
    StringRef Record = RD->getName();
    if (Model.isOwnerCallback(Record, Field->getName()))
      Owners.insert(FD);
    if (Model.isBindingCallback(Record, Field->getName()))
      Binding.insert(FD);
  }
};

/// Static helpers called only from the binding context join it.
void closeOverStaticCallees(
    std::set<const FunctionDecl *> &Binding,
    const std::map<const FunctionDecl *, std::set<const FunctionDecl *>> &Callers) {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Callee, From] : Callers) {
      if (Binding.count(Callee) || Callee->isExternallyVisible() || From.empty())
        continue;
      bool AllBinding = std::all_of(From.begin(), From.end(), [&](auto *F) {
        return Binding.count(F) > 0;
      });
      if (AllBinding)
        Changed = Binding.insert(Callee).second || Changed;
    }
  }
}

} // namespace

DriverRoles::DriverRoles(const ApiModel &Model, ASTContext &Ctx) {
  RoleCollector C(Model);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  closeOverStaticCallees(C.Binding, C.Callers);
  Owners = std::move(C.Owners);
  Binding = std::move(C.Binding);
}

bool DriverRoles::isOwnerCallback(const FunctionDecl *FD) const {
  return Owners.count(FD->getCanonicalDecl()) > 0;
}

bool DriverRoles::inBindingContext(const FunctionDecl *FD) const {
  return Binding.count(FD->getCanonicalDecl()) > 0;
}

} // namespace devlife
