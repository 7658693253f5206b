//===- RefcountLeakCheck.cpp - devlife-refcount-leak ----------------------===//
#include "checks/RefcountLeakCheck.h"

#include "checks/RefcountShared.h"

namespace devlife {

using namespace clang::ast_matchers;

const RuleInfo &RefcountLeakCheck::info() {
  static const RuleInfo Info{
      "devlife-refcount-leak",
      "RefcountLeak",
      "A counted reference is not released on some path out of the function.",
      "A device_node, fwnode_handle or device reference obtained from an "
      "acquiring kernel API (of_find_*, of_get_*, of_parse_phandle, "
      "fwnode/device child getters, of_find_device_by_node, bus/class "
      "finders, the for_each_*_of_node iterators) is still owned when the "
      "last variable holding it is lost: an early return, a goto past the "
      "put, a break out of an iterator loop, an overwrite. The node or device "
      "can then never be freed, which shows up as 'OF: ERROR: memory leak, "
      "expected refcount 1' on overlay removal and as devices that never go "
      "away.",
      "Release the reference on every path (of_node_put(), "
      "fwnode_handle_put(), put_device()), or let the compiler do it: "
      "declare the variable with __free(device_node) / __free(fwnode_handle) "
      "/ __free(put_device), or use the _scoped iterator "
      "(for_each_child_of_node_scoped). The code flow shows where the "
      "reference was acquired, the branches taken and where it was lost.",
      "Release the reference on every path (`of_node_put()`, "
      "`fwnode_handle_put()`, `put_device()`), or let the compiler do it: "
      "declare the variable with `__free(device_node)` / "
      "`__free(fwnode_handle)` / `__free(put_device)`, or use the `_scoped` "
      "iterator (`for_each_child_of_node_scoped`).\n\nThe code flow shows "
      "where the reference was acquired, the branches taken and where it "
      "was lost.",
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
