//===- DevmManualFreeCheck.cpp - devlife-devm-manual-free -----------------===//
//
// An object is the managed call's when every value stored where it is kept
// comes from that managed call (the model's devm.manual_free: its result,
// or argument N for an IRQ line or a region). Where it is kept:
//  - a local of the function: the function alone decides, reported at once;
//  - a field class ("struct foo_priv.buf") or a global: the stores and
//    releases of every file meet in the family's global step. A class also
//    stored from anything else (kzalloc, another pointer, krealloc, an
//    out-parameter) or acquired by the plain API is not devm's alone, and
//    stays silent. Fields of structs the kernel headers define (struct
//    resource.start) are every driver's at once, and name nothing here.
// The refcount twin needs no devres: a local holding a counted reference
// (refcount.functions with "returns") given to a plain release, or declared
// `__free(kfree)`, is freed instead of put.
//
//===----------------------------------------------------------------------===//
#include "checks/DevmManualFreeCheck.h"

#include "checks/DevmFamily.h"
#include "matchers/Guards.h"
#include "core/TUState.h"
#include "matchers/KernelMatchers.h"
#include "matchers/LockClasses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include <nlohmann/json.hpp>
#include <regex>

namespace devlife {

using namespace clang;
using namespace clang::ast_matchers;
using nlohmann::json;

const RuleInfo &DevmManualFreeCheck::info() {
  static const RuleInfo Info{
      devm::ManualFreeRule,
      "DevmManualFree",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "devres",
       "double-free"},
      "high",
      ""};
  return Info;
}

void DevmManualFreeCheck::registerMatchers(MatchFinder &Finder,
                                           MatchFinder::MatchCallback &CB) {
  // The whole translation unit: the release may be in another file.
  devm::registerTUMatcher(Finder, CB);
}

void DevmManualFreeCheck::check(const MatchFinder::MatchResult &Result,
                                ReportSink &Sink) {
  devm::checkTU(info().Id, context(), Result, Sink);
  devm::reportLocalManualFrees(context(), *Result.Context, Sink);
}

namespace devm {
namespace {

const Expr *stripped(const Expr *E) {
  return E ? E->IgnoreParenCasts() : nullptr;
}

const VarDecl *localNamedBy(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() ? V : nullptr;
}

/// The callee as the user wrote it: `release_mem_region` for the
/// `__release_region()` call that is the whole of that macro, else the
/// callee's name.
std::string shownName(const CallExpr *Call, const ASTContext &Ctx) {
  std::string Name = calleeName(Call).str();
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = Call->getBeginLoc(), E = Call->getEndLoc();
  SourceLocation MacroBegin;
  if (!B.isMacroID() ||
      !Lexer::isAtStartOfMacroExpansion(B, SM, Ctx.getLangOpts(),
                                        &MacroBegin) ||
      !Lexer::isAtEndOfMacroExpansion(E, SM, Ctx.getLangOpts()))
    return Name;
  StringRef Macro = Lexer::getImmediateMacroName(B, SM, Ctx.getLangOpts());
  return Macro.empty() ? Name : Macro.str();
}

/// One managed call and what it manages.
struct Acquisition {
  const CallExpr *Call = nullptr;
  const ManagedRelease *Entry = nullptr;
};

/// What one function does to the objects the rule follows.
class FunctionScan : public RecursiveASTVisitor<FunctionScan> {
public:
  FunctionScan(const ApiModel &Model, ASTContext &Ctx, const FunctionDecl *FD)
      : Model(Model), Ctx(Ctx), FD(FD) {
    TraverseStmt(FD->getBody());
  }

  struct Store {
    const Expr *Target; // the left-hand side; null for an initialiser
    const Expr *Value;
  };
  std::map<const VarDecl *, std::vector<const Expr *>> LocalStores;
  std::set<const VarDecl *> AddressTaken;
  std::vector<Store> OtherStores; // into fields and globals
  std::vector<const Expr *> AddressedObjects; // &priv->buf handed out
  std::vector<const CallExpr *> Calls;
  std::vector<const VarDecl *> Locals;

