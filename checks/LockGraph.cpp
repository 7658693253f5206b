//===- LockGraph.cpp ------------------------------------------------------===//
#include "checks/LockGraph.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>

namespace devlife::locks {
namespace {

using namespace program;
using ClassId = unsigned;
constexpr ClassId NoClass = ~0u;
/// The longest chain (calls and barriers) a finding may rest on. Facts are
/// path-insensitive: a chain through the driver core's error paths
/// (device_add() -> bus_remove_device() -> ... -> flush_work()) is feasible
/// call by call and almost never as a whole; kernel deadlocks that lockdep
/// reports span a few calls on each side.
constexpr unsigned MaxDepth = 6;
/// Evidence beyond this many hops only repeats itself.
constexpr unsigned MaxHops = MaxDepth + 2;
/// Witnesses kept per order edge: enough to find one with no common gate.
constexpr size_t MaxEdgeWitnesses = 4;
/// Guessed calls an order's chain (or a chain from a held lock through a
/// barrier to its acquisition) may pass: calls through a field whose
/// targets are in more than one file. Such a call goes to any function
/// stored in that field of that struct type, which is a guess of which
/// driver's runs; two guesses in one chain rarely agree with each other
/// (spi-mem: the SPI core calls cs42l43's unprepare_transfer_hardware,
/// whose regmap write goes to regmap-spi's gather_write, though cs42l43's
/// regmap is on I2C or SoundWire). A state machine's own handlers, all in
/// its file (mpc52xx's ms->state), are no guess.
constexpr unsigned MaxGuessedCalls = 1;

/// A lock as the user thinks of it: `ctx->lock`, not the `&ctx->lock`
/// handed to mutex_lock().
std::string shown(llvm::StringRef Text) {
  Text.consume_front("&");
  return Text.str();
}

/// How a function reaches an acquisition (or a wait): the next hop.
struct Hop {
  /// Defined: an opaque barrier whose definition the program holds, which
  /// is followed like a call to that definition.
  enum Kind : uint8_t { Lock, Call, Barrier, Opaque, Defined } How = Lock;
  unsigned Index = 0;   // lock site, call or barrier of the function
  FnId Next = 0;        // callee or callback (Call, Barrier)
  ClassId NextClass = 0; // the class's name in Next ("@0" -> the lock)
  const Waited *Via = nullptr;
  unsigned Depth = 0; // hops from here to the acquisition (or the wait)
};

using Reached = std::unordered_map<ClassId, Hop>;

/// A point of some function where locks are held: a lock site, a call or
/// a barrier, and the class it reaches from there.
struct Site {
  FnId F = 0;
  Hop First; // from F
  ClassId Held = 0;  // the outer lock
  std::vector<ClassId> Gates;
};

} // namespace

struct LockGraph::Impl {
  const ProgramModel &M;
  llvm::StringMap<ClassId> Ids;
  std::vector<std::string> Names;
  std::vector<Reached> Reach, Waits;
  // Waited-for callbacks per (function, barrier), computed once.
  std::vector<std::vector<std::vector<Waited>>> WaitedBy;
  // Per (function, barrier): the definition of an opaque barrier, when the
  // program holds one. device_link_wait_removal() is opaque to a driver
  // alone; with drivers/base/core.c it is a flush of device_link_wq, whose
  // works the model knows.
  std::vector<std::vector<std::optional<FnId>>> DefinedBy;
  std::map<std::pair<ClassId, ClassId>, std::vector<Site>> Edges;
  size_t HeldBarrierSites = 0;
  ClassId OpaqueClass;

  std::set<std::string> Unvalidated;
  // Classes someone takes exclusively. One only ever read-locked
  // (srcu_read_lock) never makes a reader wait, so it closes no cycle.
  std::set<std::string> Exclusive;

  Impl(const ProgramModel &M, std::set<std::string> Unvalidated)
      : M(M), Unvalidated(std::move(Unvalidated)) {
    OpaqueClass = id("<opaque>");
    WaitedBy.resize(M.functions().size());
    DefinedBy.resize(M.functions().size());
    for (FnId F = 0; F < M.functions().size(); ++F)
      for (size_t B = 0; B < facts(F).Barriers.size(); ++B) {
        WaitedBy[F].push_back(M.waitedBy(F, B));
        DefinedBy[F].push_back(definitionOf(facts(F).Barriers[B]));
      }
    for (FnId F = 0; F < M.functions().size(); ++F)
      for (const LockSite &L : facts(F).Locks)
        if (!L.Shared)
          Exclusive.insert(L.Class);
    computeReach();
    computeEdges();
    computeWaits();
  }

