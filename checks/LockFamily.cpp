//===- LockFamily.cpp -----------------------------------------------------===//
#include "checks/LockFamily.h"

#include "checks/LockGraph.h"
#include "checks/ProgramCollector.h"
#include "core/ProgramFactsFile.h"
#include "core/TUState.h"

namespace devlife {
namespace {

using namespace clang::ast_matchers;

class LockFamily : public Family {
public:
  llvm::StringRef name() const override { return "locks"; }

  std::vector<Finding> report(const GlobalInput &In) const override {
    bool Across = In.Rules.count(locks::AcrossBarrierRule);
    bool Order = In.Rules.count(locks::OrderInversionRule);
    if (!Across && !Order)
      return {};
    program::ProgramModel Model(In.TUs);
    const auto &U = In.Model->unvalidatedLocks();
    locks::LockGraph Graph(Model, {U.begin(), U.end()});
    std::vector<Finding> Out;
    if (Across)
      Out = Graph.acrossBarrierFindings();
    if (Order) {
      std::vector<Finding> O = Graph.orderInversionFindings();
      Out.insert(Out.end(), O.begin(), O.end());
    }
    return Out;
  }
};

/// The program facts of the TU, collected once for all rules that need them.
struct TUProgram {
  TUFacts Facts; // File and the "program" section only
  bool Recorded = false;
  std::optional<std::vector<Finding>> Findings; // clang-tidy: the global step
};

TUProgram &programOf(const RuleContext &Ctx, clang::ASTContext &AST) {
  return TUState::of(AST).get<TUProgram>([&] {
    auto *P = new TUProgram;
    const auto &SM = AST.getSourceManager();
    P->Facts.File =
        toSourcePoint(SM.getLocForStartOfFile(SM.getMainFileID()), SM).File;
    P->Facts.Sections["program"] =
        program::collectProgramFacts(AST, *Ctx.Model);
    return P;
  });
}

/// clang-tidy sees one TU: the stored facts of the others stand in for them.
std::vector<Finding> globalFindings(const RuleContext &Ctx, TUProgram &P,
                                    ReportSink &Sink) {
  std::vector<TUFacts> Stored;
  if (!Ctx.ProgramFactsFile.empty()) {
    auto Read = readProgramFacts(Ctx.ProgramFactsFile);
    if (Read)
      Stored = std::move(*Read);
    else
      Sink.problem(llvm::toString(Read.takeError()));
  }
  GlobalInput In;
  In.Model = Ctx.Model.get();
  In.Rules = {locks::AcrossBarrierRule, locks::OrderInversionRule};
  In.TUs.push_back(&P.Facts);
  for (const TUFacts &T : Stored)
    if (T.File != P.Facts.File)
      In.TUs.push_back(&T);
  return lockFamily().report(In);
}

} // namespace

const Family &lockFamily() {
  static const LockFamily F;
  return F;
}

namespace locks {

void registerTUMatcher(MatchFinder &Finder, MatchFinder::MatchCallback &CB) {
  Finder.addMatcher(translationUnitDecl().bind("tu"), &CB);
}

void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const MatchFinder::MatchResult &Result, ReportSink &Sink) {
  TUProgram &P = programOf(Ctx, *Result.Context);
  if (Ctx.Facts) {
    if (!P.Recorded)
      Ctx.Facts->section("program") = P.Facts.Sections["program"];
    P.Recorded = true;
    return;
  }
  if (!P.Findings)
    P.Findings = globalFindings(Ctx, P, Sink);
  const clang::SourceManager &SM = *Result.SourceManager;
  for (const Finding &F : *P.Findings)
    if (F.RuleId == RuleId && F.Where.File == P.Facts.File)
      Sink.report(fromFinding(F, const_cast<clang::SourceManager &>(SM)), SM);
}

} // namespace locks
} // namespace devlife