  bool VisitCallExpr(CallExpr *C) {
    Calls.push_back(C);
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (!V->hasLocalStorage() || isa<ParmVarDecl>(V))
      return true;
    Locals.push_back(V);
    if (V->getInit())
      LocalStores[V].push_back(V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    if (const VarDecl *V = localNamedBy(BO->getLHS());
        V && isa<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
      LocalStores[V].push_back(BO->getOpcode() == BO_Assign ? BO->getRHS()
                                                            : BO);
    else
      OtherStores.push_back({BO->getLHS(), BO->getOpcode() == BO_Assign
                                               ? BO->getRHS()
                                               : BO});
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf)
      return true;
    const Expr *Sub = UO->getSubExpr()->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Sub)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasLocalStorage())
        AddressTaken.insert(V);
      else if (Sub->getType()->isPointerType())
        AddressedObjects.push_back(Sub);
    } else if (isa<MemberExpr>(Sub) && Sub->getType()->isPointerType())
      AddressedObjects.push_back(Sub);
    return true;
  }

  /// The managed call whose result Value is, directly.
  Acquisition managedResult(const Expr *Value) const {
    const auto *C = dyn_cast_or_null<CallExpr>(stripped(Value));
    if (!C)
      return {};
    const ManagedRelease *R = Model.managedRelease(calleeName(C));
    if (!R || R->Object != ManagedRelease::ObjectIsResult)
      return {};
    return {C, R};
  }

  /// A local of this function that only ever holds the result of a
  /// managed call (null stores aside): the first such call.
  Acquisition managedLocal(const VarDecl *V) const {
    if (!V || isa<ParmVarDecl>(V) || AddressTaken.count(V))
      return {};
    auto It = LocalStores.find(V);
    if (It == LocalStores.end())
      return {};
    Acquisition First;
    for (const Expr *E : It->second) {
      if (isNullPointer(E, Ctx))
        continue;
      Acquisition A = managedResult(E);
      if (!A.Call)
        return {};
      if (!First.Call)
        First = A;
    }
    return First;
  }

  /// Value's managed call, directly or through such a local.
  Acquisition managedSource(const Expr *Value) const {
    Acquisition A = managedResult(Value);
    return A.Call ? A : managedLocal(localNamedBy(Value));
  }

  /// Every non-null value stored into V, as far as this function shows.
  const std::vector<const Expr *> *storesOf(const VarDecl *V) const {
    auto It = LocalStores.find(V);
    return It == LocalStores.end() ? nullptr : &It->second;
  }

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  const FunctionDecl *FD;
};

/// The plain APIs that acquire what some managed call manages.
std::set<std::string> unmanagedApis(const ApiModel &Model) {
  std::set<std::string> Out;
  for (const auto &E : Model.devm().ManualFree)
    Out.insert(E.getValue().Unmanaged.begin(), E.getValue().Unmanaged.end());
  return Out;
}

/// The record the field path of an lvalue starts in: struct foo for
/// `foo->a.b`, `foo.a`.
const RecordDecl *rootRecord(const Expr *E) {
  const RecordDecl *RD = nullptr;
  E = E->IgnoreParenImpCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      RD = F->getParent();
    if (ME->isArrow())
      break;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  while (RD && RD->isAnonymousStructOrUnion())
    RD = dyn_cast<RecordDecl>(RD->getParent());
  return RD;
}

/// The class of a field or global object across the program, or "": a
/// field of a struct a kernel header defines is no driver's own, and a
/// struct defined in a .c file is that file's alone.
std::string programClass(const LockClasses &LC, const Expr *E, bool LValue,
                         const SourceManager &SM) {
  E = stripped(E);
  if (!E || !isa<MemberExpr, DeclRefExpr>(E))
    return "";
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || !V->hasGlobalStorage() || V->isStaticLocal())
      return "";
  }
  std::string C = LValue ? LC.objectClass(E) : LC.classOf(E);
  if (C.empty() || C[0] == '@')
    return "";
  if (const RecordDecl *RD = rootRecord(E)) {
    const RecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
    std::string File = toSourcePoint(Def->getLocation(), SM).File;
    if (File.find("/include/") != std::string::npos)
      return "";
    if (StringRef(File).ends_with(".c"))
      return File + "::" + C;
  }
  return C;
}

