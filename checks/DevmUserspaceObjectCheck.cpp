//===- DevmUserspaceObjectCheck.cpp - devlife-devm-userspace-object -------===//
//
// cdev_del(), misc_deregister() and video_unregister_device() do not wait
// for open files: an open file keeps the cdev's kobject (chrdev_open() takes
// a reference), and file->private_data or container_of(inode->i_cdev, ...)
// point into the struct that embeds the object. When that struct comes from
// devm_kzalloc(), devres frees it right after remove(), under the open file.
//
// Per TU: which record types this file allocates with a devm allocator
// (the pointee type of the variable, field or return value the result is
// stored into, else the sizeof argument), and, at each registration of an
// object to user space (devm.userspace_registrations), whether the object
// is `&X->f` (through `.a.f`, embedded arrays) with X pointing to such a
// record and f of a user-space type (devm.userspace_types). A type is devm
// memory only when every allocation of it in this file is a devm one.
//
//===----------------------------------------------------------------------===//
#include "checks/DevmUserspaceObjectCheck.h"

#include "checks/DevmFamily.h"
#include "core/TUState.h"
#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <set>

namespace devlife {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

constexpr const char *RuleId = "devlife-devm-userspace-object";

/// The plain allocators whose memory the driver frees itself, by name
/// without the `__` and `_noprof` of 6.12's alloc_hooks(): the model's
/// unmanaged twins of its devm memory allocators.
std::set<std::string, std::less<>> plainAllocators(const ApiModel &Model) {
  std::set<std::string, std::less<>> Out;
  for (const std::string &M : Model.devm().Memory)
    if (const ManagedRelease *R = Model.managedRelease(M))
      for (llvm::StringRef U : R->Unmanaged) {
        U.consume_front("__");
        U.consume_back("_noprof");
        Out.insert(U.str());
      }
  return Out;
}

llvm::StringRef allocatorName(const CallExpr *Call) {
  llvm::StringRef N = calleeName(Call);
  N.consume_front("__");
  N.consume_back("_noprof");
  return N;
}

const RecordDecl *canonical(const RecordDecl *RD) {
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

/// The record of a `T *` type.
const RecordDecl *pointeeRecord(QualType T) {
  // Some expressions have no type (the condition of a ?: without a middle).
  if (T.isNull() || !T->isPointerType())
    return nullptr;
  return canonical(T->getPointeeType()->getAsRecordDecl());
}

/// The record of a `sizeof(*p)` / `sizeof(struct T)` argument of Call.
const RecordDecl *sizeofRecord(const CallExpr *Call) {
  for (const Expr *A : Call->arguments())
    if (const auto *S = dyn_cast<UnaryExprOrTypeTraitExpr>(A->IgnoreParenImpCasts()))
      if (S->getKind() == UETT_SizeOf)
        if (const RecordDecl *RD = S->getTypeOfArgument()->getAsRecordDecl())
          return canonical(RD);
  return nullptr;
}

/// Anonymous fields (unions, padding bit-fields) have no name to compare.
bool named(const FieldDecl *F, llvm::StringRef Name) {
  return F->getIdentifier() && F->getName() == Name;
}

struct DevmAllocation {
  const CallExpr *Call;
  std::string Api;
  std::string Device; // the device argument as written
};

/// The allocations of one TU, by record type: built once per TU.
struct UserspaceTU {
  std::map<const RecordDecl *, DevmAllocation> Devm;
  std::set<const RecordDecl *> Plain;
  /// Every value stored into a local variable (its initialiser, assignments).
  std::map<const VarDecl *, std::vector<const Expr *>> Locals;
  /// "record.field" the file stores a value into, by assignment or
  /// initialiser (`.fops = &foo_fops`).
  std::set<std::string> FieldsSet;
  /// The file registers its driver for devices that never go away.
  bool NeverUnbinds = false;
  /// Functions installed as file_operations.open.
  std::set<const FunctionDecl *> Opens;
  /// Per function, the record types of what it stores into a file's
  /// private_data (nullptr: not a pointer to a record).
  std::map<const FunctionDecl *, std::vector<const RecordDecl *>> PrivateData;
  /// Per record, the functions that handle a pointer to it.
  std::map<const RecordDecl *, std::set<const FunctionDecl *>> UsersOf;

  /// `struct cdev *c = &priv->cdev; cdev_add(c, ...)`: the one value a
  /// local ever holds, else E itself.
  const Expr *throughLocal(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!V)
      return E;
    auto It = Locals.find(V);
    return It != Locals.end() && It->second.size() == 1 ? It->second[0] : E;
  }

  const DevmAllocation *devmMemory(const RecordDecl *RD) const {
    RD = canonical(RD);
    if (!RD || Plain.count(RD))
      return nullptr;
    auto It = Devm.find(RD);
    return It == Devm.end() ? nullptr : &It->second;
  }
};

class AllocationCollector : public RecursiveASTVisitor<AllocationCollector> {
public:
  AllocationCollector(const ApiModel &Model, ASTContext &Ctx,
                      const devm::DevmTU &Devm, UserspaceTU &Out)
      : Model(Model), Ctx(Ctx), Devm(Devm), Out(Out),
        SM(Ctx.getSourceManager()), Plain(plainAllocators(Model)) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    Current = FD;
    TraverseStmt(FD->getBody());
    Current = nullptr;
    return true;
  }
  // Where the result goes decides the type; these run before the call
  // itself is visited.
  bool VisitVarDecl(VarDecl *V) {
    if (!V->getInit())
      return true;
    stored(V->getInit(), V->getType());
    if (V->hasLocalStorage() && !isa<ParmVarDecl>(V))
      Out.Locals[V].push_back(V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && V->hasLocalStorage() && !isa<ParmVarDecl>(V))
          Out.Locals[V].push_back(BO->getRHS());
    if (BO->getOpcode() == BO_Assign)
      stored(BO->getRHS(), BO->getLHS()->getType());
    if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParens())) {
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      fieldSet(F);
      if (Current && F && named(F, "private_data") &&
          recordName(F->getParent()) == "file")
        Out.PrivateData[Current->getCanonicalDecl()].push_back(
            pointeeRecord(BO->getRHS()->IgnoreParenImpCasts()->getType()));
    }
    return true;
  }
  bool VisitExpr(Expr *E) {
    if (Current)
      if (const RecordDecl *RD = pointeeRecord(E->getType()))
        Out.UsersOf[RD].insert(Current->getCanonicalDecl());
    return true;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    // The visitor may see only the syntactic form of a designated
    // initialiser; the semantic one has an init per field, in order.
    if (!ILE->isSemanticForm() && ILE->getSemanticForm())
      ILE = ILE->getSemanticForm();
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      const Expr *Init = ILE->getInit(I++);
      if (!isa<ImplicitValueInitExpr>(Init) &&
          Init->IgnoreParenCasts()->isNullPointerConstant(
              Ctx, Expr::NPC_ValueDependentIsNotNull) == Expr::NPCK_NotNull)
        fieldSet(F);
      if (named(F, "open") && recordName(RD) == "file_operations")
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Init->IgnoreParenCasts()))
          if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
            Out.Opens.insert(Fn->getCanonicalDecl());
    }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *RS) {
    if (Current && RS->getRetValue())
      stored(RS->getRetValue(), Current->getReturnType());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    Out.NeverUnbinds |= llvm::is_contained(
        Model.devm().NonHotplugRegistrations, calleeName(Call));
    if (!Current || Typed.count(Call))
      return true;
    if (const RecordDecl *RD = sizeofRecord(Call))
      allocated(Call, RD);
    return true;
  }

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  const devm::DevmTU &Devm;
  UserspaceTU &Out;
  const SourceManager &SM;
  const std::set<std::string, std::less<>> Plain;
  const FunctionDecl *Current = nullptr;
  std::set<const CallExpr *> Typed;

  void fieldSet(const FieldDecl *F) {
    if (F && F->getIdentifier())
      Out.FieldsSet.insert(recordName(F->getParent()) + "." +
                           F->getName().str());
  }

  void stored(const Expr *Value, QualType Into) {
    const auto *Call = dyn_cast<CallExpr>(Value->IgnoreParenCasts());
    if (!Current || !Call)
      return;
    const RecordDecl *RD = pointeeRecord(Into);
    if (!RD)
      RD = sizeofRecord(Call);
    if (RD && allocated(Call, RD))
      Typed.insert(Call);
  }

  bool allocated(const CallExpr *Call, const RecordDecl *RD) {
    llvm::StringRef Name = allocatorName(Call);
    if (Plain.count(Name)) {
      Out.Plain.insert(RD);
      return true;
    }
    if (!llvm::is_contained(Model.devm().Memory, calleeName(Call)) ||
        !SM.isInMainFile(SM.getExpansionLoc(Call->getBeginLoc())))
      return false;
    // devres on a device no driver is bound to goes at that device's final
    // put, not at unbind: devlife-devm-wrong-device's concern, not ours.
    if (const Expr *Dev = devm::deviceArgument(Model, Call))
      if (outlivesBinding(Devm.Origins.classify(Dev, Current).Kind))
        return true;
    std::string Device;
    if (std::optional<unsigned> I = Model.devmDeviceArg(calleeName(Call));
        I && *I < Call->getNumArgs())
      Device = writtenText(Call->getArg(*I), Ctx);
    Out.Devm.emplace(RD, DevmAllocation{Call, calleeName(Call).str(), Device});
    return true;
  }
};

