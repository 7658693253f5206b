//===- RefcountOverputCheck.cpp - devlife-refcount-overput ----------------===//
#include "checks/RefcountOverputCheck.h"

#include "checks/RefcountShared.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &RefcountOverputCheck::info() {
  static const RuleInfo Info{
      "devlife-refcount-overput",
      "RefcountOverput",
      "A reference is released although this function no longer owns it.",
      "A device_node, fwnode_handle or device reference is released twice on "
      "one path, or released after an API consumed it: the for_each_*_of_node "
      "iterator step puts the previous node itself, and of_find_node_by_name() "
      "and the other from-consuming finds put their 'from' argument. The extra "
      "put drops a reference someone else holds; the node can be freed while "
      "still in use (refcount_t: underflow; use-after-free).",
      "Remove the extra release, or take a reference of your own with "
      "of_node_get() before handing the node to a consuming API. Inside an "
      "iterator body, do not put the loop variable before 'continue': the "
      "next step puts it.",
      "Remove the extra release, or take a reference of your own with "
      "`of_node_get()` before handing the node to a consuming API. Inside an "
      "iterator body, do not put the loop variable before `continue`: the "
      "next step puts it.",
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
