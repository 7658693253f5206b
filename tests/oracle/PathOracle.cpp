//===- PathOracle.cpp -----------------------------------------------------===//
#include "tests/oracle/PathOracle.h"

#include <array>
#include <vector>

namespace devlife::oracle {
namespace {

/// One step of the flattened function.
struct Insn {
  enum Op {
    Do,       // a simple statement, or a return (no successor)
    Branch,   // on C: to True or False
    Jump,     // to True
    Acquire,  // S's acquisition (an if's condition, a block's d)
    FreeInit, // f = <acquire>, owned by f's cleanup
    IterInit, // Var = of_get_next_child(parent, NULL)
    IterStep, // Var = of_get_next_child(parent, Var): releases Var
    Kill,     // Var goes out of scope
  } O = Do;
  const Stmt *S = nullptr;
  Cond C;
  int Var = NoVar;
  int True = -1, False = -1;
  unsigned Line = 0;
  Insn(Op O, const Stmt *S, unsigned Line, int Var = NoVar)
      : O(O), S(S), Var(Var), Line(Line) {}
};

class Flattener {
public:
  std::vector<Insn> Code;

  explicit Flattener(const Function &F) {
    if (F.HasFree)
      emit(Insn(Insn::FreeInit, nullptr, F.FreeLine, FreeVar));
    RetryPc = here();
    block(F.Body);
    for (const Label &L : F.Labels) {
      LabelPc.push_back(here());
      block(L.Stmts);
    }
    stmt(F.FinalReturn);
    for (auto [At, Label] : Gotos)
      Code[size_t(At)].True = Label == RetryLabel ? RetryPc : LabelPc[size_t(Label)];
  }

private:
  struct Loop {
    std::vector<int> Breaks, Continues;
  };
  /// A variable of a block or a scoped loop, and how many loops were open
  /// where it was declared (its own, for the scoped loop's variable).
  struct Local {
    int Var;
    size_t Loops;
  };
  std::vector<Loop> Loops;
  std::vector<Local> Locals;
  std::vector<int> LabelPc;
  int RetryPc = 0;
  std::vector<std::pair<int, int>> Gotos;

  int here() const { return int(Code.size()); }
  int emit(Insn I) {
    Code.push_back(I);
    return here() - 1;
  }
  int jump(unsigned Line) { return emit(Insn(Insn::Jump, nullptr, Line)); }
  int branch(const Stmt &S, Cond C) {
    Insn I(Insn::Branch, &S, S.Line);
    I.C = C;
    return emit(I);
  }
  void block(const std::vector<Stmt> &B) {
    for (const Stmt &S : B)
      stmt(S);
  }
  /// A jump leaves the scope of the locals declared inside the loops it
  /// leaves (all of them for a goto): they die at the jump.
  void killLeaving(size_t LoopsLeft, bool KeepLoopVar, unsigned Line) {
    for (const Local &L : Locals)
      if (L.Loops >= LoopsLeft && !(KeepLoopVar && L.Loops == LoopsLeft &&
                                    L.Var == ScopedVar))
        emit(Insn(Insn::Kill, nullptr, Line, L.Var));
  }

