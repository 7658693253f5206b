//===- DeviceOrigins.cpp --------------------------------------------------===//
#include "matchers/DeviceOrigins.h"

#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace devlife {
namespace {

using namespace clang;

// Values are followed through at most this many stores and calls: enough
// for `d = &priv->dev; priv2->dev = d;`, and it ends cycles (dev = dev->parent).
constexpr unsigned MaxDepth = 6;

bool isStructDevice(QualType T) {
  const RecordDecl *RD = T->getAsRecordDecl();
  return RD && RD->getName() == "device";
}

bool isDevicePointer(QualType T) {
  return T->isPointerType() && isStructDevice(T->getPointeeType());
}

/// "platform_device.dev" for `pdev->dev`.
std::string fieldKey(const MemberExpr *ME) {
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD)
    return "";
  const RecordDecl *RD = slotRecord(FD);
  return RD ? recordName(RD) + "." + FD->getName().str() : "";
}

/// The `x->dev` of `&x->dev`, when dev is an embedded struct device.
const MemberExpr *embeddedDevice(const Expr *E) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParens());
  return ME && isStructDevice(ME->getType()) ? ME : nullptr;
}

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(const ApiModel &Model,
                 std::map<std::string, const CallExpr *> &Created,
                 std::map<std::string, std::vector<std::pair<const Expr *,
                                                             const FunctionDecl *>>>
                     &Fields,
                 std::map<const VarDecl *, std::vector<const Expr *>> &Locals)
      : Model(Model), Created(Created), Fields(Fields), Locals(Locals) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Current;
    if (FD->doesThisDeclarationHaveABody())
      Current = FD;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasLocalStorage() && V->getInit())
      Locals[V].push_back(V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (V->hasLocalStorage())
          Locals[V].push_back(BO->getRHS());
    } else if (const auto *ME = dyn_cast<MemberExpr>(L)) {
      if (isDevicePointer(ME->getType()))
        Fields[fieldKey(ME)].push_back({BO->getRHS(), Current});
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const auto &Creators = Model.devm().DeviceCreators;
    auto It = Creators.find(calleeName(Call).str());
    if (It == Creators.end() || It->second >= Call->getNumArgs())
      return true;
    const Expr *Arg = Call->getArg(It->second);
    const MemberExpr *ME = embeddedDevice(Arg);
    if (!ME)
      ME = embeddedDevice(localInit(Arg));
    if (!ME)
      return true;
    std::string Key = fieldKey(ME);
    size_t Dot = Key.find('.');
    if (Dot != std::string::npos &&
        !Model.isBusDevice(Key.substr(0, Dot), Key.substr(Dot + 1)))
      Created.emplace(Key, Call);
    return true;
  }

private:
  const ApiModel &Model;
  std::map<std::string, const CallExpr *> &Created;
  std::map<std::string,
           std::vector<std::pair<const Expr *, const FunctionDecl *>>> &Fields;
  std::map<const VarDecl *, std::vector<const Expr *>> &Locals;
  const FunctionDecl *Current = nullptr;

  /// `device_initialize(dev)` after `struct device *dev = &priv->dev;`.
  static const Expr *localInit(const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && V->hasLocalStorage() && V->getInit() ? V->getInit() : E;
  }
};

DeviceOrigin unknown() { return {}; }

} // namespace

DeviceOrigins::DeviceOrigins(const ApiModel &Model, ASTContext &Ctx,
                             const DriverRoles &Roles)
    : Model(Model), Ctx(Ctx), Roles(Roles) {
  std::map<std::string, std::vector<std::pair<const Expr *, const FunctionDecl *>>>
      Fields;
  StoreCollector C(Model, CreatedFields, Fields, LocalStores);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (auto &[Key, Values] : Fields)
    for (auto &[Value, In] : Values)
      FieldStores[Key].push_back({Value, In});
}

DeviceOrigins::~DeviceOrigins() = default;

DeviceOrigin DeviceOrigins::classify(const Expr *Dev,
                                     const FunctionDecl *In) const {
  return classify(Dev, In, 0);
}

DeviceOrigin DeviceOrigins::classify(const Expr *E, const FunctionDecl *In,
                                     unsigned Depth) const {
  if (!E || Depth > MaxDepth)
    return unknown();
  E = E->IgnoreParenCasts();
  if (const MemberExpr *ME = embeddedDevice(E))
    return embedded(ME, In);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Key = fieldKey(ME);
    if (Key == "device.parent")
      return {DeviceKind::Parent, "parent device", {}};
    auto It = FieldStores.find(Key);
    return It == FieldStores.end() ? unknown() : join(It->second, Depth);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return unknown();
    if (isa<ParmVarDecl>(V))
      return isBindingParameter(DRE, In)
                 ? DeviceOrigin{DeviceKind::Bound, "bound device", {}}
                 : unknown();
    return V->hasLocalStorage() ? variable(V, In, Depth) : unknown();
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return call(Call, In, Depth);
  return unknown();
}