struct ClassFact {
  std::string Class, Api, Shown, Text, Device, Function;
  std::vector<std::string> Args;
  SourcePoint Where;
  // A release that runs only when this managed call (same function) failed.
  std::optional<SourcePoint> FailureOf;
};

void to_json(json &J, const ClassFact &F) {
  J = {{"class", F.Class}, {"api", F.Api}, {"text", F.Text},
       {"function", F.Function}, {"where", F.Where}};
  if (F.Shown != F.Api)
    J["shown"] = F.Shown;
  if (!F.Device.empty())
    J["device"] = F.Device;
  if (!F.Args.empty())
    J["args"] = F.Args;
  if (F.FailureOf)
    J["failure_of"] = *F.FailureOf;
}
void from_json(const json &J, ClassFact &F) {
  J.at("class").get_to(F.Class);
  J.at("api").get_to(F.Api);
  J.at("text").get_to(F.Text);
  J.at("function").get_to(F.Function);
  J.at("where").get_to(F.Where);
  F.Shown = J.value("shown", F.Api);
  F.Device = J.value("device", "");
  F.Args = J.value("args", std::vector<std::string>());
  if (J.contains("failure_of"))
    F.FailureOf = J.at("failure_of").get<SourcePoint>();
}

/// The managed call's `struct device *` as written ("" for a
/// platform_device, as devm_platform_ioremap_resource() takes).
std::string deviceText(const ApiModel &Model, const CallExpr *Call,
                       const ASTContext &Ctx) {
  const Expr *Dev = deviceArgument(Model, Call);
  return Dev ? writtenText(Dev, Ctx) : "";
}

std::vector<std::string> argTexts(const CallExpr *Call,
                                  const ASTContext &Ctx) {
  std::vector<std::string> Out;
  for (const Expr *A : Call->arguments())
    Out.push_back(writtenText(A, Ctx));
  return Out;
}

/// How to say the managed form of Manual: "devm_kfree(&pdev->dev, buf)".
std::string managedForm(const ApiModel &Model, llvm::StringRef Manual,
                        const std::string &Device,
                        const std::vector<std::string> &Args) {
  std::string Form = Model.managedForm(Manual);
  if (Form.empty())
    return "";
  Form = std::regex_replace(Form, std::regex(R"(\bdev\b)"),
                            Device.empty() ? std::string("dev") : Device);
  for (size_t I = Args.size(); I-- > 0;)
    Form = std::regex_replace(
        Form, std::regex("\\$" + std::to_string(I) + "\\b"),
        Args[I].empty() ? std::string("...") : Args[I]);
  return Form;
}

/// "free" for kfree() and friends, "free_irq()" for free_irq().
std::string doubleWhat(llvm::StringRef Shown) {
  return Shown.starts_with("k") && Shown.contains("free")
             ? std::string("free")
             : Shown.str() + "()";
}

std::string message(const ApiModel &Model, const std::string &Text,
                    const std::string &Api, const std::string &Where,
                    const std::string &Shown, const std::string &ManualApi,
                    const std::string &Device,
                    const std::vector<std::string> &Args) {
  std::string What = Text.empty() ? std::string("this object") : Text;
  std::string Form = managedForm(Model, ManualApi, Device, Args);
  return What + " comes from " + Api + "()" +
         (Where.empty() ? std::string() : " in " + Where + "()") +
         ", which devres releases when the device unbinds; releasing it "
         "here with " + Shown + "() makes unbind release it again: a double " +
         doubleWhat(Shown) + "; " +
         (Form.empty() ? "drop the " + Shown + "() and let devres release it"
                       : "use " + Form + " if it must go early, or drop the " +
                             Shown + "()");
}

/// A release on the error path of the managed call that would have
/// acquired it: devres holds nothing, and neither does the driver.
std::string failureMessage(const std::string &Text, const std::string &Api,
                           const std::string &Shown) {
  std::string What = Text.empty() ? std::string("this resource") : Text;
  return Shown + "() runs here only when " + Api + "() failed: it releases " +
         What + ", which was never acquired; drop it from this error path";
}