  void stmt(const Stmt &S) {
    switch (S.K) {
    case Stmt::If: {
      if (S.AcquireInCond)
        emit(Insn(Insn::Acquire, &S, S.Line, S.Dst));
      int Br = branch(S, S.C);
      Code[size_t(Br)].True = here();
      block(S.Then);
      if (S.Else.empty()) {
        Code[size_t(Br)].False = here();
        return;
      }
      int J = jump(S.Line);
      Code[size_t(Br)].False = here();
      block(S.Else);
      Code[size_t(J)].True = here();
      return;
    }
    case Stmt::While: {
      int Head = branch(S, S.C);
      Code[size_t(Head)].True = here();
      Loops.emplace_back();
      block(S.Then);
      Code[size_t(jump(S.Line))].True = Head;
      endLoop(Head, here());
      Code[size_t(Head)].False = here();
      return;
    }
    case Stmt::ForEach:
    case Stmt::ForEachScoped: {
      bool Scoped = S.K == Stmt::ForEachScoped;
      int Var = Scoped ? ScopedVar : S.Var;
      emit(Insn(Insn::IterInit, &S, S.Line, Var));
      int Test = branch(S, Cond{Cond::NeNull, Var, 0});
      Code[size_t(Test)].True = here();
      Loops.emplace_back();
      if (Scoped)
        Locals.push_back({ScopedVar, Loops.size()});
      block(S.Then);
      int Step = emit(Insn(Insn::IterStep, &S, S.Line, Var));
      Code[size_t(jump(S.Line))].True = Test;
      endLoop(Step, here());
      Code[size_t(Test)].False = here();
      if (Scoped) {
        Locals.pop_back();
        emit(Insn(Insn::Kill, nullptr, S.Line, ScopedVar));
      }
      return;
    }
    case Stmt::Block:
      if (S.Initialised)
        emit(Insn(Insn::Acquire, &S, S.Line, BlockVar));
      Locals.push_back({BlockVar, Loops.size()});
      block(S.Then);
      Locals.pop_back();
      emit(Insn(Insn::Kill, nullptr, S.EndLine, BlockVar));
      return;
    case Stmt::Break:
    case Stmt::Continue: {
      bool IsBreak = S.K == Stmt::Break;
      killLeaving(Loops.size(), /*KeepLoopVar=*/!IsBreak, S.Line);
      int J = jump(S.Line);
      (IsBreak ? Loops.back().Breaks : Loops.back().Continues).push_back(J);
      return;
    }
    case Stmt::Goto:
      killLeaving(0, /*KeepLoopVar=*/false, S.Line);
      Gotos.push_back({jump(S.Line), S.Label});
      return;
    default:
      emit(Insn(Insn::Do, &S, S.Line));
      return;
    }
  }

  void endLoop(int ContinueTo, int BreakTo) {
    for (int J : Loops.back().Continues)
      Code[size_t(J)].True = ContinueTo;
    for (int J : Loops.back().Breaks)
      Code[size_t(J)].True = BreakTo;
    Loops.pop_back();
  }
};

enum class Owner : int {
  Held,     // ours to release
  Released, // by a plain put
  Consumed, // by an iterator step or a from-consuming find
  Escaped,  // returned, stored in a global, put by a cleanup: not ours
  Cleanup,  // held by f or s, whose cleanup puts it when they go
};

struct Ref {
  int Site;        // instruction that acquired it
  Owner O;
  unsigned ReleasedAt = 0;
  bool ReleasedByPut = false;
};

constexpr int Null = -1;
constexpr size_t NumSlots = FreeVar + 1;

struct State {
  std::array<int, NumSlots> Vals; // reference index, or Null
  std::vector<Ref> Refs;
  State() { Vals.fill(Null); }
};

class Explorer {
public:
  Explorer(const Function &F) : Code(Flattener(F).Code) {}

  Verdict run() {
    Work.push_back({0, State()});
    while (!Work.empty()) {
      auto [Pc, S] = std::move(Work.back());
      Work.pop_back();
      if (!Seen.insert(key(Pc, S)).second)
        continue;
      step(Pc, std::move(S));
    }
    V.States = Seen.size();
    return V;
  }

private:
  std::vector<Insn> Code;
  std::vector<std::pair<int, State>> Work;
  std::set<std::vector<int>> Seen;
  Verdict V;

  static std::vector<int> key(int Pc, const State &S) {
    std::vector<int> K{Pc};
    K.insert(K.end(), S.Vals.begin(), S.Vals.end());
    for (const Ref &R : S.Refs)
      K.insert(K.end(), {R.Site, int(R.O), int(R.ReleasedAt), R.ReleasedByPut});
    return K;
  }