  const FunctionFacts &facts(FnId F) const { return *M.functions()[F].Facts; }

  /// An opaque barrier API the program defines (an external function's key
  /// is its name). An opaque object (system_wq) stays opaque: its works are
  /// anyone's.
  std::optional<FnId> definitionOf(const BarrierSite &S) const {
    if (!S.Opaque || !S.Object.empty())
      return std::nullopt;
    return M.lookup(S.Api);
  }

  ClassId id(llvm::StringRef Name) {
    auto [It, New] = Ids.try_emplace(Name, Names.size());
    if (New)
      Names.push_back(Name.str());
    return It->second;
  }
  bool isParam(ClassId C) const { return Names[C].front() == '@'; }

  /// A callee's class as the caller sees it: "@N" is the caller's argument.
  ClassId atCall(ClassId C, const CallSite *Call) {
    if (!isParam(C))
      return C;
    if (!Call)
      return NoClass;
    unsigned N = std::stoul(Names[C].substr(1));
    if (N >= Call->ArgClasses.size() || Call->ArgClasses[N].empty())
      return NoClass;
    return id(Call->ArgClasses[N]);
  }

  // --- Reach: blocking acquisitions, through calls and barriers ----------

  struct Edge {
    FnId From;
    Hop How; // Call or Barrier, Next = the function reached
  };

  /// A wait for a complete() call: the "callback" is the whole function
  /// that signals, of which only what it holds at complete() matters. Good
  /// enough at the wait itself; through further waits, mostly noise.
  static bool signalled(const Waited &W) {
    return W.Bound && W.Bound->Callbacks.size() == 1 &&
           W.Bound->Callbacks[0] == W.Bound->InFunction;
  }

  /// A waiter for complete() is released by the complete() call: what
  /// the signalling function takes after it (mlx5e_tc_del_fdb_flow()
  /// completes del_hw_done, then takes encap_tbl_lock) never holds the
  /// waiter up. Source order in the function stands in for its paths.
  bool beforeSignal(const Waited &W, const Hop &H) const {
    if (!signalled(W))
      return true;
    SourcePoint At = where(W.Callback, H), Signal = W.Bound->Where;
    return At.File != Signal.File || At.Line < Signal.Line ||
           (At.Line == Signal.Line && At.Column <= Signal.Column);
  }

  std::vector<std::vector<Edge>> callersOf(bool ThroughBarriers) const {
    std::vector<std::vector<Edge>> In(M.functions().size());
    for (FnId F = 0; F < M.functions().size(); ++F) {
      for (size_t C = 0; C < facts(F).Calls.size(); ++C)
        for (FnId T : M.targets(F, C))
          In[T].push_back({F, {Hop::Call, unsigned(C), T, 0, nullptr}});
      for (size_t B = 0; B < DefinedBy[F].size(); ++B)
        if (auto D = DefinedBy[F][B])
          In[*D].push_back({F, {Hop::Defined, unsigned(B), *D, 0, nullptr}});
      if (!ThroughBarriers)
        continue;
      for (size_t B = 0; B < WaitedBy[F].size(); ++B)
        for (const Waited &W : WaitedBy[F][B])
          if (!signalled(W))
            In[W.Callback].push_back({F, {Hop::Barrier, unsigned(B), W.Callback, 0, &W}});
    }
    return In;
  }

