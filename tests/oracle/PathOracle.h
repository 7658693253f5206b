//===- PathOracle.h - The refcount verdict of a generated function --------===//
//
// What devlife's refcount rules must say about a generated function, found
// without any of devlife's code: the function is flattened into a few
// instructions and every path through them is followed explicitly, each
// acquisition forking into "returned NULL" and "returned a reference".
// A path's state is what each variable points to and, for each reference
// the function took, whether it still holds it; two paths that reach the
// same instruction in the same state have the same futures, so only the
// first is followed on (that is what makes loops finite, and it loses no
// verdict: leaks and over-puts are functions of instruction and state).
//
// The rules, as devlife's docs state them:
//  - a leak: some path loses the last variable holding a reference it
//    holds (an overwrite, a return, a result never stored), reported for
//    the acquiring call, at each line where that happens;
//  - an over-put: some path releases a reference it released already, at
//    the second release, or at the first when that was a plain put and the
//    second an iterator step or a from-consuming find (the put to remove);
//  - a reference returned or stored in a global is not the function's to
//    release; one held by a __free variable (f, or the loop variable s of
//    for_each_child_of_node_scoped) is released by its cleanup when the
//    variable goes out of scope, so a put of it before is a second put,
//    reported at that put, and overwriting the variable loses it.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_TESTS_ORACLE_PATHORACLE_H
#define DEVLIFE_TESTS_ORACLE_PATHORACLE_H

#include "tests/oracle/DriverGen.h"
#include <map>
#include <set>

namespace devlife::oracle {

struct Verdict {
  /// Line of the acquiring call -> lines where a reference from it is lost.
  std::map<unsigned, std::set<unsigned>> Leaks;
  /// Lines an over-put must be reported at.
  std::set<unsigned> Overputs;
  /// (instruction, state) pairs explored: how much work the paths were.
  size_t States = 0;

  bool operator==(const Verdict &O) const {
    return Leaks == O.Leaks && Overputs == O.Overputs;
  }
};

/// Follows every path of F (after renderTU gave it lines).
Verdict explorePaths(const Function &F);

} // namespace devlife::oracle

#endif
