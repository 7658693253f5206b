//===- DriverGen.h - Random small driver functions for the path oracle ----===//
//
// A tiny statement language over device_node pointers, rich enough for the
// shapes the refcount analysis must get right (acquire/release calls of the
// API model and of static helpers it learns, if/else on opaque conditions
// and NULL tests, `if (!(np = ...))`, goto to cleanup labels and back to a
// retry label, while loops and for_each_child_of_node(_scoped) with
// break/continue, early returns, a __free(device_node) variable, a pointer
// local to a block, dereferences, returning the pointer), a
// generator of random functions in it from a seed, and a renderer to C that
// compiles against the corpus headers. The renderer writes each statement on
// a line of its own and records the line in the statement, so the oracle
// (PathOracle.h) can name lines exactly as devlife does.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_TESTS_ORACLE_DRIVERGEN_H
#define DEVLIFE_TESTS_ORACLE_DRIVERGEN_H

#include <cstdint>
#include <string>
#include <vector>

namespace devlife::oracle {

/// The calls that hand out a reference (all in the built-in API model).
enum class Api {
  FindByName,  // of_find_node_by_name(From, "n"): consumes From
  ChildByName, // of_get_child_by_name(parent, "c")
  NodeGet,     // of_node_get(parent)
  Phandle,     // of_parse_phandle(parent, "p", 0)
  ParentOf,    // of_get_parent(Var): NULL when Var is NULL
  Helper,      // oracle_get(parent): a static helper over of_get_child_by_name
};

/// Variables are numbered: 0..NumVars-1 are plain locals (a, b, c), BlockVar
/// a pointer declared in a block (d), ScopedVar the loop variable of
/// for_each_child_of_node_scoped (s), and FreeVar the `__free(device_node)`
/// one (f) when the function has it. s and f belong to their cleanup, which
/// puts what they hold when they go out of scope: the generator sometimes
/// puts them, copies them, consumes them or overwrites f all the same.
constexpr int NoVar = -1;
constexpr int BlockVar = 3;
constexpr int ScopedVar = 4;
constexpr int FreeVar = 9;
constexpr int RetryLabel = -1;

struct Cond {
  enum Kind {
    Opaque,         // oracle_cond(N)
    IsNull,         // !v
    NotNull,        // v
    EqNull,         // v == NULL
    NeNull,         // v != NULL
    IsErrOrNull,    // IS_ERR_OR_NULL(v)
    NullOrOpaque,   // !v || oracle_cond(N)
    NonNullAndOpaque, // v && oracle_cond(N)
  } K = Opaque;
  int Var = NoVar;
  int N = 0;
};

struct Stmt {
  enum Kind {
    Acquire,  // Dst = API(...);
    Discard,  // API(...); the result dropped
    Put,      // of_node_put(Var); or oracle_put(Var); (ViaHelper)
    Deref,    // oracle_use_name(Var->name);
    Copy,     // Dst = Var;
    Clear,    // Dst = NULL;
    Use,      // oracle_use(Var);
    Store,    // oracle_saved = Var;
    If,       // if (C) { Then } else { Else }; with AcquireInCond,
              // if (!(Dst = API(...))) or if ((Dst = API(...)))
    While,    // while (oracle_cond(N)) { Then }
    ForEach,  // for_each_child_of_node(parent, Var) { Then }
    ForEachScoped, // for_each_child_of_node_scoped(parent, s) { Then }
    Block,    // { struct device_node *d = API(...) or NULL; Then }
    Break,
    Continue,
    Goto,     // goto out<Label>; or goto retry; (RetryLabel)
    Return,
  } K;
  explicit Stmt(Kind K = Return) : K(K) {}
  int Dst = NoVar, Var = NoVar;
  Api A = Api::FindByName;
  int From = NoVar; // FindByName's first argument, NoVar: NULL
  bool ViaHelper = false;
  bool AcquireInCond = false;
  bool Initialised = false; // Block: d starts as an acquisition, not NULL
  Cond C;
  std::vector<Stmt> Then, Else;
  int Label = 0;
  enum class Ret { Zero, Error, Null, Var, ErrPtr, ReturnPtr } R = Ret::Zero;
  unsigned Line = 0;    // set by the renderer
  unsigned EndLine = 0; // Block: the line of its `}`; d dies there
};

struct Label {
  std::vector<Stmt> Stmts;
  unsigned Line = 0;
};

struct Function {
  std::string Name;
  uint64_t Seed = 0;
  bool ReturnsPtr = false;
  int NumVars = 1;
  bool HasFree = false;
  Api FreeApi = Api::ChildByName;
  unsigned FreeLine = 0;
  bool HasRetry = false; // a `retry:` label before the body
  std::vector<Stmt> Body;
  std::vector<Label> Labels;
  Stmt FinalReturn;
  unsigned FirstLine = 0, LastLine = 0;
};

/// The function a seed stands for: the same seed, the same function.
Function generateFunction(uint64_t Seed);

/// A translation unit: the corpus headers, the declarations the generated
/// code uses, then the functions. Sets every line number in Fns.
std::string renderTU(std::vector<Function> &Fns);

/// One function's text, after renderTU (for a failure message).
std::string functionText(const std::string &TU, const Function &F);

} // namespace devlife::oracle

#endif