  /// Grows Sets along Callers until nothing changes. The first hop found for
  /// a class is kept: it points to a function that had the class earlier,
  /// so following hops always ends.
  void propagate(std::vector<Reached> &Sets,
                 const std::vector<std::vector<Edge>> &Callers) {
    std::deque<FnId> Work;
    std::vector<bool> Queued(Sets.size(), false);
    for (FnId F = 0; F < Sets.size(); ++F)
      if (!Sets[F].empty()) {
        Work.push_back(F);
        Queued[F] = true;
      }
    while (!Work.empty()) {
      FnId G = Work.front();
      Work.pop_front();
      Queued[G] = false;
      std::vector<ClassId> Classes; // a copy: Sets[G] may grow below
      for (const auto &[C, H] : Sets[G])
        Classes.push_back(C);
      std::sort(Classes.begin(), Classes.end());
      for (const Edge &E : Callers[G]) {
        const CallSite *Call = E.How.How == Hop::Call
                                   ? &facts(E.From).Calls[E.How.Index]
                                   : nullptr;
        bool Grew = false;
        for (ClassId C : Classes) {
          ClassId Mapped = atCall(C, Call);
          unsigned Depth = Sets[G].at(C).Depth + 1;
          if (Mapped == NoClass || Depth > MaxDepth)
            continue;
          auto Old = Sets[E.From].find(Mapped);
          // A shorter chain replaces a longer one: the bound is on the
          // shortest, and explanations read better short.
          if (Old != Sets[E.From].end() && Old->second.Depth <= Depth)
            continue;
          Hop H = E.How;
          H.NextClass = C;
          H.Depth = Depth;
          Sets[E.From][Mapped] = H;
          Grew = true;
        }
        if (Grew && !Queued[E.From]) {
          Work.push_back(E.From);
          Queued[E.From] = true;
        }
      }
    }
  }

  void computeReach() {
    Reach.resize(M.functions().size());
    for (FnId F = 0; F < M.functions().size(); ++F) {
      const auto &Locks = facts(F).Locks;
      for (size_t L = 0; L < Locks.size(); ++L)
        if (!Locks[L].Try && !Unvalidated.count(Locks[L].Class)) // a trylock never waits
          Reach[F].emplace(id(Locks[L].Class), Hop{Hop::Lock, unsigned(L), F, 0, nullptr});
    }
    propagate(Reach, callersOf(/*ThroughBarriers=*/true));
  }

  // --- the order graph ----------------------------------------------------

  std::vector<ClassId> heldClasses(const std::vector<HeldLock> &Held) {
    std::vector<ClassId> Out;
    for (const HeldLock &H : Held)
      Out.push_back(id(H.Class));
    return Out;
  }

  /// The functions a hop's chain of calls and waits passes through, down to
  /// its acquisition.
  std::vector<FnId> chainFrom(Hop H) const {
    std::vector<FnId> Out;
    while (Out.size() < MaxHops && H.How != Hop::Lock && H.How != Hop::Opaque) {
      Out.push_back(H.Next);
      auto It = Reach[H.Next].find(H.NextClass);
      if (It == Reach[H.Next].end())
        break;
      H = It->second;
    }
    return Out;
  }

  /// Whether the chain from F's hop First passes through F again.
  /// gpio-aggregator's forwarder holds its lock while calling gpiolib, which
  /// calls a chip's ops, which may be another forwarder: the lock taken
  /// there is another instance's, and an order between two instances of one
  /// function is no order of the program.
  bool reentersItself(FnId F, Hop First) const {
    FnId Self = M.original(F);
    return llvm::any_of(chainFrom(First),
                        [&](FnId G) { return M.original(G) == Self; });
  }

  /// Whether a call's targets are in more than one file.
  bool guessed(FnId F, unsigned Call) const {
    const std::vector<FnId> &Ts = M.targets(F, Call);
    return llvm::any_of(Ts, [&](FnId T) {
      return M.functions()[T].TU != M.functions()[Ts.front()].TU;
    });
  }

  /// The guessed calls on the chain from F's hop H down to its acquisition,
  /// walked through Sets up to a barrier and through Reach after it.
  unsigned guessedCalls(FnId F, Hop H, const std::vector<Reached> *Sets) const {
    unsigned N = 0;
    for (unsigned I = 0; I < MaxHops && H.How != Hop::Lock && H.How != Hop::Opaque; ++I) {
      if (H.How == Hop::Call && guessed(F, H.Index))
        ++N;
      if (H.How == Hop::Barrier)
        Sets = &Reach;
      F = H.Next;
      auto It = (*Sets)[F].find(H.NextClass);
      if (It == (*Sets)[F].end())
        break;
      H = It->second;
    }
    return N;
  }