UserspaceTU &userspaceOf(const RuleContext &Ctx, ASTContext &AST) {
  return TUState::of(AST).get<UserspaceTU>([&] {
    auto *TU = new UserspaceTU;
    AllocationCollector C(*Ctx.Model, AST, devm::devmOf(Ctx, AST), *TU);
    C.TraverseDecl(AST.getTranslationUnitDecl());
    return TU;
  });
}

/// An object embedded in the memory a pointer points to.
struct Embedded {
  const MemberExpr *Object = nullptr; // the `f` of `&X->a.f`
  const RecordDecl *Container = nullptr; // what X points to
};

/// `&X->f`, `&X->a.f`, `&X->chan[i].f`, `&X[i].f`, `&(*X).f`: the member
/// and the record of the outermost pointer X. Nothing when the chain ends
/// in a variable (a static or local struct) or goes through a pointer field
/// (`X->p->f`: then the memory is *X->p's, so X->p's pointee is the
/// container, which the loop finds the same way).
Embedded embeddedObject(const Expr *Arg) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return {};
  const auto *Object = dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParens());
  if (!Object)
    return {};
  const Expr *E = Object;
  while (true) {
    E = E->IgnoreParens();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return {Object, pointeeRecord(ME->getBase()->getType())};
      E = ME->getBase();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (Base->getType()->isArrayType()) { // an embedded array
        E = Base;
        continue;
      }
      return {Object, pointeeRecord(AS->getBase()->getType())};
    }
    if (const auto *Deref = dyn_cast<UnaryOperator>(E);
        Deref && Deref->getOpcode() == UO_Deref)
      return {Object, pointeeRecord(Deref->getSubExpr()->getType())};
    return {};
  }
}

