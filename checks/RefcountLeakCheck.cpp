//===- RefcountLeakCheck.cpp - devlife-refcount-leak ----------------------===//
#include "checks/RefcountLeakCheck.h"

#include "checks/RefcountShared.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &RefcountLeakCheck::info() {
  static const RuleInfo Info{
      "devlife-refcount-leak",
      "RefcountLeak",
      Level::Warning,
      {"reliability", "correctness", "linux-kernel", "refcount"},
      "high",
      ""};
  return Info;
}

void RefcountLeakCheck::registerMatchers(MatchFinder &Finder,
                                         MatchFinder::MatchCallback &CB) {
  // Every function defined in the main file: int foo(...) { ... }
  Finder.addMatcher(refcountFunction(), &CB);
}

void RefcountLeakCheck::check(const MatchFinder::MatchResult &Result,
                              ReportSink &Sink) {
  const auto *FD = Result.Nodes.getNodeAs<clang::FunctionDecl>("fn");
  const refcount::FunctionResult *R = analyse(model(), facts(), FD, Result);
  if (!R)
    return;
  for (const refcount::Leak &L : R->Leaks) {
    Report Rep;
    Rep.RuleId = info().Id;
    Rep.Loc = L.LostAt;
    Rep.Message = "reference from " + L.Api + "() is not released" +
                  (L.Release.empty() ? "" : " by " + L.Release + "()") +
                  " on this path";
    Rep.Function = FD->getNameAsString();
    for (const refcount::PathEvent &E : L.Path)
      Rep.Path.push_back({E.Loc, E.Message});
    for (clang::SourceLocation Also : L.AlsoLostAt)
      Rep.Related.push_back({Also, "also lost here, on another path"});
    Rep.Fixes = L.Fixes;
    Sink.report(std::move(Rep), *Result.SourceManager);
  }
}

} // namespace devlife
