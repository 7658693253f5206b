//===- DevmFamily.cpp -----------------------------------------------------===//
#include "checks/DevmFamily.h"

#include "checks/ProgramCollector.h"
#include "checks/WholeProgram.h"
#include "core/ProgramModel.h"
#include "core/TUState.h"
#include "matchers/Guards.h"
#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <deque>
#include <nlohmann/json.hpp>

namespace devlife {
namespace devm {

using namespace clang;
using namespace clang::ast_matchers;
using nlohmann::json;

DevmTU &devmOf(const RuleContext &Ctx, ASTContext &AST) {
  return TUState::of(AST).get<DevmTU>(
      [&] { return new DevmTU(*Ctx.Model, AST); });
}

bool DevmTU::isMemory(llvm::StringRef Api) const {
  return llvm::is_contained(Model.devm().Memory, Api);
}

namespace {

/// Every field a main-file function reads (`x->f` not stored into), and by
/// whom.
class ReaderCollector : public RecursiveASTVisitor<ReaderCollector> {
public:
  ReaderCollector(const SourceManager &SM,
                  std::map<const FieldDecl *, std::set<const FunctionDecl *>> &Out)
      : SM(SM), Out(Out) {}
  bool TraverseFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    Current = FD->getCanonicalDecl();
    TraverseStmt(FD->getBody());
    Current = nullptr;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      Stored.insert(BO->getLHS()->IgnoreParenImpCasts());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (Current && F && !Stored.count(ME))
      Out[F->getCanonicalDecl()].insert(Current);
    return true;
  }

private:
  const SourceManager &SM;
  std::map<const FieldDecl *, std::set<const FunctionDecl *>> &Out;
  std::set<const Expr *> Stored; // an assignment is visited before its LHS
  const FunctionDecl *Current = nullptr;
};

/// The fields \p FD stores the local \p V into (`indio_dev->channels =
/// chans`); none when V is returned, since the caller may keep it anywhere.
std::optional<std::vector<const FieldDecl *>>
fieldsHolding(const VarDecl *V, const FunctionDecl *FD, ASTContext &Ctx) {
  const auto Ref = ignoringParenCasts(declRefExpr(to(varDecl(equalsNode(V)))));
  if (!match(findAll(returnStmt(hasReturnValue(Ref))), *FD->getBody(), Ctx).empty())
    return std::nullopt;
  std::vector<const FieldDecl *> Out;
  for (const BoundNodes &N : match(
           findAll(binaryOperator(isAssignmentOperator(), hasRHS(Ref),
                                  hasLHS(ignoringParenImpCasts(
                                      memberExpr().bind("to"))))),
           *FD->getBody(), Ctx))
    if (const auto *F = dyn_cast<FieldDecl>(
            N.getNodeAs<MemberExpr>("to")->getMemberDecl()))
      Out.push_back(F);
  return Out;
}

} // namespace

const DevmTU::FieldReaders &DevmTU::readers() const {
  if (!Readers) {
    Readers.emplace();
    ReaderCollector(Ctx.getSourceManager(), *Readers)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return *Readers;
}

bool DevmTU::readLater(const CallExpr *Call, const FunctionDecl *FD) const {
  std::optional<std::vector<const FieldDecl *>> Fields;
  const Expr *Target = assignedTo(Call, Ctx);
  const auto *ME = Target ? dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts()) : nullptr;
  const auto *Ref = Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
  const VarDecl *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : initialisedBy(Call, Ctx);
  if (const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr)
    Fields = std::vector<const FieldDecl *>{F};
  else if (V && V->hasLocalStorage() && FD->getBody())
    Fields = fieldsHolding(V, FD, Ctx);
  if (!Fields || Fields->empty())
    return true; // returned, passed on or kept where we cannot see
  for (const FieldDecl *F : *Fields) {
    auto It = readers().find(F->getCanonicalDecl());
    if (It != readers().end() &&
        llvm::any_of(It->second, [&](const FunctionDecl *R) {
          return R != FD->getCanonicalDecl();
        }))
      return true;
  }
  return false;
}

bool isDevicePointer(const Expr *E) {
  QualType T = E->IgnoreParenImpCasts()->getType();
  const RecordDecl *RD =
      T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
  return RD && RD->getName() == "device";
}

const Expr *deviceArgument(const ApiModel &Model, const CallExpr *Call) {
  std::optional<unsigned> I = Model.devmDeviceArg(calleeName(Call));
  if (!I || *I >= Call->getNumArgs())
    return nullptr;
  const Expr *Arg = Call->getArg(*I);
  return isDevicePointer(Arg) ? Arg : nullptr;
}

StatementMatcher managedCall(const ApiModel &Model) {
  std::string Names;
  for (const std::string &P : Model.devm().Prefixes)
    Names += (Names.empty() ? "" : "|") + llvm::Regex::escape(P);
  const auto Managed =
      functionDecl(matchesName("^::(" + (Names.empty() ? "$^" : Names) + ")"));
  const auto InDriverFunction =
      forFunction(matchers::analysedFunction().bind("fn"));
  return callExpr(callee(Managed), isExpansionInMainFile(), InDriverFunction)
      .bind("call");
}

/// One attaching devm call on a device whose devres goes at unbind: what
/// the global step needs to say it is reached from outside probe.
struct AttachFact {
  std::string Function; // function key
  std::string Api;
  std::string Device; // as written
  SourcePoint Where;
  /// The function's parameter tests on the way to the call (`if (dev)`).
  std::vector<program::ParamGuard> Guards;
};

void to_json(json &J, const AttachFact &F) {
  J = {{"function", F.Function}, {"api", F.Api}, {"device", F.Device},
       {"where", F.Where}};
  if (!F.Guards.empty())
    J["guards"] = F.Guards;
}
void from_json(const json &J, AttachFact &F) {
  J.at("function").get_to(F.Function);
  J.at("api").get_to(F.Api);
  J.at("device").get_to(F.Device);
  J.at("where").get_to(F.Where);
  if (auto It = J.find("guards"); It != J.end())
    It->get_to(F.Guards);
}

std::vector<AttachFact> attachFacts(const TUFacts &TU) {
  const std::optional<json> S = TU.section("devm");
  if (!S || S->value("version", 0u) != FactsVersion || !S->contains("attach"))
    return {};
  return S->at("attach").get<std::vector<AttachFact>>();
}

namespace {

class AttachCollector : public RecursiveASTVisitor<AttachCollector> {
public:
  AttachCollector(const ApiModel &Model, ASTContext &Ctx, const DevmTU &TU)
      : Model(Model), Ctx(Ctx), TU(TU), SM(Ctx.getSourceManager()) {}
  std::vector<AttachFact> Facts;
  std::set<std::string> Called; // every callee name in the file