/// misc_open() runs the driver's open() with the miscdevice in
/// file->private_data and keeps nothing of it afterwards (fastrpc.c's open
/// swaps in a per-file struct that holds a counted channel): when every
/// open() of the file does that, and besides them only binding code
/// handles the container, an open file cannot reach the container.
bool openLetsGo(const UserspaceTU &TU, const RecordDecl *Container,
                const DriverRoles &Roles) {
  if (TU.Opens.empty())
    return false;
  for (const FunctionDecl *Open : TU.Opens) {
    auto It = TU.PrivateData.find(Open);
    if (It == TU.PrivateData.end() ||
        llvm::any_of(It->second, [&](const RecordDecl *RD) {
          return !RD || RD == Container;
        }))
      return false;
  }
  auto Users = TU.UsersOf.find(Container);
  if (Users == TU.UsersOf.end())
    return true;
  return llvm::all_of(Users->second, [&](const FunctionDecl *F) {
    return TU.Opens.count(F->getCanonicalDecl()) || Roles.inBindingContext(F);
  });
}

/// What to do instead, by the kind of object.
std::string instead(llvm::StringRef Type, llvm::StringRef Container) {
  std::string S = "allocate struct " + Container.str() +
                  " with kzalloc() and free it from the release of a "
                  "refcount the open file holds";
  if (Type == "device")
    return S + " (the device's release() callback)";
  if (Type == "video_device")
    return S + " (the video_device's release() callback)";
  if (Type == "cdev")
    return S + " (the release() of a struct device the cdev is parented "
               "to with cdev_device_add(), or a kref open() takes)";
  return S + " (a kref open() takes and release() drops)";
}

} // namespace