  /// Whether a class names one lock: a global, not a field of some
  /// struct (many instances), an array's elements or a caller's argument.
  bool singleInstance(ClassId C) const {
    llvm::StringRef Name = Names[C];
    size_t Scope = Name.rfind("::");
    if (Scope != llvm::StringRef::npos)
      Name = Name.drop_front(Scope + 2); // "drivers/base/core.c::" has dots
    return !isParam(C) && !Name.starts_with("struct ") &&
           !Name.starts_with("union ") && !Name.contains('.');
  }

  void addEdges(FnId F, const std::vector<HeldLock> &Held, ClassId Inner,
                Hop First) {
    if (reentersItself(F, First) || guessedCalls(F, First, &Reach) > MaxGuessedCalls)
      return;
    std::vector<ClassId> HeldIds = heldClasses(Held);
    // A chain that takes again a global lock already held here would
    // deadlock on that lock alone: it is no order between two locks, and in
    // code that runs it is a path that cannot happen (device_link_add()
    // holds device_links_lock across device_register() of the link's own
    // device, whose fw_devlink step, which takes device_links_lock again,
    // runs only for a device with a firmware node).
    if (singleInstance(Inner) && llvm::is_contained(HeldIds, Inner))
      return;
    for (ClassId Outer : HeldIds) {
      if (Outer == Inner || isParam(Outer) || isParam(Inner) ||
          Unvalidated.count(Names[Outer]) || Unvalidated.count(Names[Inner]))
        continue;
      std::vector<Site> &W = Edges[{Outer, Inner}];
      std::vector<ClassId> Gates;
      for (ClassId G : HeldIds)
        if (G != Outer)
          Gates.push_back(G);
      std::sort(Gates.begin(), Gates.end());
      // One witness per gate set: the shortest chain, which is the one a
      // reader can check (mv88e6xxx's mdio read, not a serdes statistic
      // eight calls away through other chips' ops).
      auto Same = std::find_if(W.begin(), W.end(), [&](const Site &S) {
        return S.Gates == Gates;
      });
      if (Same == W.end() && W.size() < MaxEdgeWitnesses)
        W.push_back({F, First, Outer, std::move(Gates)});
      else if (Same != W.end() &&
               chainFrom(First).size() < chainFrom(Same->First).size())
        *Same = {F, First, Outer, std::move(Gates)};
    }
  }

  void computeEdges() {
    for (FnId F = 0; F < M.functions().size(); ++F) {
      if (M.isSpecialisation(F) || M.neverRuns(F))
        continue; // its sites are its original's, or never reached
      const FunctionFacts &Fn = facts(F);
      for (size_t L = 0; L < Fn.Locks.size(); ++L)
        if (!Fn.Locks[L].Try && !Fn.Locks[L].Held.empty())
          addEdges(F, Fn.Locks[L].Held, id(Fn.Locks[L].Class),
                   {Hop::Lock, unsigned(L), F, 0, nullptr});
      for (size_t C = 0; C < Fn.Calls.size(); ++C) {
        if (Fn.Calls[C].Held.empty())
          continue;
        for (FnId T : M.targets(F, C))
          for (const auto &[Cls, _] : sortedReach(T)) {
            ClassId Mapped = atCall(Cls, &Fn.Calls[C]);
            if (Mapped != NoClass)
              addEdges(F, Fn.Calls[C].Held, Mapped,
                       {Hop::Call, unsigned(C), T, Cls, nullptr});
          }
      }
      for (size_t B = 0; B < Fn.Barriers.size(); ++B) {
        if (Fn.Barriers[B].Held.empty())
          continue;
        if (auto D = DefinedBy[F][B])
          for (const auto &[Cls, _] : sortedReach(*D))
            if (!isParam(Cls))
              addEdges(F, Fn.Barriers[B].Held, Cls,
                       {Hop::Defined, unsigned(B), *D, Cls, nullptr});
        for (const Waited &W : WaitedBy[F][B])
          for (const auto &[Cls, R] : sortedReach(W.Callback))
            if (!isParam(Cls) && beforeSignal(W, R))
              addEdges(F, Fn.Barriers[B].Held, Cls,
                       {Hop::Barrier, unsigned(B), W.Callback, Cls, &W});
      }
    }
  }

