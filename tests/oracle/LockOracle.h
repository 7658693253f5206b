//===- LockOracle.h - The lock verdict of a generated program -------------===//
//
// What devlife's lock rules must say about a generated program (LockGen.h),
// found without any of devlife's code. Each function is interpreted over
// sets of lock states (which of the three locks are held): every statement
// maps each state that reaches it, both sides of every condition are taken,
// a loop runs until its head's states stop growing, and a guard is released
// on every way out of its block. Every path is in some state at every
// point, so the states reaching a point are exactly the states of the paths
// reaching it; a lock is held at a point when every such state holds it.
//
// The rules, as devlife's docs state them:
//  - Reach(work) is what the work function may block on acquiring: every
//    reachable mutex_lock, guard, scoped_guard, mutex_lock_interruptible and
//    helper call in it (a trylock blocks on nothing);
//  - a lock held across a barrier: at flush_work()/cancel_work_sync() on the
//    work, or at a call of the helper that flushes it, every lock held there
//    that Reach(work) holds, one finding per line and lock;
//  - the order graph: A -> B wherever B is reached (acquired, through the
//    helper, or through the barrier in Reach(work)) while A is held, each
//    edge with the other locks held there as its gates; an inversion is a
//    pair with edges both ways, a cycle three locks in a ring none of whose
//    pairs has both, each with witnesses that share no gate.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_TESTS_ORACLE_LOCKORACLE_H
#define DEVLIFE_TESTS_ORACLE_LOCKORACLE_H

#include "tests/oracle/LockGen.h"
#include <set>
#include <string>
#include <utility>

namespace devlife::oracle {

struct LockVerdict {
  /// (line, lock) of every lock held across a barrier.
  std::set<std::pair<unsigned, int>> HeldAcross;
  /// Each inversion or cycle as its locks in ring order from the smallest:
  /// "ab" (an inversion of ctx->la and ctx->lb), "acb" (la -> lc -> lb -> la).
  std::set<std::string> Orders;
  /// Statements reached, and states at them: how much work the paths were.
  size_t Sites = 0, States = 0;

  bool operator==(const LockVerdict &O) const {
    return HeldAcross == O.HeldAcross && Orders == O.Orders;
  }
};

/// Follows every path of P's functions (after renderLockTU gave it lines).
LockVerdict exploreLockPaths(const LockProgram &P);

} // namespace devlife::oracle

#endif
