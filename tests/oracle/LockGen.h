//===- LockGen.h - Random small lock programs for the lock oracle ---------===//
//
// A tiny statement language over three mutexes of one driver context
// (ctx->la, ctx->lb, ctx->lc), rich enough for the shapes the lock rules
// must get right: mutex_lock/unlock, mutex_trylock and
// mutex_lock_interruptible tested in an `if` (directly, negated or through
// a local), guard(mutex) to the end of a
// block and scoped_guard(mutex) around one, if/else on opaque conditions,
// while loops with break/continue, goto to cleanup labels that unlock,
// early returns, calls to helpers that take one lock, return with it held
// or release it, and the barriers
// flush_work()/cancel_work_sync() on the context's work, directly or
// through a helper.
//
// A program is one context type with its helpers, a work function bound to
// its work by INIT_WORK, and a few generated functions; every class it
// names is its own (struct lo_ctx_<N>), so many programs share one TU
// without meeting; split over two files, they meet across files the way a
// driver's work function and its remove() do. The renderer writes each statement on a line of its own
// and records the line, so the oracle (LockOracle.h) names lines exactly as
// devlife does.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_TESTS_ORACLE_LOCKGEN_H
#define DEVLIFE_TESTS_ORACLE_LOCKGEN_H

#include <cstdint>
#include <string>
#include <vector>

namespace devlife::oracle {

/// The three lock classes of a program: ctx->la, ctx->lb, ctx->lc.
constexpr int NumLocks = 3;

struct LockStmt {
  enum Kind {
    Lock,        // mutex_lock(&ctx->lX);
    Unlock,      // mutex_unlock(&ctx->lX);
    TryIf,       // if (mutex_trylock(&ctx->lX)) { Then } else { Else }
    IntrIf,      // if (mutex_lock_interruptible(&ctx->lX)) { Then: a jump };
                 // ViaLocal: ret = mutex_lock_...(&ctx->lX); if (ret) { Then }
    TryFailIf,   // if (!mutex_trylock(&ctx->lX)) { Then: a jump }
    If,          // if (lo_cond(N)) { Then } else { Else }
    While,       // while (lo_cond(N)) { Then }
    Guard,       // guard(mutex)(&ctx->lX); held to the end of the block
    ScopedGuard, // scoped_guard(mutex, &ctx->lX) { Then }
    Block,       // { Then }
    Touch,       // lo_<N>_take_lX(ctx); a helper that locks and unlocks lX
    LockVia,     // lo_<N>_lock_lX(ctx); a helper that returns with lX held
    UnlockVia,   // lo_<N>_unlock_lX(ctx); a helper that releases lX
    Barrier,     // flush_work(&ctx->work); or cancel_work_sync() (Cancel)
    Sync,        // lo_<N>_sync(ctx); a helper that flushes the work
    Break,
    Continue,
    Goto,        // goto out<Label>;
    Return,
  } K;
  explicit LockStmt(Kind K = Return) : K(K) {}
  int Which = 0; // the lock: 0..NumLocks-1
  int N = 0;    // the condition's number
  bool Cancel = false;
  bool ViaLocal = false;
  int Label = 0;
  std::vector<LockStmt> Then, Else;
  unsigned Line = 0; // set by the renderer
};

struct LockLabel {
  std::vector<LockStmt> Stmts; // unlocks only
  unsigned Line = 0;
};

struct LockFunction {
  std::string Name;
  bool IsWork = false; // the work function: no barriers in it
  std::vector<LockStmt> Body;
  std::vector<LockLabel> Labels;
  unsigned File = 0; // which of the rendered files holds it
  unsigned FirstLine = 0, LastLine = 0;
};

struct LockProgram {
  uint64_t Seed = 0;
  std::string Prefix; // "lo_<Seed>": every function of it starts so
  /// Fns[0] is the work function; the others are the generated callers.
  std::vector<LockFunction> Fns;
  unsigned FirstLine[2] = {0, 0}, LastLine[2] = {0, 0}; // per file
};

/// The program a seed stands for: the same seed, the same program.
LockProgram generateLockProgram(uint64_t Seed);

/// Translation units: the corpus headers, the declarations the generated
/// code uses, then the programs. Split, each program's work function and
/// helpers are in the first file and the functions that call them in the
/// second, so the lock classes, calls and the work's binding must meet
/// across files. Sets every line number in Ps.
std::vector<std::string> renderLockTUs(std::vector<LockProgram> &Ps, bool Split);

/// One program's text, after renderLockTUs (for a failure message).
std::string lockProgramText(const std::vector<std::string> &TUs,
                            const LockProgram &P);

/// "ctx->lb" for 1.
std::string lockText(int Lock);

} // namespace devlife::oracle

#endif