std::string acquiredStep(const std::string &Api, const std::string &Text,
                         bool OnFailure) {
  if (OnFailure)
    return Api + "() fails: the branch taken then leads to the release";
  return Api + "() hands " + (Text.empty() ? std::string("it") : Text) +
         " to devres, which releases it at unbind";
}

std::string releasedStep(const std::string &Shown, bool OnFailure) {
  return Shown + (OnFailure ? "() releases what the failed call never acquired"
                            : "() releases it by hand here");
}

/// One scan of the TU, shared by the facts and the local findings.
struct ManualFreeTU {
  json Facts;
  std::vector<Report> Reports;
};

class TUScan {
public:
  TUScan(const ApiModel &Model, ASTContext &Ctx)
      : Model(Model), Ctx(Ctx), SM(Ctx.getSourceManager()),
        Unmanaged(unmanagedApis(Model)) {}

  ManualFreeTU run() {
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() &&
            SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
          function(FD);
    ManualFreeTU Out;
    Out.Facts = {{"managed", Managed},
                 {"manual", Manual},
                 {"unmanaged", std::vector<std::string>(UnmanagedClasses.begin(),
                                                        UnmanagedClasses.end())},
                 {"stored", std::vector<std::string>(StoredClasses.begin(),
                                                     StoredClasses.end())}};
    Out.Reports = std::move(Reports);
    return Out;
  }

private:
  const ApiModel &Model;
  ASTContext &Ctx;
  const SourceManager &SM;
  std::set<std::string> Unmanaged;
  std::vector<ClassFact> Managed, Manual;
  std::set<std::string> UnmanagedClasses, StoredClasses;
  std::vector<Report> Reports;

  void function(const FunctionDecl *FD) {
    FunctionScan S(Model, Ctx, FD);
    LockClasses LC(Model, Ctx, FD);
    std::string Fn = FD->getNameAsString();
    std::vector<std::pair<std::string, const CallExpr *>> ManagedHere;
    std::vector<std::pair<size_t, const CallExpr *>> ManualHere;
    auto managedFact = [&](const std::string &Class, const CallExpr *Call,
                           const std::string &Text) {
      ManagedHere.push_back({Class, Call});
      Managed.push_back({Class, calleeName(Call).str(), shownName(Call, Ctx),
                         Text,
                         deviceText(Model, Call, Ctx), Fn, {},
                         toSourcePoint(Call->getBeginLoc(), SM), {}});
    };
    // Stores into fields and globals.
    for (const auto &St : S.OtherStores) {
      std::string C = programClass(LC, St.Target, /*LValue=*/true, SM);
      if (C.empty())
        continue;
      if (Acquisition A = S.managedSource(St.Value); A.Call)
        managedFact(C, A.Call, writtenText(St.Target, Ctx));
      else if (!isNullPointer(St.Value, Ctx))
        StoredClasses.insert(C);
    }
    for (const Expr *E : S.AddressedObjects) // filled by a callee
      if (std::string C = programClass(LC, E, /*LValue=*/true, SM); !C.empty())
        StoredClasses.insert(C);
    // Initialised globals are stored from outside any function: not devm's.
    for (const CallExpr *Call : S.Calls) {
      StringRef Name = calleeName(Call);
      if (Unmanaged.count(Name.str())) {
        for (const Expr *A : Call->arguments())
          if (std::string C = programClass(LC, A, false, SM); !C.empty())
            UnmanagedClasses.insert(C);
        if (std::string C = LC.resultClass(Call); !C.empty())
          UnmanagedClasses.insert(C);
      }
      if (const ManagedRelease *R = Model.managedRelease(Name);
          R && R->Object >= 0 && unsigned(R->Object) < Call->getNumArgs()) {
        const Expr *Obj = Call->getArg(R->Object);
        if (std::string C = programClass(LC, Obj, false, SM); !C.empty())
          managedFact(C, Call, writtenText(Obj, Ctx));
      }
      for (const auto &[Entry, Arg] : Model.manualReleaseOf(Name)) {
        if (Arg >= Call->getNumArgs())
          continue;
        const Expr *Obj = Call->getArg(Arg);
        std::string C = programClass(LC, Obj, false, SM);
        if (C.empty() || (!Manual.empty() && Manual.back().Class == C &&
                          Manual.back().Where ==
                              toSourcePoint(Call->getBeginLoc(), SM)))
          continue;
        ManualHere.push_back({Manual.size(), Call});
        Manual.push_back({C, Name.str(), shownName(Call, Ctx),
                          writtenText(Obj, Ctx), "", Fn, argTexts(Call, Ctx),
                          toSourcePoint(Call->getBeginLoc(), SM), {}});
      }
    }
    for (const auto &[I, Release] : ManualHere)
      for (const auto &[C, Acquire] : ManagedHere)
        if (C == Manual[I].Class && runsOnlyOnFailure(Acquire, Release, FD, Model, Ctx))
          Manual[I].FailureOf = toSourcePoint(Acquire->getBeginLoc(), SM);
    locals(FD, S);
    references(FD, S);
  }

