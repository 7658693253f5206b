//===- LockOracle.cpp - The lock verdict of a generated program -----------===//
#include "tests/oracle/LockOracle.h"

#include <cstdint>
#include <map>
#include <vector>

namespace devlife::oracle {
namespace {

/// A state: bit L set while lock L is held. A set of states: bit S set when
/// state S is reached.
using State = unsigned;
using States = uint32_t;
constexpr unsigned NumStates = 1u << NumLocks;
static_assert(NumStates <= 32, "a set of states is a 32-bit mask");

States single(State S) { return States(1) << S; }

template <typename Fn> States mapStates(States In, Fn F) {
  States Out = 0;
  for (State S = 0; S < NumStates; ++S)
    if (In & single(S))
      Out |= single(F(S));
  return Out;
}

States acquire(States In, int Lock) {
  return mapStates(In, [&](State S) { return S | (1u << Lock); });
}

States release(States In, unsigned Locks) {
  return mapStates(In, [&](State S) { return S & ~Locks; });
}

/// The locks held in every state of In (none reached: none).
unsigned mustHeld(States In) {
  unsigned Must = NumStates - 1;
  bool Any = false;
  for (State S = 0; S < NumStates; ++S)
    if (In & single(S)) {
      Must &= S;
      Any = true;
    }
  return Any ? Must : 0;
}

/// The ways out of a statement or a list, each with its states.
struct Exits {
  States Fall = 0, Break = 0, Continue = 0, Return = 0;
  std::map<int, States> Goto;

  void addJumps(const Exits &E, unsigned Released) {
    Break |= release(E.Break, Released);
    Continue |= release(E.Continue, Released);
    Return |= release(E.Return, Released);
    for (const auto &[L, S] : E.Goto)
      Goto[L] |= release(S, Released);
  }
};

/// One function's statements with the states that reached each.
class Interpreter {
public:
  std::map<const LockStmt *, States> Reached;

  void function(const LockFunction &F) {
    Exits X = list(F.Body, single(0));
    States Fall = X.Fall;
    for (size_t L = 0; L < F.Labels.size(); ++L) {
      auto It = X.Goto.find(int(L));
      States In = Fall | (It == X.Goto.end() ? 0 : It->second);
      for (const LockStmt &S : F.Labels[L].Stmts)
        In = stmt(S, In).Fall;
      Fall = In;
    }
  }

private:
  /// A braced list is a scope: whatever leaves it releases its guards.
  Exits list(const std::vector<LockStmt> &L, States In) {
    Exits Out;
    unsigned Guards = 0;
    for (const LockStmt &S : L) {
      Exits E = stmt(S, In);
      Out.addJumps(E, Guards);
      if (S.K == LockStmt::Guard)
        Guards |= 1u << S.Which;
      In = E.Fall;
    }
    Out.Fall = release(In, Guards);
    return Out;
  }

  void reach(const LockStmt &S, States In) { Reached[&S] |= In; }

  Exits fall(States S) {
    Exits E;
    E.Fall = S;
    return E;
  }

  Exits branches(const LockStmt &S, States ThenIn, States ElseIn) {
    Exits T = list(S.Then, ThenIn);
    Exits E = S.Else.empty() ? fall(ElseIn) : list(S.Else, ElseIn);
    T.Fall |= E.Fall;
    T.addJumps(E, 0);
    return T;
  }