  /// The attaching calls the file does not undo itself: a uart's startup()
  /// that devm_request_irq()s and its shutdown() that devm_free_irq()s
  /// accumulate nothing.
  std::vector<AttachFact> unpaired() const {
    std::vector<AttachFact> Out;
    for (const AttachFact &A : Facts) {
      bool Paired = false;
      for (const auto &[Release, Undoes] : Model.devm().EarlyReleases)
        Paired |= Called.count(Release) && llvm::is_contained(Undoes, A.Api);
      if (!Paired)
        Out.push_back(A);
    }
    return Out;
  }

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    Current = FD;
    TraverseStmt(FD->getBody());
    Current = nullptr;
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (Current)
      Called.insert(calleeName(Call).str());
    if (!Current || !Model.devmAttaches(calleeName(Call)))
      return true;
    // Inside a managed API itself (devm_krealloc() calling devm_kmalloc()
    // in drivers/base/devres.c): its callers' calls are the findings.
    if (isManagedApi(Current->getName()))
      return true;
    std::optional<unsigned> I = Model.devmDeviceArg(calleeName(Call));
    if (!I || *I >= Call->getNumArgs())
      return true;
    const Expr *Dev = Call->getArg(*I);
    if (isDevicePointer(Dev) &&
        outlivesBinding(TU.Origins.classify(Dev, Current).Kind))
      return true; // devlife-devm-wrong-device's, not ours
    // Allocating once and reusing was the first real-tree sample's main
    // false alarm.
    if (cachesItsResult(Call, Ctx) || replacesItsTarget(Call))
      return true;
    Facts.push_back({functionKey(Current, SM), calleeName(Call).str(),
                     writtenText(Dev, Ctx),
                     toSourcePoint(Call->getBeginLoc(), SM),
                     program::parameterGuards(Call, Current, Ctx)});
    return true;
  }

private:
  /// `port->rx_buf = devm_krealloc(dev, port->rx_buf, ...)`: the old
  /// buffer is freed, so each call replaces rather than accumulates
  /// (qcom_geni_serial's setup_fifos() on every port startup).
  bool replacesItsTarget(const CallExpr *Call) const {
    const auto &Reallocs = Model.devm().Reallocations;
    auto It = Reallocs.find(calleeName(Call).str());
    if (It == Reallocs.end() || It->second >= Call->getNumArgs())
      return false;
    const Expr *Target = assignedTo(Call, Ctx);
    return Target && sameStorage(Call->getArg(It->second), Target);
  }