  /// A local from a managed call, released by hand in the same function.
  void locals(const FunctionDecl *FD, const FunctionScan &S) {
    std::map<const VarDecl *, Acquisition> ArgObjects;
    std::set<const VarDecl *> UnmanagedLocals;
    for (const CallExpr *Call : S.Calls) {
      StringRef Name = calleeName(Call);
      if (Unmanaged.count(Name.str()))
        for (const Expr *A : Call->arguments())
          if (const VarDecl *V = localNamedBy(A))
            UnmanagedLocals.insert(V);
      if (const ManagedRelease *R = Model.managedRelease(Name);
          R && R->Object >= 0 && unsigned(R->Object) < Call->getNumArgs())
        if (const VarDecl *V = localNamedBy(Call->getArg(R->Object)))
          ArgObjects.try_emplace(V, Acquisition{Call, R});
    }
    for (const CallExpr *Call : S.Calls) {
      StringRef Name = calleeName(Call);
      for (const auto &[Entry, Arg] : Model.manualReleaseOf(Name)) {
        if (Arg >= Call->getNumArgs())
          continue;
        const VarDecl *V = localNamedBy(Call->getArg(Arg));
        if (!V)
          continue;
        Acquisition A;
        if (auto It = ArgObjects.find(V);
            It != ArgObjects.end() && It->second.Entry == Entry &&
            !UnmanagedLocals.count(V))
          A = It->second;
        else if (Entry->Object == ManagedRelease::ObjectIsResult)
          if (Acquisition L = S.managedLocal(V); L.Entry == Entry)
            A = L;
        if (!A.Call || !SM.isBeforeInTranslationUnit(A.Call->getBeginLoc(),
                                                     Call->getBeginLoc()))
          continue;
        bool OnFailure = runsOnlyOnFailure(A.Call, Call, FD, Model, Ctx);
        // kfree(NULL) after a failed devm_kzalloc() is harmless.
        if (!OnFailure || A.Entry->Object != ManagedRelease::ObjectIsResult)
          report(FD, A, Call, writtenText(Call->getArg(Arg), Ctx), OnFailure);
        break;
      }
    }
  }

  void report(const FunctionDecl *FD, const Acquisition &A,
              const CallExpr *Release, const std::string &Text,
              bool OnFailure) {
    std::string Api = calleeName(A.Call).str();
    std::string Shown = shownName(Release, Ctx);
    std::string Device = deviceText(Model, A.Call, Ctx);
    Report R;
    R.RuleId = ManualFreeRule;
    R.Loc = SM.getExpansionLoc(Release->getBeginLoc());
    R.Function = FD->getNameAsString();
    R.Message = OnFailure
                    ? failureMessage(Text, shownName(A.Call, Ctx), Shown)
                    : message(Model, Text, shownName(A.Call, Ctx), "", Shown,
                              calleeName(Release).str(), Device,
                              argTexts(Release, Ctx));
    R.Path.push_back({SM.getExpansionLoc(A.Call->getBeginLoc()),
                      acquiredStep(shownName(A.Call, Ctx), Text, OnFailure)});
    R.Path.push_back({SM.getExpansionLoc(Release->getBeginLoc()),
                      releasedStep(Shown, OnFailure)});
    Reports.push_back(std::move(R));
  }

