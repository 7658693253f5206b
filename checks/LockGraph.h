//===- LockGraph.h - Locks and barriers over the whole program ------------===//
//
// The lock family's global step, on the ProgramModel:
//  - Reach(F): the lock classes F may block on acquiring, itself or through
//    any chain of calls and of barriers whose callbacks take them, each with
//    the next hop of one witness chain (explanations are built from the hops
//    only when a finding is reported);
//  - WaitsFor(F): the lock classes some callback F may wait for (through a
//    barrier, here or in a callee) takes;
//  - the lock-order graph: A -> B wherever B is reached while A is held,
//    each edge with its site and the other locks held there (its gates).
// Rules read the result: a class held where the program waits for it is a
// lock held across a barrier; a cycle in the order graph with no common gate
// is an inversion.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_LOCKGRAPH_H
#define DEVLIFE_CHECKS_LOCKGRAPH_H

#include "core/Finding.h"
#include "core/ProgramModel.h"
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace devlife::locks {

inline constexpr const char *AcrossBarrierRule = "devlife-lock-across-barrier";
inline constexpr const char *OrderInversionRule = "devlife-lock-order-inversion";

struct LockGraphStats {
  size_t Functions = 0, Classes = 0, OrderEdges = 0;
  size_t BarrierSitesHeld = 0; // barriers (or calls reaching one) under a lock
};

class LockGraph {
public:
  /// Unvalidated classes (lockdep_set_novalidate_class: struct device.mutex,
  /// nested parent-in-child by design) take part in no finding.
  explicit LockGraph(const program::ProgramModel &Model,
                     std::set<std::string> Unvalidated = {});
  ~LockGraph();

  std::vector<Finding> acrossBarrierFindings() const;
  std::vector<Finding> orderInversionFindings() const;
  LockGraphStats stats() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace devlife::locks

#endif