  bool isManagedApi(llvm::StringRef Name) const {
    return llvm::any_of(Model.devm().Prefixes, [&](const std::string &P) {
      return Name.starts_with(P);
    });
  }

  const ApiModel &Model;
  ASTContext &Ctx;
  const DevmTU &TU;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
};

json collectFacts(const RuleContext &Ctx, ASTContext &AST) {
  AttachCollector C(*Ctx.Model, AST, devmOf(Ctx, AST));
  C.TraverseDecl(AST.getTranslationUnitDecl());
  json Out = {{"version", FactsVersion}, {"attach", C.unpaired()}};
  Out.update(manualFreeFacts(Ctx, AST));
  return Out;
}

} // namespace

void registerTUMatcher(MatchFinder &Finder, MatchFinder::MatchCallback &CB) {
  Finder.addMatcher(translationUnitDecl().bind("tu"), &CB);
}

void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const MatchFinder::MatchResult &Result, ReportSink &Sink) {
  program::recordProgramFacts(Ctx, *Result.Context);
  wholeprogram::section(Ctx, *Result.Context, "devm",
                        [&] { return collectFacts(Ctx, *Result.Context); });
  if (!Ctx.Facts)
    wholeprogram::reportInEditor(devmFamily(),
                                 {OutsideProbeRule, ManualFreeRule}, RuleId,
                                 Ctx, Result, Sink);
}

} // namespace devm

namespace {

using program::FnId;
using program::ProgramModel;

/// How the kernel or user space calls an entry point, for messages.
std::string describeRole(llvm::StringRef Role) {
  static const std::map<std::string, std::string, std::less<>> Words{
      {"file", "a file operation, called by user space while the device is "
               "bound"},
      {"sysfs", "a sysfs attribute callback, called whenever user space reads "
                "or writes the attribute"},
      {"ops", "an operation of an ops table, which the subsystem calls "
              "whenever a user asks"},
      {"pm", "a power-management callback, run on every suspend and resume"},
      {"work", "a work function, run each time the work is queued"},
      {"irq", "an interrupt handler, run on every interrupt"},
      {"timer", "a timer callback, run each time the timer fires"},
      {"hrtimer", "a timer callback, run each time the timer fires"},
      {"tasklet", "a tasklet, run each time it is scheduled"},
      {"kthread", "a kernel thread function"}};
  auto It = Words.find(Role);
  return It == Words.end() ? "an entry point (" + Role.str() + ")" : It->second;
}

class OutsideProbe {
public:
  OutsideProbe(const GlobalInput &In, const ProgramModel &Model)
      : In(In), Model(Model), Parent(Model.functions().size(), ~0u),
        Root(Model.functions().size(), ~0u) {}

  std::vector<Finding> findings() {
    walkFromEntries();
    std::vector<Finding> Out;
    for (const TUFacts *TU : In.TUs)
      for (const devm::AttachFact &A : devm::attachFacts(*TU))
        if (auto F = Model.lookup(A.Function))
          if (auto Chain = chainToAttach(A, *F))
            Out.push_back(finding(A, *Chain));
    return Out;
  }

private:
  const GlobalInput &In;
  const ProgramModel &Model;
  std::vector<FnId> Parent, Root;
  std::map<FnId, std::vector<FnId>> Copies; // of an original, in order
  /// The calls spread() follows into a function: caller and call index.
  std::map<FnId, std::vector<std::pair<FnId, size_t>>> CallersOf;
  std::map<FnId, std::string> Roles;
  std::deque<FnId> Pending;