  /// The acquiring call every non-null value of V comes from, if V only
  /// ever holds counted references.
  const CallExpr *countedLocal(const FunctionScan &S, const VarDecl *V,
                               std::string &Kind) const {
    const std::vector<const Expr *> *Stores = S.storesOf(V);
    if (!Stores || S.AddressTaken.count(V))
      return nullptr;
    const CallExpr *First = nullptr;
    for (const Expr *E : *Stores) {
      if (isNullPointer(E, Ctx))
        continue;
      const auto *C = dyn_cast<CallExpr>(stripped(E));
      const RefFunction *F = C ? Model.refFunction(calleeName(C)) : nullptr;
      if (!F || !F->acquires())
        return nullptr;
      if (!First) {
        First = C;
        Kind = F->Returns;
      }
    }
    return First;
  }

  std::string rightRelease(const std::string &Kind) const {
    std::string Put = Model.releaseFor(Kind);
    return Put.empty() ? "the release of a " + Kind + " reference" : Put + "()";
  }

  /// kfree(np) of a counted reference, and `np __free(kfree)`.
  void references(const FunctionDecl *FD, const FunctionScan &S) {
    for (const CallExpr *Call : S.Calls) {
      StringRef Name = calleeName(Call);
      auto Releases = Model.manualReleaseOf(Name);
      if (Releases.empty() || Model.refFunction(Name))
        continue;
      unsigned Arg = Releases.front().second;
      const VarDecl *V =
          Arg < Call->getNumArgs() ? localNamedBy(Call->getArg(Arg)) : nullptr;
      std::string Kind;
      const CallExpr *Got = V ? countedLocal(S, V, Kind) : nullptr;
      if (!Got ||
          !SM.isBeforeInTranslationUnit(Got->getBeginLoc(), Call->getBeginLoc()))
        continue;
      std::string Text = writtenText(Call->getArg(Arg), Ctx);
      Report R;
      R.RuleId = ManualFreeRule;
      R.Loc = SM.getExpansionLoc(Call->getBeginLoc());
      R.Function = FD->getNameAsString();
      std::string Put = Model.releaseFor(Kind);
      R.Message = Text + " holds a " + Kind + " reference from " +
                  calleeName(Got).str() + "(); " + Name.str() +
                  "() frees the object under every other holder of a "
                  "reference instead of dropping this one; use " +
                  (Put.empty() ? rightRelease(Kind)
                               : Put + "(" + Text + ")");
      R.Path.push_back({SM.getExpansionLoc(Got->getBeginLoc()), calleeName(Got).str() +
                                                "() returns a counted " +
                                                Kind + " reference"});
      R.Path.push_back({SM.getExpansionLoc(Call->getBeginLoc()),
                        Name.str() + "() frees the object instead of " +
                            rightRelease(Kind)});
      Reports.push_back(std::move(R));
    }
    for (const VarDecl *V : S.Locals) {
      const auto *CA = V->getAttr<CleanupAttr>();
      const FunctionDecl *CF = CA ? CA->getFunctionDecl() : nullptr;
      if (!CF || !CF->getIdentifier() || !CF->getName().starts_with("__free_"))
        continue;
      StringRef Cleanup = CF->getName().drop_front(strlen("__free_"));
      if (Model.manualReleaseOf(Cleanup).empty() ||
          Model.kindForCleanup(Cleanup))
        continue;
      std::string Kind;
      const CallExpr *Got = countedLocal(S, V, Kind);
      if (!Got)
        continue;
      const RefKind *K = Model.refKind(Kind);
      std::string Right = K && !K->Cleanup.empty()
                              ? "__free(" + K->Cleanup.front() + ")"
                              : rightRelease(Kind);
      Report R;
      R.RuleId = ManualFreeRule;
      R.Loc = V->getLocation();
      R.Function = FD->getNameAsString();
      R.Message = V->getNameAsString() + " is declared __free(" +
                  Cleanup.str() + ") but holds a " + Kind +
                  " reference from " + calleeName(Got).str() +
                  "(): at the end of its scope " + Cleanup.str() +
                  "() frees the object instead of dropping the reference; "
                  "declare it " + Right;
      R.Path.push_back({SM.getExpansionLoc(Got->getBeginLoc()), calleeName(Got).str() +
                                                "() returns a counted " +
                                                Kind + " reference"});
      R.Path.push_back({V->getLocation(),
                        "__free(" + Cleanup.str() + ") frees it with " +
                            Cleanup.str() + "() when it goes out of scope"});
      Reports.push_back(std::move(R));
    }
  }
};

