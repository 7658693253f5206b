//===- ProgramModel.h - The whole-program driver model --------------------===//
//
// Every TU's program facts merged into one model: functions by key, the call
// graph (direct calls, and indirect calls through a function-pointer field
// resolved to every function stored in that field of that struct type), the
// callbacks each barrier waits for, and the entry points. Families ask it;
// it knows nothing of locks or devres.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_PROGRAMMODEL_H
#define DEVLIFE_CORE_PROGRAMMODEL_H

#include "core/Facts.h"
#include "core/ProgramFacts.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devlife::program {

using FnId = unsigned;

struct ModelOptions {
  /// An indirect call through a field with more targets than this is left
  /// unresolved: file_operations.open has hundreds, and joining them all
  /// would make every lock reachable from every read().
  unsigned MaxIndirectTargets = 16;
  /// Slots whose functions run only once a gate is open, and what opens
  /// each gate (a function called, or a "record.field" slot stored into) in
  /// a driver's files: dev_pm_ops.runtime_suspend runs only for a device
  /// whose driver (or bus) enabled runtime PM.
  std::map<std::string, std::string> GatedSlots;
  std::map<std::string, std::vector<std::string>> GateOpeners;
};

/// A callback a barrier waits for, and the binding that made it one (and,
/// for a work flushed through its queue, the call that queued it).
struct Waited {
  FnId Callback;
  const Binding *Bound = nullptr;
  const Binding *Queued = nullptr;
};

struct ModelStats {
  std::map<std::string, unsigned> BindingsByKind; // with a resolved callback
  unsigned SlotTargets = 0;
  unsigned IndirectCalls = 0, IndirectCallsResolved = 0;
};

class ProgramModel {
public:
  ProgramModel(const std::vector<const TUFacts *> &TUs, ModelOptions Opts = {});

  struct Function {
    const FunctionFacts *Facts;
    size_t TU; // index of the TU whose facts it came from
    /// For a specialisation, the function it was made from (else itself).
    FnId Original = ~0u;
    /// For a specialisation for constant arguments, their values (per
    /// parameter of Original; empty otherwise).
    std::vector<std::optional<long long>> Constants;
  };
  const std::vector<Function> &functions() const { return Functions; }
  std::optional<FnId> lookup(llvm::StringRef Key) const;

  /// Where call CallIndex of function F may go.
  const std::vector<FnId> &targets(FnId F, size_t CallIndex) const {
    return Targets[F][CallIndex];
  }
  /// The callbacks barrier BarrierIndex of function F waits for.
  std::vector<Waited> waitedBy(FnId F, size_t BarrierIndex) const;

  /// Functions stored into a callback slot or bound as callbacks, with
  /// their role ("probe", "file", "work", "irq", ...): where the kernel or
  /// user space calls into a driver.
  std::vector<std::pair<FnId, std::string>>
  entryPoints(const std::map<std::string, std::string> &SlotRoles) const;

  /// The functions that queue callback F of Kind (`schedule_work(&p->w)`,
  /// `queue_work(wq, &p->w)` for the work INIT_WORK bound F to); nullopt
  /// when some queueing cannot be placed, or nothing in the program queues
  /// it (code the program does not hold may).
  std::optional<std::vector<FnId>> queuedFrom(FnId F,
                                              const std::string &Kind) const;

  /// A shortest call chain From, ..., To (direct and resolved indirect
  /// calls); empty when To is not reachable from From.
  std::vector<FnId> callChain(FnId From, FnId To) const;

  /// A copy of a function for the calls whose arguments fix the key its
  /// table walk picks an entry by (qmi_invoke_handler() called for a
  /// response calls only response handlers), and one for the calls that
  /// pass constants its parameter tests contradict (`disable_ms(gpios, false)` skips `if (sync)
  /// disable_irq()`): its sites are the original's, minus those. Rules
  /// report sites of originals only.
  bool isSpecialisation(FnId F) const { return Functions[F].Original != F; }

  /// A function the kernel never calls: stored only in gated slots of a
  /// driver that never opens the gate (bmi323's runtime PM callbacks, with
  /// runtime PM never enabled), or a static helper only such functions
  /// call. No call resolves to it.
  bool neverRuns(FnId F) const {
    FnId O = Functions[F].Original;
    return O < Dead.size() && Dead[O];
  }
  FnId original(FnId F) const { return Functions[F].Original; }

  const ModelStats &stats() const { return Stats; }
  const std::vector<std::string> &tuFiles() const { return TUFiles; }

  /// TUs whose program facts could not be read, with why.
  const std::vector<std::string> &problems() const { return Problems; }

private:
  std::vector<TUProgramFacts> Parsed; // owns what the pointers point to
  std::vector<std::string> Problems;
  std::vector<Function> Functions;
  llvm::StringMap<FnId> ByKey;
  std::vector<std::vector<std::vector<FnId>>> Targets;
  std::vector<std::string> TUFiles;
  struct PlacedBinding {
    const Binding *B;
    size_t TU;
  };
  std::vector<PlacedBinding> Bindings;
  std::map<std::string, std::vector<size_t>> BindingsByKind;
  std::map<std::string, std::vector<FnId>> SlotFunctions;
  std::vector<std::pair<std::string, FnId>> Slots; // slot, function
  std::vector<std::string> SlotFunctionKeys;       // parallel to Slots
  std::vector<const std::vector<FieldValue> *> SlotKeys; // parallel to Slots
  std::vector<size_t> SlotTUs;                           // parallel to Slots
  std::vector<bool> Dead; // per original function: see neverRuns()
  /// Per slot and function stored there, the entry keys of each store.
  std::map<std::pair<std::string, FnId>, std::vector<const std::vector<FieldValue> *>>
      StoredKeys;
  ModelStats Stats;

  std::deque<FunctionFacts> Specialised; // stable addresses
  void addFunctions(const TUProgramFacts &TU, size_t Index);
  void resolveCalls(const ModelOptions &Opts);
  void specialiseConstantCalls();
  void specialiseKeyedCalls();
  void findNeverRun(const ModelOptions &Opts);
  bool storedWith(const std::string &Slot, FnId T, const std::string &Field,
                  long long Value) const;
  std::vector<const Binding *> bindingsOf(const std::string &Kind,
                                          const std::string &Object,
                                          size_t TU) const;
  void collectCallbacks(const Binding &B, const Binding *Queue,
                        std::vector<Waited> &Out) const;
};

/// Object classes match when one is a field path inside the other
/// (a delayed work and its .work); "" matches anything in the same TU.
bool sameObject(llvm::StringRef A, llvm::StringRef B);

} // namespace devlife::program

#endif