  std::vector<std::pair<ClassId, Hop>> sortedReach(FnId F) const {
    std::vector<std::pair<ClassId, Hop>> Out(Reach[F].begin(), Reach[F].end());
    std::sort(Out.begin(), Out.end(),
              [](const auto &A, const auto &B) { return A.first < B.first; });
    return Out;
  }

  // --- Waits: what the callbacks a function waits for take ---------------

  void computeWaits() {
    Waits.resize(M.functions().size());
    for (FnId F = 0; F < M.functions().size(); ++F)
      for (size_t B = 0; B < facts(F).Barriers.size(); ++B)
        addBarrierWaits(F, B, Waits[F]);
    propagate(Waits, callersOf(/*ThroughBarriers=*/false));
  }

  /// The classes barrier B of F may wait for someone to take.
  void addBarrierWaits(FnId F, size_t B, Reached &Into) const {
    const BarrierSite &S = facts(F).Barriers[B];
    if (auto D = DefinedBy[F][B]) {
      // What its definition waits for (the rest arrives by propagation).
      for (const auto &[Cls, R] : Waits[*D])
        if (!isParam(Cls) && R.Depth < MaxDepth)
          Into.emplace(Cls, Hop{Hop::Defined, unsigned(B), *D, Cls, nullptr,
                                R.Depth + 1});
      return;
    }
    if (S.Opaque)
      Into.emplace(OpaqueClass, Hop{Hop::Opaque, unsigned(B), F, 0, nullptr});
    if (S.Readers)
      addReaderWaits(B, S.Object, Into);
    for (const Waited &W : WaitedBy[F][B])
      for (const auto &[Cls, R] : sortedReach(W.Callback))
        if (!isParam(Cls) && R.Depth < MaxDepth && beforeSignal(W, R) &&
            !llvm::is_contained(S.Dropped, Names[Cls]))
          Into.emplace(Cls, Hop{Hop::Barrier, unsigned(B), W.Callback, Cls, &W,
                                R.Depth + 1});
  }

  /// synchronize_srcu(ssp) waits for every read section of ssp: a class
  /// taken while ssp is read-held is one it may wait for.
  void addReaderWaits(size_t B, const std::string &Readers, Reached &Into) const {
    auto R = Ids.find(Readers);
    if (Readers.empty() || R == Ids.end())
      return;
    for (const auto &[Pair, Sites] : Edges)
      if (Pair.first == R->second && !Sites.empty())
        Into.emplace(Pair.second, Hop{Hop::Barrier, unsigned(B), Sites.front().F,
                                      Pair.second, nullptr});
  }

  // --- explanations, built only for what is reported ---------------------

  SourcePoint where(FnId F, const Hop &H) const {
    const FunctionFacts &Fn = facts(F);
    switch (H.How) {
    case Hop::Lock:
      return Fn.Locks[H.Index].Where;
    case Hop::Call:
      return Fn.Calls[H.Index].Where;
    case Hop::Barrier:
    case Hop::Opaque:
    case Hop::Defined:
      return Fn.Barriers[H.Index].Where;
    }
    return {};
  }

  std::string name(FnId F) const { return facts(F).Name + "()"; }

  std::string barrierText(const BarrierSite &B) const {
    return B.Api + "(" + B.Text + ")";
  }

  /// Steps from F's hop H down to the acquisition (or the wait) it leads to.
  void follow(FnId F, Hop H, const std::vector<Reached> *Sets,
              std::vector<PathStep> &Out) const {
    for (unsigned N = 0; N < MaxHops; ++N) {
      const FunctionFacts &Fn = facts(F);
      switch (H.How) {
      case Hop::Lock:
        Out.push_back({Fn.Locks[H.Index].Where,
                       name(F) + " takes '" + shown(Fn.Locks[H.Index].Text) + "' here"});
        return;
      case Hop::Opaque:
        Out.push_back({Fn.Barriers[H.Index].Where,
                       Fn.Barriers[H.Index].Api +
                           "() waits for work no analysis can see"});
        return;
      case Hop::Call:
        Out.push_back({Fn.Calls[H.Index].Where,
                       name(F) + " calls " + name(H.Next)});
        break;
      case Hop::Defined:
        Out.push_back({Fn.Barriers[H.Index].Where,
                       name(F) + " calls " + name(H.Next)});
        break;
      case Hop::Barrier:
        Out.push_back({Fn.Barriers[H.Index].Where,
                       barrierText(Fn.Barriers[H.Index]) + " waits for " +
                           name(H.Next)});
        if (H.Via && H.Via->Queued)
          Out.push_back({H.Via->Queued->Where,
                         "the work is queued on " + H.Via->Queued->Text + " here"});
        if (H.Via && H.Via->Bound)
          Out.push_back({H.Via->Bound->Where, name(H.Next) + " is bound to " +
                                                  H.Via->Bound->Text + " here"});
        // From a barrier on, the callback's acquisitions are what matter.
        Sets = &Reach;
        break;
      }
      auto It = (*Sets)[H.Next].find(H.NextClass);
      if (It == (*Sets)[H.Next].end())
        return;
      F = H.Next;
      H = It->second;
    }
  }