  /// A breadth-first walk from every non-probe entry point, never into a
  /// probe (the driver core calls probe from sysfs `bind` too, and what
  /// probe attaches goes at unbind): the first entry to reach a function
  /// gives it the shortest chain. A work that only probe (or what only
  /// probe calls) queues runs once per binding, like probe: it becomes an
  /// entry only once a queueing of it is reached from another entry.
  void walkFromEntries() {
    for (FnId X = 0; X < Model.functions().size(); ++X)
      if (Model.original(X) != X)
        Copies[Model.original(X)].push_back(X);
    std::set<FnId> Probes = probes();
    std::vector<bool> FromProbe = reachable(Probes);
    std::vector<std::pair<FnId, std::vector<FnId>>> Deferred;
    for (const auto &[F, Role] : Model.entryPoints(In.Model->slots())) {
      if (!llvm::is_contained(In.Model->devm().OutsideProbeRoles, Role) ||
          Probes.count(F) || Root[F] != ~0u)
        continue;
      auto Queuers = Role == "work" ? Model.queuedFrom(F, Role) : std::nullopt;
      if (Queuers && llvm::all_of(*Queuers, [&](FnId Q) { return FromProbe[Q]; }))
        Deferred.push_back({F, *Queuers});
      else
        seed(F, Role);
    }
    spread(Probes);
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (const auto &[F, Queuers] : Deferred)
        if (Root[F] == ~0u &&
            llvm::any_of(Queuers, [&](FnId Q) { return Root[Q] != ~0u; })) {
          seed(F, "work");
          Grew = true;
        }
      spread(Probes);
    }
  }

  /// The chain from an entry to the attaching call, if one reaches it. The
  /// devm facts name originals, reached themselves or through copies made
  /// for constant arguments; and a call whose constants contradict the
  /// attach's parameter tests does not reach it: spi_alloc_pcpu_stats(NULL)
  /// never takes its `if (dev) devm_alloc_percpu(dev, ...)`.
  std::optional<std::vector<FnId>> chainToAttach(const devm::AttachFact &A,
                                                 FnId Original) const {
    auto Cuts = [&](const std::vector<std::optional<long long>> &Constants) {
      return program::contradicts(A.Guards, Constants);
    };
    std::vector<FnId> Forms{Original};
    if (auto It = Copies.find(Original); It != Copies.end())
      Forms.insert(Forms.end(), It->second.begin(), It->second.end());
    for (FnId X : Forms) {
      if (Root[X] == ~0u || Cuts(Model.functions()[X].Constants))
        continue;
      if (A.Guards.empty() || Parent[X] == X)
        return chainTo(X);
      auto Callers = CallersOf.find(X);
      if (Callers == CallersOf.end())
        continue;
      for (const auto &[F, C] : Callers->second)
        if (Root[F] != ~0u &&
            !Cuts(Model.functions()[F].Facts->Calls[C].ArgConstants)) {
          std::vector<FnId> Chain = chainTo(F);
          Chain.push_back(X);
          return Chain;
        }
    }
    return std::nullopt;
  }

  std::set<FnId> probes() const {
    std::set<FnId> Out;
    for (const auto &[F, Role] : Model.entryPoints(In.Model->slots()))
      if (llvm::is_contained(In.Model->devm().ProbeRoles, Role))
        Out.insert(F);
    // By name, not key: really_probe() is static in drivers/base/dd.c, so
    // its key carries the file, which the model cannot know.
    const auto &ByName = In.Model->devm().ProbeFunctions;
    for (FnId F = 0; F < Model.functions().size(); ++F)
      if (llvm::is_contained(ByName, Model.functions()[F].Facts->Name))
        Out.insert(F);
    return Out;
  }