  Exits stmt(const LockStmt &S, States In) {
    if (!In)
      return {};
    reach(S, In);
    switch (S.K) {
    case LockStmt::Lock:
    case LockStmt::Guard:
    case LockStmt::LockVia:
      return fall(acquire(In, S.Which));
    case LockStmt::Unlock:
    case LockStmt::UnlockVia:
      return fall(release(In, 1u << S.Which));
    case LockStmt::Touch:
    case LockStmt::Barrier:
    case LockStmt::Sync:
      return fall(In);
    case LockStmt::Break: {
      Exits E;
      E.Break = In;
      return E;
    }
    case LockStmt::Continue: {
      Exits E;
      E.Continue = In;
      return E;
    }
    case LockStmt::Return: {
      Exits E;
      E.Return = In;
      return E;
    }
    case LockStmt::Goto: {
      Exits E;
      E.Goto[S.Label] = In;
      return E;
    }
    case LockStmt::If:
      return branches(S, In, In);
    case LockStmt::TryIf:
      return branches(S, acquire(In, S.Which), In);
    case LockStmt::TryFailIf: {
      Exits E = list(S.Then, In);
      E.Fall |= acquire(In, S.Which);
      return E;
    }
    case LockStmt::IntrIf: {
      // Non-zero is the failure: the lock is held after the `if` only.
      Exits E = list(S.Then, In);
      E.Fall |= acquire(In, S.Which);
      return E;
    }
    case LockStmt::While: {
      States Head = In;
      Exits Body;
      for (;;) {
        Body = list(S.Then, Head);
        States Next = In | Body.Fall | Body.Continue;
        if (Next == Head)
          break;
        Head = Next;
      }
      Exits E;
      E.Fall = Head | Body.Break;
      E.addJumps(Body, 0);
      E.Break = E.Continue = 0;
      return E;
    }
    case LockStmt::ScopedGuard: {
      // Its body runs once with the lock, released on every way out.
      Exits Body = list(S.Then, acquire(In, S.Which));
      Exits E;
      E.Fall = release(Body.Fall, 1u << S.Which);
      E.addJumps(Body, 1u << S.Which);
      return E;
    }
    case LockStmt::Block:
      return list(S.Then, In);
    }
    return {};
  }
};

bool blocksOn(const LockStmt &S) {
  switch (S.K) {
  case LockStmt::Lock:
  case LockStmt::Guard:
  case LockStmt::ScopedGuard:
  case LockStmt::IntrIf:
  case LockStmt::Touch:
  case LockStmt::LockVia:
    return true;
  default:
    return false;
  }
}

bool waits(const LockStmt &S) {
  return S.K == LockStmt::Barrier || S.K == LockStmt::Sync;
}

using Edges = std::map<std::pair<int, int>, std::set<unsigned>>; // gates

/// Witnesses of each edge of the ring that share no gate.
bool ungated(const Edges &E, const std::vector<std::pair<int, int>> &Ring) {
  unsigned All = NumStates - 1;
  std::vector<unsigned> Pick;
  auto Try = [&](auto &&Self, size_t I, unsigned Common) -> bool {
    if (I == Ring.size())
      return Common == 0;
    for (unsigned G : E.at(Ring[I]))
      if (Self(Self, I + 1, Common & G))
        return true;
    return false;
  };
  return Try(Try, 0, All);
}

std::string ring(std::initializer_list<int> Locks) {
  std::string S;
  for (int L : Locks)
    S += char('a' + L);
  return S;
}

void findOrders(const Edges &E, LockVerdict &V) {
  auto edge = [&](int A, int B) { return E.count({A, B}) != 0; };
  for (int A = 0; A < NumLocks; ++A)
    for (int B = A + 1; B < NumLocks; ++B)
      if (edge(A, B) && edge(B, A) && ungated(E, {{A, B}, {B, A}}))
        V.Orders.insert(ring({A, B}));
  for (int A = 0; A < NumLocks; ++A)
    for (int B = 0; B < NumLocks; ++B)
      for (int C = A + 1; C < NumLocks; ++C) {
        if (B == A || B == C || !edge(A, B) || edge(B, A) || !edge(B, C) ||
            !edge(C, A) || edge(C, B) || edge(A, C))
          continue;
        // The ring is read from its smallest lock (A < B is devlife's
        // order of names for the first edge; A < C for the last).
        if (A < B && ungated(E, {{A, B}, {B, C}, {C, A}}))
          V.Orders.insert(ring({A, B, C}));
      }
}

} // namespace

LockVerdict exploreLockPaths(const LockProgram &P) {
  LockVerdict V;
  std::vector<Interpreter> Fns(P.Fns.size());
  for (size_t I = 0; I < P.Fns.size(); ++I)
    Fns[I].function(P.Fns[I]);

  unsigned WorkReach = 0;
  for (const auto &[S, In] : Fns[0].Reached)
    if (blocksOn(*S))
      WorkReach |= 1u << S->Which;

  Edges E;
  for (const Interpreter &F : Fns)
    for (const auto &[S, In] : F.Reached) {
      ++V.Sites;
      V.States += unsigned(__builtin_popcount(In));
      unsigned Held = mustHeld(In);
      unsigned Inner = blocksOn(*S) ? 1u << S->Which : waits(*S) ? WorkReach : 0;
      for (int Y = 0; Y < NumLocks; ++Y) {
        if (!(Held & (1u << Y)))
          continue;
        if (waits(*S) && (WorkReach & (1u << Y)))
          V.HeldAcross.insert({S->Line, Y});
        for (int X = 0; X < NumLocks; ++X)
          if (X != Y && (Inner & (1u << X)))
            E[{Y, X}].insert(Held & ~(1u << Y));
      }
    }
  findOrders(E, V);
  return V;
}

} // namespace devlife::oracle