  const HeldLock *heldEntry(FnId F, const Hop &At, ClassId C) const {
    const FunctionFacts &Fn = facts(F);
    const std::vector<HeldLock> &Held =
        At.How == Hop::Lock   ? Fn.Locks[At.Index].Held
        : At.How == Hop::Call ? Fn.Calls[At.Index].Held
                              : Fn.Barriers[At.Index].Held;
    for (const HeldLock &H : Held)
      if (Names[C] == H.Class)
        return &H;
    return nullptr;
  }

  std::vector<PathStep> flow(const Site &S, const std::vector<Reached> &Sets) const {
    std::vector<PathStep> Out;
    if (const HeldLock *H = heldEntry(S.F, S.First, S.Held))
      Out.push_back({H->Acquired, "'" + shown(H->Text) + "' is taken here"});
    follow(S.F, S.First, &Sets, Out);
    return Out;
  }

  // --- lock held across a barrier ----------------------------------------

  /// For each point where a class is held and the program may wait for a
  /// callback that takes it (or for work nobody can see): the first hop.
  void acrossBarrier(FnId F, std::vector<Finding> &Out) const {
    const FunctionFacts &Fn = facts(F);
    auto check = [&](const std::vector<HeldLock> &Held, Hop First,
                     const Reached &Waited, const CallSite *Call) {
      for (const HeldLock &H : Held) {
        // A read side (srcu_read_lock, down_read) is what readers share;
        // an unvalidated class is nested by design, yet still worth the
        // note across a wait nobody can see.
        if (H.Shared)
          continue;
        auto C = Ids.find(H.Class); // a class nobody takes is not interned
        const Hop *W = C == Ids.end() || Unvalidated.count(H.Class)
                           ? nullptr
                           : find(Waited, C->second, Call);
        if (W) {
          if (guessedOnWay(F, First, *W) <= MaxGuessedCalls)
            Out.push_back(acrossFinding(F, First, *W, H, false));
        } else if (H.Sleeps) {
          if (const Hop *W = find(Waited, OpaqueClass, Call))
            Out.push_back(acrossFinding(F, First, *W, H, true));
        }
      }
    };
    for (size_t B = 0; B < Fn.Barriers.size(); ++B) {
      if (Fn.Barriers[B].Held.empty())
        continue;
      if (auto D = DefinedBy[F][B])
        check(Fn.Barriers[B].Held, {Hop::Defined, unsigned(B), *D, 0, nullptr},
              Waits[*D], nullptr);
      else
        check(Fn.Barriers[B].Held, {Hop::Barrier, unsigned(B), F, 0, nullptr},
              barrierWaits(F, B), nullptr);
    }
    for (size_t C = 0; C < Fn.Calls.size(); ++C)
      if (!Fn.Calls[C].Held.empty())
        for (FnId T : M.targets(F, C))
          check(Fn.Calls[C].Held, {Hop::Call, unsigned(C), T, 0, nullptr},
                Waits[T], &Fn.Calls[C]);
  }