  void next(int Pc, State S) { Work.push_back({Pc, std::move(S)}); }

  void release(State &S, int Val, bool Consuming, unsigned Line) {
    if (Val == Null)
      return;
    Ref &R = S.Refs[size_t(Val)];
    switch (R.O) {
    case Owner::Held:
    case Owner::Cleanup:
      R.O = Consuming ? Owner::Consumed : Owner::Released;
      R.ReleasedAt = Line;
      R.ReleasedByPut = !Consuming;
      return;
    case Owner::Released:
    case Owner::Consumed:
      V.Overputs.insert(Consuming && R.ReleasedByPut ? R.ReleasedAt : Line);
      return;
    case Owner::Escaped:
      return;
    }
  }

  /// f or s goes out of scope: its cleanup puts what it holds. Released
  /// before, that is a second put, blamed on the first (the one to remove).
  void cleanup(State &S, int Var) {
    int Val = S.Vals[size_t(Var)];
    if (Val == Null)
      return;
    Ref &R = S.Refs[size_t(Val)];
    if (R.O == Owner::Released || R.O == Owner::Consumed)
      V.Overputs.insert(R.ReleasedAt);
    else if (R.O == Owner::Cleanup)
      R.O = Owner::Escaped;
  }

  /// References no variable holds any more are lost here; then the state is
  /// renumbered so equal futures have equal keys.
  void collect(State &S, unsigned Line) {
    std::vector<int> NewIdx(S.Refs.size(), Null);
    std::vector<Ref> Kept;
    for (int &Val : S.Vals) {
      if (Val == Null)
        continue;
      if (NewIdx[size_t(Val)] == Null) {
        NewIdx[size_t(Val)] = int(Kept.size());
        Kept.push_back(S.Refs[size_t(Val)]);
      }
      Val = NewIdx[size_t(Val)];
    }
    for (size_t I = 0; I < S.Refs.size(); ++I)
      if (NewIdx[I] == Null &&
          (S.Refs[I].O == Owner::Held || S.Refs[I].O == Owner::Cleanup))
        V.Leaks[Code[size_t(S.Refs[I].Site)].Line].insert(Line);
    S.Refs = std::move(Kept);
  }

  /// The call returns NULL on one path and a new reference on the other;
  /// Into is the variable that gets it (NoVar: nobody).
  void acquire(int Pc, State S, int Into, Owner O, bool CanSucceed) {
    unsigned Line = Code[size_t(Pc)].Line;
    State Failed = S;
    if (Into != NoVar)
      Failed.Vals[size_t(Into)] = Null;
    collect(Failed, Line);
    next(Pc + 1, std::move(Failed));
    if (!CanSucceed)
      return;
    S.Refs.push_back({Pc, O});
    if (Into != NoVar)
      S.Vals[size_t(Into)] = int(S.Refs.size() - 1);
    collect(S, Line);
    next(Pc + 1, std::move(S));
  }

  void branch(const Insn &I, State S) {
    bool IsNull = I.C.Var != NoVar && S.Vals[size_t(I.C.Var)] == Null;
    bool CanTrue = true, CanFalse = true;
    switch (I.C.K) {
    case Cond::Opaque:
      break;
    case Cond::IsNull:
    case Cond::EqNull:
    case Cond::IsErrOrNull:
      CanTrue = IsNull, CanFalse = !IsNull;
      break;
    case Cond::NotNull:
    case Cond::NeNull:
      CanTrue = !IsNull, CanFalse = IsNull;
      break;
    case Cond::NullOrOpaque:
      CanFalse = !IsNull;
      break;
    case Cond::NonNullAndOpaque:
      CanTrue = !IsNull;
      break;
    }
    if (CanTrue)
      next(I.True, S);
    if (CanFalse)
      next(I.False, std::move(S));
  }

