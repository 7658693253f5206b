//===- RefcountOverputCheck.cpp - devlife-refcount-overput ----------------===//
#include "checks/RefcountOverputCheck.h"

#include "checks/RefcountShared.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &RefcountOverputCheck::info() {
  static const RuleInfo Info{
      "devlife-refcount-overput",
      "RefcountOverput",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "refcount"},
      "high",
      ""};
  return Info;
}

void RefcountOverputCheck::registerMatchers(MatchFinder &Finder,
                                            MatchFinder::MatchCallback &CB) {
  // Every function defined in the main file: int foo(...) { ... }
  Finder.addMatcher(refcountFunction(), &CB);
}

void RefcountOverputCheck::check(const MatchFinder::MatchResult &Result,
                                 ReportSink &Sink) {
  const auto *FD = Result.Nodes.getNodeAs<clang::FunctionDecl>("fn");
  const refcount::FunctionResult *R =
      analyse(model(), facts(), FD, Result);
  if (!R)
    return;
  for (const refcount::Overput &O : R->Overputs) {
    Report Rep;
    Rep.RuleId = info().Id;
    Rep.Loc = O.At;
    Rep.Message = O.Message;
    Rep.Function = FD->getNameAsString();
    for (const refcount::PathEvent &E : O.Path)
      Rep.Path.push_back({E.Loc, E.Message});
    for (clang::SourceLocation Also : O.AlsoAt)
      Rep.Related.push_back({Also, "also released here without being owned"});
    Sink.report(std::move(Rep), *Result.SourceManager);
  }
}

} // namespace devlife