  /// The guessed calls from F's first hop through the wait W down to the
  /// acquisition. A call like amdgpu's ring->funcs->begin_use goes to every
  /// IP block's begin_use, so a gfx ring may seem to wait for UVD's idle
  /// work; a second such call under that work rarely agrees with the first.
  unsigned guessedOnWay(FnId F, Hop First, const Hop &W) const {
    if (First.How != Hop::Call && First.How != Hop::Defined)
      return guessedCalls(F, W, &Waits);
    unsigned Own = First.How == Hop::Call && guessed(F, First.Index);
    return Own + guessedCalls(First.Next, W, &Waits);
  }

  /// What barrier B of F waits for, alone (Waits[F] mixes all of F's).
  Reached barrierWaits(FnId F, size_t B) const {
    Reached R;
    addBarrierWaits(F, B, R);
    return R;
  }

  /// The hop for held class C in a callee's set, seen through the call's
  /// parameters ("@0" in the callee is the caller's argument 0).
  const Hop *find(const Reached &Set, ClassId C, const CallSite *Call) const {
    auto It = Set.find(C);
    if (It != Set.end())
      return &It->second;
    if (!Call)
      return nullptr;
    for (size_t A = 0; A < Call->ArgClasses.size(); ++A)
      if (Call->ArgClasses[A] == Names[C]) {
        auto P = Ids.find("@" + std::to_string(A));
        if (P != Ids.end())
          if (auto It2 = Set.find(P->second); It2 != Set.end())
            return &It2->second;
      }
    return nullptr;
  }

  Finding acrossFinding(FnId F, Hop First, const Hop &W, const HeldLock &H,
                        bool Opaque) const {
    const FunctionFacts &Fn = facts(F);
    Finding R;
    R.RuleId = AcrossBarrierRule;
    R.Function = Fn.Name;
    R.Where = where(F, First);
    R.Severity = Opaque ? Level::Note : Level::Warning;
    std::string Waiter = First.How == Hop::Barrier
                             ? barrierText(Fn.Barriers[First.Index])
                             : "the call to " + name(First.Next);
    R.Message = Opaque ? "'" + shown(H.Text) + "' is held across " + Waiter +
                             ", which waits for work devlife cannot resolve "
                             "statically; if that work takes the lock, "
                             "neither side ends"
                       : "'" + shown(H.Text) + "' is held across " + Waiter +
                             ", which waits for a callback that takes the "
                             "same lock: neither side ends";
    R.Path.push_back({H.Acquired, "'" + shown(H.Text) + "' is taken here"});
    if (First.How == Hop::Call || First.How == Hop::Defined) {
      R.Path.push_back({R.Where, Fn.Name + "() calls " + name(First.Next) +
                                     " with the lock held"});
      follow(First.Next, W, &Waits, R.Path);
    } else {
      follow(F, W, &Waits, R.Path);
    }
    return R;
  }

  // --- lock-order inversions ----------------------------------------------

  static bool disjoint(const std::vector<ClassId> &A,
                       const std::vector<ClassId> &B) {
    for (ClassId X : A)
      if (std::binary_search(B.begin(), B.end(), X))
        return false;
    return true;
  }

  /// Witnesses of each edge with no gate common to all of them.
  std::optional<std::vector<const Site *>>
  ungated(const std::vector<const std::vector<Site> *> &Cycle) const {
    std::vector<const Site *> Pick;
    std::function<bool(size_t, std::vector<ClassId>)> Try =
        [&](size_t I, std::vector<ClassId> Common) -> bool {
      if (I == Cycle.size())
        return Common.empty();
      for (const Site &S : *Cycle[I]) {
        std::vector<ClassId> Next;
        if (I == 0)
          Next = S.Gates;
        else
          std::set_intersection(Common.begin(), Common.end(), S.Gates.begin(),
                                S.Gates.end(), std::back_inserter(Next));
        Pick.push_back(&S);
        if (Try(I + 1, Next))
          return true;
        Pick.pop_back();
      }
      return false;
    };
    if (!Try(0, {}))
      return std::nullopt;
    return Pick;
  }