ManualFreeTU &scanOf(const RuleContext &Ctx, ASTContext &AST) {
  return TUState::of(AST).get<ManualFreeTU>(
      [&] { return new ManualFreeTU(TUScan(*Ctx.Model, AST).run()); });
}

template <typename T>
std::vector<T> read(const json &S, const char *Key) {
  return S.contains(Key) ? S.at(Key).get<std::vector<T>>() : std::vector<T>();
}

} // namespace

json manualFreeFacts(const RuleContext &Ctx, ASTContext &AST) {
  return scanOf(Ctx, AST).Facts;
}

void reportLocalManualFrees(const RuleContext &Ctx, ASTContext &AST,
                            ReportSink &Sink) {
  for (const Report &R : scanOf(Ctx, AST).Reports)
    Sink.report(R, AST.getSourceManager());
}

std::vector<Finding> manualFreeFindings(const GlobalInput &In) {
  const ApiModel &Model = *In.Model;
  std::map<std::string, std::vector<ClassFact>> Managed;
  std::vector<ClassFact> Manual;
  std::set<std::string> Unmanaged, Stored;
  for (const TUFacts *TU : In.TUs) {
    const std::optional<json> S = TU->section("devm");
    if (!S || S->value("version", 0u) != FactsVersion)
      continue;
    for (ClassFact &F : read<ClassFact>(*S, "managed"))
      Managed[F.Class].push_back(std::move(F));
    for (ClassFact &F : read<ClassFact>(*S, "manual"))
      Manual.push_back(std::move(F));
    for (std::string &C : read<std::string>(*S, "unmanaged"))
      Unmanaged.insert(std::move(C));
    for (std::string &C : read<std::string>(*S, "stored"))
      Stored.insert(std::move(C));
  }
  for (auto &[C, Facts] : Managed)
    std::sort(Facts.begin(), Facts.end(),
              [](const ClassFact &A, const ClassFact &B) {
                return A.Where < B.Where;
              });
  std::vector<Finding> Out;
  for (const ClassFact &M : Manual) {
    auto It = Managed.find(M.Class);
    if (It == Managed.end() || Unmanaged.count(M.Class))
      continue;
    const ClassFact *From = nullptr;
    bool ResultObject = false;
    for (const ClassFact &A : It->second) {
      const ManagedRelease *R = Model.managedRelease(A.Api);
      if (!R)
        continue;
      ResultObject |= R->Object == ManagedRelease::ObjectIsResult;
      if (!From && R->Manual.count(M.Api))
        From = &A;
    }
    if (!From || (ResultObject && Stored.count(M.Class)))
      continue;
    if (M.FailureOf)
      for (const ClassFact &A : It->second)
        if (A.Where == *M.FailureOf)
          From = &A;
    const ManagedRelease *R = Model.managedRelease(From->Api);
    bool OnFailure = M.FailureOf && From->Where == *M.FailureOf;
    // kfree(NULL) after a failed devm_kzalloc() is harmless.
    if (OnFailure && R && R->Object == ManagedRelease::ObjectIsResult)
      continue;
    const std::string &Shown = M.Shown;
    Finding F;
    F.RuleId = ManualFreeRule;
    F.Where = M.Where;
    F.Function = M.Function;
    F.Message = OnFailure ? failureMessage(M.Text, From->Shown, Shown)
                          : message(Model, M.Text, From->Shown, From->Function,
                                    Shown, M.Api, From->Device, M.Args);
    F.Path.push_back({From->Where, acquiredStep(From->Shown, From->Text,
                                                OnFailure)});
    F.Path.push_back({M.Where, releasedStep(Shown, OnFailure)});
    Out.push_back(std::move(F));
  }
  return Out;
}

} // namespace devm
} // namespace devlife
