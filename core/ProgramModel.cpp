//===- ProgramModel.cpp ---------------------------------------------------===//
#include "core/ProgramModel.h"

#include "llvm/ADT/STLExtras.h"
#include <deque>
#include <set>

namespace devlife::program {

bool sameObject(llvm::StringRef A, llvm::StringRef B) {
  if (A.size() > B.size())
    std::swap(A, B);
  return B.starts_with(A) && (B.size() == A.size() || B[A.size()] == '.');
}

ProgramModel::ProgramModel(const std::vector<const TUFacts *> &TUs,
                           ModelOptions Opts) {
  Parsed.resize(TUs.size());
  for (size_t I = 0; I < TUs.size(); ++I) {
    TUFiles.push_back(TUs[I]->File);
    std::optional<nlohmann::json> S = TUs[I]->section("program");
    if (!S)
      continue;
    try {
      S->get_to(Parsed[I]);
    } catch (const nlohmann::json::exception &E) {
      Problems.push_back(TUs[I]->File + ": program facts unreadable: " +
                         E.what());
      Parsed[I] = {};
    }
  }
  for (size_t I = 0; I < Parsed.size(); ++I)
    addFunctions(Parsed[I], I);
  resolveCalls(Opts);
  findNeverRun(Opts);
  specialiseKeyedCalls();
  specialiseConstantCalls();
}

namespace {

/// Which of a callee's calls, then barriers, constants cut off.
std::vector<bool> cutBy(const FunctionFacts &Callee,
                        const std::vector<std::optional<long long>> &Constants) {
  std::vector<bool> Cut;
  for (const CallSite &S : Callee.Calls)
    Cut.push_back(contradicts(S.Guards, Constants));
  for (const BarrierSite &S : Callee.Barriers)
    Cut.push_back(contradicts(S.Guards, Constants));
  return Cut;
}

/// The constants a call of the callee's passes on from what it was given:
/// pinconf_generic_dump_pins(..., gname = NULL) hands gname to
/// pinconf_generic_dump_one(), whose `if (gname)` then never holds.
bool forwardConstants(CallSite &S,
                      const std::vector<std::optional<long long>> &Given) {
  bool Any = false;
  S.ArgConstants.resize(S.ArgParams.size());
  for (size_t A = 0; A < S.ArgParams.size(); ++A) {
    int P = S.ArgParams[A];
    if (P < 0 || size_t(P) >= Given.size() || !Given[P] || S.ArgConstants[A])
      continue;
    S.ArgConstants[A] = Given[P];
    Any = true;
  }
  return Any;
}

} // namespace

void ProgramModel::specialiseConstantCalls() {
  using Constants = std::vector<std::optional<long long>>;
  // A copy per callee, cut and constants: copies are analysed like the
  // originals, so constants forwarded through any depth of calls cut
  // there too. The keys are finite (constants are the program's
  // literals, passed on unchanged), so this ends.
  std::map<std::tuple<FnId, std::vector<bool>, Constants>, FnId> Made;
  std::deque<FnId> Work;
  for (FnId F = 0; F < Functions.size(); ++F)
    Work.push_back(F);
  while (!Work.empty()) {
    FnId F = Work.front();
    Work.pop_front();
    for (size_t C = 0; C < Functions[F].Facts->Calls.size(); ++C) {
      const Constants &Given = Functions[F].Facts->Calls[C].ArgConstants;
      if (std::none_of(Given.begin(), Given.end(),
                       [](const auto &K) { return K.has_value(); }))
        continue;
      // By index: making a copy grows Targets under this loop.
      for (size_t K = 0; K < Targets[F][C].size(); ++K) {
        FnId T = Targets[F][C][K];
        const FunctionFacts &Callee = *Functions[T].Facts;
        std::vector<bool> Cut = cutBy(Callee, Given);
        FunctionFacts Copy = Callee;
        Copy.Calls.clear();
        Copy.Barriers.clear();
        std::vector<FnId> Kept;
        bool Forwarded = false;
        for (size_t I = 0; I < Callee.Calls.size(); ++I)
          if (!Cut[I]) {
            Copy.Calls.push_back(Callee.Calls[I]);
            Forwarded |= forwardConstants(Copy.Calls.back(), Given);
            Kept.push_back(I);
          }
        for (size_t I = 0; I < Callee.Barriers.size(); ++I)
          if (!Cut[Callee.Calls.size() + I])
            Copy.Barriers.push_back(Callee.Barriers[I]);
        if (!Forwarded && std::find(Cut.begin(), Cut.end(), true) == Cut.end())
          continue;
        auto [It, New] = Made.try_emplace({T, Cut, Given}, 0);
        if (New) {
          Specialised.push_back(std::move(Copy));
          It->second = Functions.size();
          Functions.push_back({&Specialised.back(), Functions[T].TU,
                               Functions[T].Original, Given});
          std::vector<std::vector<FnId>> CopyTargets;
          for (size_t I : Kept)
            CopyTargets.push_back(Targets[T][I]);
          Targets.push_back(std::move(CopyTargets));
          Work.push_back(It->second);
        }
        Targets[F][C][K] = It->second;
      }
    }
  }
}

bool ProgramModel::storedWith(const std::string &Slot, FnId T,
                              const std::string &Field, long long Value) const {
  auto It = StoredKeys.find({Slot, T});
  if (It == StoredKeys.end())
    return true;
  // Any store that gives the key this value, or does not say (`ops->fn = f`
  // is no table entry), may be the one picked.
  for (const std::vector<FieldValue> *Keys : It->second) {
    auto K = std::find_if(Keys->begin(), Keys->end(),
                          [&](const FieldValue &V) { return V.Field == Field; });
    if (K == Keys->end() || K->Value == Value)
      return true;
  }
  return false;
}

void ProgramModel::specialiseKeyedCalls() {
  // One copy per callee and picked targets; a copy's sites are its
  // original's, only where its table walks go differs.
  std::map<std::pair<FnId, std::vector<std::vector<FnId>>>, FnId> Made;
  const size_t Originals = Functions.size();
  for (FnId F = 0; F < Originals; ++F)
    for (size_t C = 0; C < Functions[F].Facts->Calls.size(); ++C) {
      const CallSite &Call = Functions[F].Facts->Calls[C];
      if (Call.ArgFields.empty())
        continue;
      for (size_t K = 0; K < Targets[F][C].size(); ++K) {
        FnId T = Targets[F][C][K];
        const FunctionFacts &Callee = *Functions[T].Facts;
        std::vector<std::vector<FnId>> Picked = Targets[T];
        bool Changed = false;
        for (size_t I = 0; I < Callee.Calls.size(); ++I) {
          llvm::StringRef Slot = Callee.Calls[I].Callee;
          if (!Slot.consume_front("*"))
            continue;
          for (const KeySelect &Sel : Callee.Calls[I].Selects)
            for (const ArgField &A : Call.ArgFields) {
              if (A.Arg != Sel.Param || A.Field != Sel.ParamField)
                continue;
              std::vector<FnId> &Ts = Picked[I];
              size_t Before = Ts.size();
              llvm::erase_if(Ts, [&](FnId To) {
                return !storedWith(Slot.str(), To, Sel.Field, A.Value);
              });
              Changed |= Ts.size() != Before;
            }
        }
        if (!Changed)
          continue;
        auto [It, New] = Made.try_emplace({T, Picked}, 0);
        if (New) {
          It->second = Functions.size();
          Functions.push_back({Functions[T].Facts, Functions[T].TU,
                               Functions[T].Original, Functions[T].Constants});
          Targets.push_back(std::move(Picked));
        }
        Targets[F][C][K] = It->second;
      }
    }
}

void ProgramModel::findNeverRun(const ModelOptions &Opts) {
  Dead.assign(Functions.size(), false);
  if (Opts.GatedSlots.empty())
    return;
  // Per TU, the TUs that call a function of it by name: a driver's core
  // file and the bus glue files that call its probe.
  std::vector<std::set<size_t>> CallersOf(TUFiles.size());
  std::vector<unsigned> DirectCallers(Functions.size(), 0);
  for (FnId F = 0; F < Functions.size(); ++F)
    for (size_t C = 0; C < Functions[F].Facts->Calls.size(); ++C) {
      if (llvm::StringRef(Functions[F].Facts->Calls[C].Callee).starts_with("*"))
        continue;
      for (FnId T : Targets[F][C]) {
        ++DirectCallers[T];
        if (Functions[T].Facts->Key.find("::") == std::string::npos)
          CallersOf[Functions[T].TU].insert(Functions[F].TU);
      }
    }
  std::set<FnId> Bound;
  for (const PlacedBinding &P : Bindings)
    for (const std::string &Cb : P.B->Callbacks)
      if (auto F = lookup(Cb))
        Bound.insert(*F);
  // What each TU opens: the gates whose opener it calls or stores into.
  std::vector<std::set<std::string>> Opens(TUFiles.size());
  for (const auto &[Gate, Openers] : Opts.GateOpeners) {
    for (FnId F = 0; F < Functions.size(); ++F)
      for (const CallSite &S : Functions[F].Facts->Calls)
        if (llvm::is_contained(Openers, S.Callee))
          Opens[Functions[F].TU].insert(Gate);
    for (size_t I = 0; I < Slots.size(); ++I)
      if (llvm::is_contained(Openers, Slots[I].first))
        Opens[SlotTUs[I]].insert(Gate);
  }
  auto opened = [&](const std::string &Gate, size_t TU) {
    if (Opens[TU].count(Gate))
      return true;
    for (size_t Caller : CallersOf[TU])
      if (Opens[Caller].count(Gate))
        return true;
    return false;
  };
  // Per function stored in a slot: whether every store is a gated slot
  // whose driver (the TU of the store and of the function, and the TUs
  // that call into them) keeps the gate shut.
  std::map<FnId, bool> OnlyShut;
  for (size_t I = 0; I < Slots.size(); ++I) {
    FnId F = Slots[I].second;
    if (F == ~0u)
      continue;
    auto G = Opts.GatedSlots.find(Slots[I].first);
    bool Shut = G != Opts.GatedSlots.end() && !opened(G->second, SlotTUs[I]) &&
                !opened(G->second, Functions[F].TU);
    auto [It, New] = OnlyShut.try_emplace(F, Shut);
    if (!New)
      It->second = It->second && Shut;
  }
  for (const auto &[F, Shut] : OnlyShut)
    if (Shut && !DirectCallers[F] && !Bound.count(F))
      Dead[F] = true;
  // Static helpers only dead functions call.
  for (bool Changed = true; Changed;) {
    Changed = false;
    std::vector<bool> LiveCaller(Functions.size(), false);
    for (FnId F = 0; F < Functions.size(); ++F)
      if (!Dead[F])
        for (const std::vector<FnId> &Ts : Targets[F])
          for (FnId T : Ts)
            LiveCaller[T] = true;
    for (FnId F = 0; F < Functions.size(); ++F) {
      auto Stored = OnlyShut.find(F);
      bool Eligible = !Bound.count(F) &&
                      (Stored != OnlyShut.end()
                           ? Stored->second
                           : Functions[F].Facts->Key.find("::") != std::string::npos);
      if (!Dead[F] && Eligible && DirectCallers[F] && !LiveCaller[F]) {
        Dead[F] = true;
        Changed = true;
      }
    }
  }
  for (auto &PerFunction : Targets)
    for (std::vector<FnId> &Ts : PerFunction)
      llvm::erase_if(Ts, [&](FnId T) { return Dead[T]; });
}

void ProgramModel::addFunctions(const TUProgramFacts &TU, size_t Index) {
  // A header's static inline is in every TU that uses it: the first wins.
  for (const FunctionFacts &F : TU.Functions)
    if (ByKey.try_emplace(F.Key, Functions.size()).second)
      Functions.push_back({&F, Index, FnId(Functions.size())});
  for (const Binding &B : TU.Bindings) {
    BindingsByKind[B.Kind].push_back(Bindings.size());
    Bindings.push_back({&B, Index});
  }
  // Resolved once every TU's functions are known.
  for (const SlotTarget &S : TU.Slots) {
    Slots.push_back({S.Slot, ~0u});
    SlotFunctionKeys.push_back(S.Function);
    SlotKeys.push_back(&S.Keys);
    SlotTUs.push_back(Index);
  }
}

std::optional<FnId> ProgramModel::lookup(llvm::StringRef Key) const {
  auto It = ByKey.find(Key);
  if (It == ByKey.end())
    return std::nullopt;
  return It->second;
}

void ProgramModel::resolveCalls(const ModelOptions &Opts) {
  for (size_t I = 0; I < Slots.size(); ++I)
    if (auto F = lookup(SlotFunctionKeys[I])) {
      Slots[I].second = *F;
      StoredKeys[{Slots[I].first, *F}].push_back(SlotKeys[I]);
      std::vector<FnId> &In = SlotFunctions[Slots[I].first];
      if (std::find(In.begin(), In.end(), *F) == In.end())
        In.push_back(*F);
    }
  for (const auto &[Slot, Fns] : SlotFunctions)
    Stats.SlotTargets += Fns.size();
  Targets.resize(Functions.size());
  for (FnId F = 0; F < Functions.size(); ++F) {
    const auto &Calls = Functions[F].Facts->Calls;
    Targets[F].resize(Calls.size());
    for (size_t C = 0; C < Calls.size(); ++C) {
      llvm::StringRef Callee = Calls[C].Callee;
      if (Callee.consume_front("*")) {
        ++Stats.IndirectCalls;
        auto It = SlotFunctions.find(Callee.str());
        if (It != SlotFunctions.end() &&
            It->second.size() <= Opts.MaxIndirectTargets) {
          Targets[F][C] = It->second;
          ++Stats.IndirectCallsResolved;
        }
      } else if (auto T = lookup(Callee)) {
        Targets[F][C] = {*T};
      }
    }
  }
  for (const PlacedBinding &P : Bindings)
    for (const std::string &Cb : P.B->Callbacks)
      if (lookup(Cb)) {
        ++Stats.BindingsByKind[P.B->Kind];
        break;
      }
}

std::vector<const Binding *>
ProgramModel::bindingsOf(const std::string &Kind, const std::string &Object,
                         size_t TU) const {
  std::vector<const Binding *> Out;
  auto It = BindingsByKind.find(Kind);
  if (It == BindingsByKind.end())
    return Out;
  for (size_t I : It->second) {
    const PlacedBinding &P = Bindings[I];
    // An unresolved object (a local irq number) can only be told apart
    // within its own file.
    bool Match = (Object.empty() || P.B->Object.empty())
                     ? P.TU == TU
                     : sameObject(Object, P.B->Object);
    if (Match)
      Out.push_back(P.B);
  }
  return Out;
}

void ProgramModel::collectCallbacks(const Binding &B, const Binding *Queue,
                                    std::vector<Waited> &Out) const {
  for (const std::string &Cb : B.Callbacks)
    if (auto F = lookup(Cb))
      Out.push_back({*F, &B, Queue});
}

std::vector<Waited> ProgramModel::waitedBy(FnId F, size_t BarrierIndex) const {
  const BarrierSite &Site = Functions[F].Facts->Barriers[BarrierIndex];
  size_t TU = Functions[F].TU;
  std::vector<Waited> Out;
  if (Site.Kind.empty() || Site.Fresh)
    return Out;
  for (const Binding *B : bindingsOf(Site.Kind, Site.Object, TU)) {
    collectCallbacks(*B, nullptr, Out);
    // A queue is waited for through what was put on it.
    for (const std::string &Member : B->Members)
      for (const Binding *M : bindingsOf(B->MemberKind, Member, TU))
        collectCallbacks(*M, B, Out);
  }
  return Out;
}

std::optional<std::vector<FnId>>
ProgramModel::queuedFrom(FnId F, const std::string &Kind) const {
  const std::string &Key = Functions[F].Facts->Key;
  std::vector<FnId> Out;
  bool Found = false;
  for (size_t Bound : BindingsByKind.count(Kind) ? BindingsByKind.at(Kind)
                                                 : std::vector<size_t>()) {
    const PlacedBinding &W = Bindings[Bound];
    if (!llvm::is_contained(W.B->Callbacks, Key))
      continue;
    for (const PlacedBinding &Q : Bindings) {
      if (Q.B->MemberKind != Kind)
        continue;
      for (const std::string &M : Q.B->Members) {
        bool Same = (M.empty() || W.B->Object.empty())
                        ? Q.TU == W.TU
                        : sameObject(M, W.B->Object);
        if (!Same)
          continue;
        std::optional<FnId> In = lookup(Q.B->InFunction);
        if (!In)
          return std::nullopt;
        Found = true;
        Out.push_back(*In);
      }
    }
  }
  if (!Found)
    return std::nullopt;
  return Out;
}

std::vector<std::pair<FnId, std::string>> ProgramModel::entryPoints(
    const std::map<std::string, std::string> &SlotRoles) const {
  std::vector<std::pair<FnId, std::string>> Out;
  for (const auto &[Slot, F] : Slots) {
    auto Role = SlotRoles.find(Slot);
    if (F != ~0u && Role != SlotRoles.end())
      Out.push_back({F, Role->second});
  }
  for (const PlacedBinding &P : Bindings)
    for (const std::string &Cb : P.B->Callbacks)
      if (auto F = lookup(Cb))
        Out.push_back({*F, P.B->Kind});
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

std::vector<FnId> ProgramModel::callChain(FnId From, FnId To) const {
  std::vector<FnId> Parent(Functions.size(), ~0u);
  std::deque<FnId> Queue{From};
  Parent[From] = From;
  while (!Queue.empty()) {
    FnId F = Queue.front();
    Queue.pop_front();
    if (F == To)
      break;
    for (const std::vector<FnId> &Ts : Targets[F])
      for (FnId T : Ts)
        if (Parent[T] == ~0u) {
          Parent[T] = F;
          Queue.push_back(T);
        }
  }
  if (Parent[To] == ~0u)
    return {};
  std::vector<FnId> Chain{To};
  while (Chain.back() != From)
    Chain.push_back(Parent[Chain.back()]);
  std::reverse(Chain.begin(), Chain.end());
  return Chain;
}

} // namespace devlife::program