  void leave(const Stmt &Ret, State S) {
    if (Ret.R == Stmt::Ret::Var || Ret.R == Stmt::Ret::ReturnPtr) {
      int Slot = Ret.R == Stmt::Ret::Var ? Ret.Var : FreeVar;
      int Val = S.Vals[size_t(Slot)];
      if (Val != Null)
        S.Refs[size_t(Val)].O = Owner::Escaped;
    }
    cleanup(S, ScopedVar);
    cleanup(S, FreeVar);
    S.Vals.fill(Null);
    collect(S, Ret.Line);
  }

  /// S's call: Into gets the new reference (NoVar: nobody does).
  void acquireBy(int Pc, const Stmt &St, State S, int Into,
                 Owner O = Owner::Held) {
    unsigned Line = Code[size_t(Pc)].Line;
    if (St.A == Api::FindByName && St.From != NoVar)
      release(S, S.Vals[size_t(St.From)], /*Consuming=*/true, Line);
    bool CanSucceed =
        St.A != Api::ParentOf || S.Vals[size_t(St.Var)] != Null;
    acquire(Pc, std::move(S), Into, O, CanSucceed);
  }

  void step(int Pc, State S) {
    const Insn &I = Code[size_t(Pc)];
    switch (I.O) {
    case Insn::Branch:
      return branch(I, std::move(S));
    case Insn::Jump:
      return next(I.True, std::move(S));
    case Insn::Acquire:
      return acquireBy(Pc, *I.S, std::move(S), I.Var);
    case Insn::FreeInit:
      return acquire(Pc, std::move(S), FreeVar, Owner::Cleanup, true);
    case Insn::IterInit:
    case Insn::IterStep: {
      Owner O = I.Var == ScopedVar ? Owner::Cleanup : Owner::Held;
      if (I.O == Insn::IterStep)
        release(S, S.Vals[size_t(I.Var)], /*Consuming=*/true, I.Line);
      return acquire(Pc, std::move(S), I.Var, O, true);
    }
    case Insn::Kill:
      if (I.Var == ScopedVar)
        cleanup(S, ScopedVar);
      S.Vals[size_t(I.Var)] = Null;
      collect(S, I.Line);
      return next(Pc + 1, std::move(S));
    case Insn::Do:
      break;
    }
    const Stmt &St = *I.S;
    auto Val = [&](int Var) { return S.Vals[size_t(Var)]; };
    switch (St.K) {
    case Stmt::Acquire:
      if (St.Dst == FreeVar)
        return acquireBy(Pc, St, std::move(S), St.Dst, Owner::Cleanup);
      return acquireBy(Pc, St, std::move(S), St.Dst);
    case Stmt::Discard:
      return acquireBy(Pc, St, std::move(S), NoVar);
    case Stmt::Put:
      release(S, Val(St.Var), /*Consuming=*/false, I.Line);
      break;
    case Stmt::Deref:
      if (Val(St.Var) == Null)
        return; // the path ends in an oops
      break;
    case Stmt::Copy:
      S.Vals[size_t(St.Dst)] = Val(St.Var);
      // f = a: f's cleanup will put what a held.
      if (St.Dst == FreeVar && Val(St.Var) != Null &&
          S.Refs[size_t(Val(St.Var))].O == Owner::Held)
        S.Refs[size_t(Val(St.Var))].O = Owner::Cleanup;
      collect(S, I.Line);
      break;
    case Stmt::Clear:
      S.Vals[size_t(St.Dst)] = Null;
      collect(S, I.Line);
      break;
    case Stmt::Store:
      if (Val(St.Var) != Null && S.Refs[size_t(Val(St.Var))].O == Owner::Held)
        S.Refs[size_t(Val(St.Var))].O = Owner::Escaped;
      break;
    case Stmt::Use:
      break;
    case Stmt::Return:
      return leave(St, std::move(S));
    default:
      break; // control flow is flattened away
    }
    next(Pc + 1, std::move(S));
  }
};

} // namespace

Verdict explorePaths(const Function &F) { return Explorer(F).run(); }

} // namespace devlife::oracle