  Finding orderFinding(const std::vector<const Site *> &Sites,
                       const std::vector<ClassId> &Cycle) const {
    std::vector<size_t> Order(Sites.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    auto at = [&](size_t I) { return where(Sites[I]->F, Sites[I]->First); };
    std::sort(Order.begin(), Order.end(),
              [&](size_t A, size_t B) { return at(A) < at(B); });
    Finding R;
    R.RuleId = OrderInversionRule;
    const Site &First = *Sites[Order[0]];
    R.Where = at(Order[0]);
    R.Function = facts(First.F).Name;
    std::string Chain;
    for (ClassId C : Cycle)
      Chain += text(C) + " -> ";
    Chain += text(Cycle.front());
    R.Message = Cycle.size() == 2
                    ? "lock order inversion: '" + text(First.Held) +
                          "' is held while this takes '" +
                          text(innerOf(First)) +
                          "', and elsewhere the two are taken in the other "
                          "order"
                    : "lock order cycle: " + Chain;
    R.Path = flow(First, Reach);
    for (size_t K = 1; K < Order.size(); ++K) {
      const Site &S = *Sites[Order[K]];
      R.Related.push_back({at(Order[K]), std::string(Cycle.size() == 2
                                                         ? "also taken in the other order here: '"
                                                         : "also in this cycle: '") +
                                             text(S.Held) +
                                             "' is held here while '" +
                                             text(innerOf(S)) + "' is taken"});
      R.OtherFlows.push_back(flow(S, Reach));
    }
    return R;
  }

  ClassId innerOf(const Site &S) const {
    for (const auto &[Pair, Sites] : Edges)
      for (const Site &W : Sites)
        if (&W == &S)
          return Pair.second;
    return S.Held;
  }

  /// How a class is written in the code: the text of one place holding it.
  std::string text(ClassId C) const {
    for (const auto &[Pair, Sites] : Edges)
      if (Pair.first == C && !Sites.empty())
        if (const HeldLock *H = heldEntry(Sites.front().F, Sites.front().First, C))
          return shown(H->Text);
    return Names[C];
  }

  std::vector<Finding> inversions() const {
    std::vector<Finding> Out;
    std::map<ClassId, std::set<ClassId>> Succ;
    for (const auto &[Pair, Sites] : Edges)
      if (Exclusive.count(Names[Pair.first]) && Exclusive.count(Names[Pair.second]))
        Succ[Pair.first].insert(Pair.second);
    auto edge = [&](ClassId A, ClassId B) -> const std::vector<Site> * {
      auto It = Edges.find({A, B});
      return It == Edges.end() ? nullptr : &It->second;
    };
    auto before = [&](ClassId A, ClassId B) { return Names[A] < Names[B]; };
    for (const auto &[A, Bs] : Succ)
      for (ClassId B : Bs) {
        if (!before(A, B) || !edge(B, A))
          continue;
        if (auto Sites = ungated({edge(A, B), edge(B, A)}))
          Out.push_back(orderFinding(*Sites, {A, B}));
      }
    // Three locks in a ring, none of whose pairs is an inversion itself.
    for (const auto &[A, Bs] : Succ)
      for (ClassId B : Bs) {
        if (!before(A, B) || edge(B, A))
          continue;
        auto SB = Succ.find(B);
        if (SB == Succ.end())
          continue;
        for (ClassId C : SB->second)
          if (C != A && before(A, C) && edge(C, A) && !edge(C, B) &&
              !edge(A, C))
            if (auto Sites = ungated({edge(A, B), edge(B, C), edge(C, A)}))
              Out.push_back(orderFinding(*Sites, {A, B, C}));
      }
    return Out;
  }
};

LockGraph::LockGraph(const ProgramModel &Model,
                     std::set<std::string> Unvalidated)
    : P(std::make_unique<Impl>(Model, std::move(Unvalidated))) {}
LockGraph::~LockGraph() = default;

std::vector<Finding> LockGraph::acrossBarrierFindings() const {
  std::vector<Finding> Out;
  for (FnId F = 0; F < P->M.functions().size(); ++F)
    if (!P->M.isSpecialisation(F) && !P->M.neverRuns(F))
      P->acrossBarrier(F, Out);
  // One finding per place and lock, whichever callback shows it.
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end(), sameFinding), Out.end());
  return Out;
}

std::vector<Finding> LockGraph::orderInversionFindings() const {
  return P->inversions();
}

LockGraphStats LockGraph::stats() const {
  LockGraphStats S;
  S.Functions = P->M.functions().size();
  S.Classes = P->Names.size();
  S.OrderEdges = P->Edges.size();
  return S;
}

} // namespace devlife::locks
