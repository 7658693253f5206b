//===- LockFamily.cpp -----------------------------------------------------===//
#include "checks/LockFamily.h"

#include "checks/LockGraph.h"
#include "checks/ProgramCollector.h"
#include "checks/WholeProgram.h"

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
    program::ModelOptions Opts;
    Opts.GatedSlots = In.Model->gatedSlots();
    Opts.GateOpeners = In.Model->gateOpeners();
    program::ProgramModel Model(In.TUs, Opts);
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

} // namespace

const Family &lockFamily() {
  static const LockFamily F;
  return F;
}

namespace program {

void recordProgramFacts(const RuleContext &Ctx, clang::ASTContext &AST) {
  wholeprogram::section(Ctx, AST, "program", [&] {
    return nlohmann::json(collectProgramFacts(AST, *Ctx.Model));
  });
}

} // namespace program

namespace locks {

void registerTUMatcher(MatchFinder &Finder, MatchFinder::MatchCallback &CB) {
  Finder.addMatcher(translationUnitDecl().bind("tu"), &CB);
}

void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const MatchFinder::MatchResult &Result, ReportSink &Sink) {
  program::recordProgramFacts(Ctx, *Result.Context);
  if (!Ctx.Facts)
    wholeprogram::reportInEditor(lockFamily(), {AcrossBarrierRule,
                                                OrderInversionRule},
                                 RuleId, Ctx, Result, Sink);
}

} // namespace locks
} // namespace devlife