  /// Every function some of From calls, directly or not (From included).
  std::vector<bool> reachable(const std::set<FnId> &From) const {
    std::vector<bool> Seen(Model.functions().size(), false);
    std::deque<FnId> Queue(From.begin(), From.end());
    for (FnId F : From)
      Seen[F] = true;
    while (!Queue.empty()) {
      FnId F = Queue.front();
      Queue.pop_front();
      for (size_t I = 0; I < Model.functions()[F].Facts->Calls.size(); ++I)
        for (FnId T : Model.targets(F, I))
          if (!Seen[T]) {
            Seen[T] = true;
            Queue.push_back(T);
          }
    }
    return Seen;
  }

  void seed(FnId F, const std::string &Role) {
    Root[F] = Parent[F] = F;
    Roles[F] = Role;
    Pending.push_back(F);
  }

  void spread(const std::set<FnId> &Probes) {
    while (!Pending.empty()) {
      FnId F = Pending.front();
      Pending.pop_front();
      const auto &Calls = Model.functions()[F].Facts->Calls;
      for (size_t I = 0; I < Calls.size(); ++I)
        for (FnId T : Calls[I].Once ? std::vector<FnId>{} : Model.targets(F, I)) {
          if (Probes.count(Model.original(T)))
            continue;
          CallersOf[T].push_back({F, I});
          if (Root[T] == ~0u) {
            Root[T] = Root[F];
            Parent[T] = F;
            Pending.push_back(T);
          }
        }
    }
  }

  std::vector<FnId> chainTo(FnId F) const {
    std::vector<FnId> Chain{F};
    while (Parent[Chain.back()] != Chain.back())
      Chain.push_back(Parent[Chain.back()]);
    std::reverse(Chain.begin(), Chain.end());
    return Chain;
  }

  /// The call in From that may go to To.
  const program::CallSite *callTo(FnId From, FnId To) const {
    const auto &Calls = Model.functions()[From].Facts->Calls;
    for (size_t I = 0; I < Calls.size(); ++I)
      if (llvm::is_contained(Model.targets(From, I), To))
        return &Calls[I];
    return nullptr;
  }

  Finding finding(const devm::AttachFact &A, const std::vector<FnId> &Chain) const {
    FnId F = Chain.back();
    const program::FunctionFacts &Entry = *Model.functions()[Chain[0]].Facts;
    Finding Out;
    Out.RuleId = devm::OutsideProbeRule;
    Out.Where = A.Where;
    Out.Function = Model.functions()[F].Facts->Name;
    std::string Device = A.Device.empty() ? "the device" : A.Device;
    bool Exclusive = llvm::is_contained(In.Model->devm().ExclusiveClaims, A.Api);
    Out.Message = A.Api + "() outside probe: reached from " + Entry.Name +
                  "(), which can run many times while the driver is bound; " +
                  (Exclusive ? "what the first call claims stays in " + Device +
                                   "'s devres until unbind, so a second call "
                                   "fails"
                             : "each call adds to " + Device +
                                   "'s devres, freed only at unbind");
    Out.Path.push_back({Entry.Where, Entry.Name + "() is " +
                                         describeRole(Roles.at(Chain[0]))});
    for (size_t I = 0; I + 1 < Chain.size(); ++I)
      if (const program::CallSite *C = callTo(Chain[I], Chain[I + 1]))
        Out.Path.push_back(
            {C->Where, "calls " + Model.functions()[Chain[I + 1]].Facts->Name +
                           "()"});
    Out.Path.push_back(
        {A.Where, A.Api + (Exclusive ? "() claims it for the device until unbind"
                                     : "() attaches a new resource to the "
                                       "device on every call")});
    return Out;
  }
};

class DevmFamily : public Family {
public:
  llvm::StringRef name() const override { return "devm"; }

  std::vector<Finding> report(const GlobalInput &In) const override {
    std::vector<Finding> Out;
    if (In.Rules.count(devm::OutsideProbeRule)) {
      Out = OutsideProbe(In, In.programModel()).findings();
    }
    if (In.Rules.count(devm::ManualFreeRule))
      for (Finding &F : devm::manualFreeFindings(In))
        Out.push_back(std::move(F));
    return Out;
  }
};

} // namespace

const Family &devmFamily() {
  static const DevmFamily F;
  return F;
}

} // namespace devlife