const RuleInfo &DevmUserspaceObjectCheck::info() {
  static const RuleInfo Info{
      RuleId,
      "DevmUserspaceObject",
      Level::Warning,
      {"reliability", "security", "linux-kernel", "devres", "use-after-free"},
      "high",
      ""};
  return Info;
}

void DevmUserspaceObjectCheck::registerMatchers(MatchFinder &Finder,
                                                MatchFinder::MatchCallback &CB) {
  std::vector<llvm::StringRef> Names;
  for (const auto &[Name, Arg] : model().devm().UserspaceRegistrations)
    Names.push_back(Name);
  if (Names.empty())
    return;
  // misc_register(&priv->misc), cdev_device_add(&priv->cdev, &priv->dev)
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(Names))),
               isExpansionInMainFile(),
               forFunction(matchers::analysedFunction().bind("fn")))
          .bind("call"),
      &CB);
}

void DevmUserspaceObjectCheck::check(const MatchFinder::MatchResult &Result,
                                     ReportSink &Sink) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const DevmData &D = model().devm();
  std::string Api = calleeName(Call).str();
  // The object the model names, and the device a creator call makes a
  // device of its own (cdev_device_add()'s second argument).
  auto Reg = D.UserspaceRegistrations.find(Api);
  if (Reg == D.UserspaceRegistrations.end())
    return;
  std::vector<unsigned> Args{Reg->second};
  if (auto It = D.DeviceCreators.find(Api);
      It != D.DeviceCreators.end() && It->second != Args[0])
    Args.push_back(It->second);
  const UserspaceTU &TU = userspaceOf(context(), *Result.Context);
  if (TU.NeverUnbinds)
    return; // an open file pins the module, and only unloading unbinds
  for (unsigned I : Args) {
    if (I >= Call->getNumArgs())
      continue;
    Embedded E = embeddedObject(TU.throughLocal(Call->getArg(I)));
    if (!E.Object || !E.Container)
      continue;
    const RecordDecl *ObjRD = E.Object->getType()->getAsRecordDecl();
    std::string Type = ObjRD ? recordName(ObjRD) : "";
    if (Type.empty() || !llvm::is_contained(D.UserspaceTypes, Type))
      continue;
    // A misc device without file operations: nothing can open it.
    if (auto Opener = D.UserspaceOpeners.find(Type);
        Opener != D.UserspaceOpeners.end() &&
        !TU.FieldsSet.count(Type + "." + Opener->second))
      continue;
    const DevmAllocation *A = TU.devmMemory(E.Container);
    if (!A)
      continue;
    if (llvm::is_contained(D.OpenOnlyTypes, Type) &&
        openLetsGo(TU, E.Container,
                   devm::devmOf(context(), *Result.Context).Roles))
      continue;
    std::string Container = recordName(E.Container);
    std::string Text = writtenText(Call->getArg(I), *Result.Context);
    std::string Obj = Text.empty() ? "a struct " + Type
                                   : Text + " (a struct " + Type + ")";
    Report R;
    R.RuleId = RuleId;
    R.Loc = Call->getBeginLoc();
    R.Function = FD->getNameAsString();
    R.Message = Api + "() hands " + Obj + " to user space, but it lives "
                "inside struct " + Container + " from " + A->Api +
                "(), which unbind frees while an open file can still reach "
                "it; " + instead(Type, Container);
    R.Path.push_back({A->Call->getBeginLoc(),
                      "struct " + Container + " is allocated with " + A->Api +
                          "()" + (A->Device.empty() ? "" : " on " + A->Device) +
                          ": freed when the driver unbinds"});
    R.Path.push_back({Call->getBeginLoc(),
                      Api + "() hands " + (Text.empty() ? "it" : Text) +
                          " to user space: an open file keeps using it after "
                          "the driver unbinds"});
    Sink.report(std::move(R), *Result.SourceManager);
    return; // one finding per registration
  }
}

} // namespace devlife