DeviceOrigin DeviceOrigins::embedded(const MemberExpr *ME,
                                     const FunctionDecl *In) const {
  std::string Key = fieldKey(ME);
  size_t Dot = Key.find('.');
  if (Dot == std::string::npos)
    return unknown();
  llvm::StringRef Record(Key.data(), Dot), Field(Key.data() + Dot + 1);
  if (llvm::StringRef What = Model.subsystemDevice(Record, Field);
      !What.empty()) {
    DeviceOrigin O{DeviceKind::Subsystem, What.str(), {}};
    // Where the subsystem object came from: `indio_dev = devm_iio_...()`.
    const Expr *Base = ME->getBase()->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = LocalStores.find(V);
        if (It != LocalStores.end())
          for (const Expr *S : It->second)
            if (const auto *Call =
                    dyn_cast<CallExpr>(S->IgnoreParenCasts()))
              O.Steps.push_back(
                  {Call->getBeginLoc(),
                   V->getName().str() + " is the " + What.str() + " " +
                       calleeName(Call).str() + "() returns"});
      }
    return O;
  }
  if (Model.isBusDevice(Record, Field))
    return isBindingParameter(ME->getBase(), In)
               ? DeviceOrigin{DeviceKind::Bound, "bound device", {}}
               : DeviceOrigin{DeviceKind::BusDevice, "bus device", {}};
  auto It = CreatedFields.find(Key);
  if (It == CreatedFields.end())
    return unknown();
  const CallExpr *By = It->second;
  return {DeviceKind::Created,
          "device this driver creates",
          {{By->getBeginLoc(), "struct " + Record.str() + "." + Field.str() +
                                   " is made a device of its own by " +
                                   calleeName(By).str() + "() here"}}};
}

DeviceOrigin DeviceOrigins::variable(const VarDecl *V, const FunctionDecl *In,
                                     unsigned Depth) const {
  auto It = LocalStores.find(V);
  if (It == LocalStores.end())
    return unknown();
  std::vector<Stored> Values;
  for (const Expr *E : It->second)
    Values.push_back({E, In});
  DeviceOrigin O = join(Values, Depth);
  // `dev = &indio_dev->dev` is a step of its own; `dev = root_device_...()`
  // already has the call as its step.
  const Expr *Only = Values.size() == 1 ? Values[0].Value : nullptr;
  if (O.Kind != DeviceKind::Unknown && Only &&
      !isa<CallExpr>(Only->IgnoreParenCasts()) && !text(Only).empty())
    O.Steps.push_back({Only->getBeginLoc(),
                       V->getName().str() + " is " + text(Only)});
  return O;
}

DeviceOrigin DeviceOrigins::join(const std::vector<Stored> &Values,
                                 unsigned Depth) const {
  std::optional<DeviceOrigin> Out;
  for (const Stored &S : Values) {
    DeviceOrigin O = classify(S.Value, S.In, Depth + 1);
    if (O.Kind == DeviceKind::Unknown)
      return unknown();
    if (!Out) {
      Out = std::move(O);
      continue;
    }
    bool Buses = (Out->Kind == DeviceKind::Bound ||
                  Out->Kind == DeviceKind::BusDevice) &&
                 (O.Kind == DeviceKind::Bound || O.Kind == DeviceKind::BusDevice);
    if (Buses)
      Out->Kind = DeviceKind::BusDevice;
    else if (O.Kind != Out->Kind)
      return unknown();
  }
  return Out ? *Out : unknown();
}

DeviceOrigin DeviceOrigins::call(const CallExpr *Call, const FunctionDecl *In,
                                 unsigned Depth) const {
  llvm::StringRef Name = calleeName(Call);
  const auto &Factories = Model.devm().DeviceFactories;
  if (auto It = Factories.find(Name.str()); It != Factories.end()) {
    // root_device_register() is a macro around __root_device_register().
    Name.consume_front("__");
    std::string Written = Name.str();
    return {DeviceKind::Factory,
            It->second,
            {{Call->getBeginLoc(), "the device is a " + It->second +
                                       " from " + Written + "() here"}}};
  }
  if (const RefFunction *F = Model.refFunction(Name)) {
    std::optional<unsigned> Arg = F->PassesArg ? F->PassesArg : F->ReturnsArg;
    if (Arg && *Arg < Call->getNumArgs())
      return classify(Call->getArg(*Arg), In, Depth + 1);
  }
  return unknown();
}

bool DeviceOrigins::isBindingParameter(const Expr *E,
                                       const FunctionDecl *In) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return DRE && isa<ParmVarDecl>(DRE->getDecl()) && In &&
         Roles.inBindingContext(In);
}

std::string DeviceOrigins::boundDeviceText(const FunctionDecl *In) const {
  if (!In || !Roles.inBindingContext(In))
    return "";
  for (const ParmVarDecl *P : In->parameters()) {
    QualType T = P->getType();
    if (isDevicePointer(T))
      return P->getName().str();
    const RecordDecl *RD = T->isPointerType()
                               ? T->getPointeeType()->getAsRecordDecl()
                               : nullptr;
    if (RD && Model.isBusDevice(recordName(RD), "dev"))
      return "&" + P->getName().str() + "->dev";
  }
  return "";
}

std::string DeviceOrigins::text(const Expr *E) const {
  return writtenText(E, Ctx);
}

} // namespace devlife
