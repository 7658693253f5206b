//===- ProgramFacts.h - What one TU tells the whole-program driver model --===//
//
// The program model is shared by every family that asks who calls whom,
// which callbacks a driver binds and what waits for them, and which locks
// are held where. Each TU contributes the facts below (JSON in the TU facts,
// section "program"); the global phase merges them into a ProgramModel.
//
// Names used here:
//  - a function key is the function's name when it has external linkage,
//    and "<defining file>::name" when it is static, so that static helpers
//    of two files stay apart while a header's static inline is one function;
//  - a class names a lock or a callback object the way lockdep names lock
//    classes: a global ("of_mutex", "<file>::name" when static), or a struct
//    type plus field path ("struct foo_ctx.lock", "struct foo_ctx.dwork.work"),
//    so every instance of a struct shares the class; "@N" is the lock passed
//    as parameter N (resolved at each call site); a subclass is "<class>/N";
//  - an indirect callee is "*record.field": any function stored in that
//    field of that struct type ("*foo_ops.update").
// Nothing here knows about Clang: the facts are plain data.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_PROGRAMFACTS_H
#define DEVLIFE_CORE_PROGRAMFACTS_H

#include "core/Finding.h"
#include <nlohmann/json_fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devlife::program {

/// Bumped whenever the JSON form changes; facts of another version are
/// refused, never half-read.
constexpr unsigned FactsVersion = 5;

/// A lock held at some point: its class, how it was written and where it
/// was taken (the first step of any code flow that starts with it).
struct HeldLock {
  std::string Class;
  std::string Text; // "ctx->lock", for messages
  SourcePoint Acquired;
  bool Shared = false;
  bool Sleeps = false;
};

/// A blocking or try acquisition of a lock.
struct LockSite {
  std::string Class;
  std::string Text;
  std::string Api; // "mutex_lock_nested"
  SourcePoint Where;
  std::vector<HeldLock> Held; // held just before it, on every path
  bool Try = false;           // never waits: orders nothing
  bool Shared = false;
  bool Sleeps = false;
};

/// A site reached only when parameter Param is true (`if (sync)`), or
/// only when it is false (`if (!sync)`, the else branch).
struct ParamGuard {
  unsigned Param = 0;
  bool WhenTrue = true;
  bool operator==(const ParamGuard &O) const {
    return Param == O.Param && WhenTrue == O.WhenTrue;
  }
};

/// True when a call with these constant arguments never reaches a site
/// with these guards: mctrl_gpio_disable_ms(gpios, false) never takes
/// the `if (sync) disable_irq(...)` branch.
bool contradicts(const std::vector<ParamGuard> &Guards,
                 const std::vector<std::optional<long long>> &Constants);

/// An integer field of a table entry, as its initialiser gives it
/// (`.type = QMI_INDICATION`; a field left out is 0).
struct FieldValue {
  std::string Field; // "type"
  long long Value = 0;
  bool operator==(const FieldValue &O) const {
    return Field == O.Field && Value == O.Value;
  }
};

/// An indirect call that only reaches an entry whose Field equals field
/// ParamField of the function's parameter Param: qmi_invoke_handler()
/// breaks out of its table walk on `handler->type == hdr->type`, hdr being
/// its parameter buf, and then calls handler->fn.
struct KeySelect {
  std::string Field;      // of the entry: "type"
  unsigned Param = 0;
  std::string ParamField; // "qmi_header.type"
};

/// A field of an argument known at a call: qmi_handle_message() calls
/// qmi_invoke_handler(qmi, sq, txn, buf, len) inside
/// `if (hdr->type == QMI_RESPONSE)`, hdr being buf.
struct ArgField {
  unsigned Arg = 0;
  std::string Field; // "qmi_header.type"
  long long Value = 0;
};

struct CallSite {
  std::string Callee; // function key, or "*record.field" when indirect
  std::string Text;   // the callee as written, for messages
  SourcePoint Where;
  std::vector<HeldLock> Held;
  /// Per argument, the lock class it names ("" when none): what "@N" in
  /// the callee's facts stands for at this call.
  std::vector<std::string> ArgClasses;
  /// Per argument, its value when it is an integer constant.
  std::vector<std::optional<long long>> ArgConstants;
  /// Per argument, the caller's parameter it passes on unchanged, or -1:
  /// a constant the caller was given reaches this call's callee too.
  std::vector<int> ArgParams;
  std::vector<ParamGuard> Guards;
  std::vector<KeySelect> Selects;   // indirect calls only
  std::vector<ArgField> ArgFields;
  /// Runs at most once per object: its result is cached where the call
  /// runs only while that place is NULL (`if (!cdata) { cdata = f(spi);
  /// spi->controller_data = cdata; }`).
  bool Once = false;
};

struct BarrierSite {
  std::string Api;    // "cancel_work_sync"
  std::string Kind;   // the binding kind it waits for; "" for readers/opaque
  std::string Object; // class of the object waited on; "" when unresolved
  std::string Text;   // "&ctx->refresh", for messages
  bool Readers = false; // waits for read-side holders of Object
  bool Opaque = false;  // waits for work no analysis can see
  /// The function created Object itself before this wait and queued
  /// nothing on it (`wq = alloc_workqueue(); ... err: destroy_workqueue(wq)`):
  /// only what the function put there can be waited for.
  bool Fresh = false;
  SourcePoint Where;
  std::vector<HeldLock> Held;
  std::vector<ParamGuard> Guards;
  /// Locks of the caller the function has released by the time it waits
  /// (a helper that drops its caller's lock around the wait).
  std::vector<std::string> Dropped;
};

struct FunctionFacts {
  std::string Key;
  std::string Name;
  SourcePoint Where;
  std::vector<LockSite> Locks;
  std::vector<CallSite> Calls;
  std::vector<BarrierSite> Barriers;
  std::vector<std::string> ReturnsHeld;  // acquired and still held at return
  std::vector<std::string> ReleasesHeld; // released, never acquired here
  std::vector<std::string> AssertsHeld;  // lockdep_assert_held()
  /// The locks behind ReturnsHeld, as a caller in another file holds them.
  std::vector<HeldLock> AtReturn;
};

/// A call or store that binds callbacks to an object something waits on.
struct Binding {
  std::string Api;  // "init_timer_key", or the field ("work_struct.func")
  std::string Kind; // "work", "irq", ...
  std::string Object; // class; "" when unresolved (a local irq number)
  std::string Text;
  std::vector<std::string> Callbacks; // function keys
  /// For queues: the member objects put on Object, of MemberKind.
  std::vector<std::string> Members;
  std::string MemberKind;
  SourcePoint Where;
  std::string InFunction; // key of the function that binds; "" at file scope
};

/// A function stored into a callback slot: `.open = foo_open` in a
/// file_operations, `ops->start = fn`.
struct SlotTarget {
  std::string Slot; // "file_operations.open"
  std::string Function;
  SourcePoint Where;
  /// For an entry of a table (an array initialiser): its integer fields.
  std::vector<FieldValue> Keys;
};

struct TUProgramFacts {
  std::vector<FunctionFacts> Functions;
  std::vector<Binding> Bindings;
  std::vector<SlotTarget> Slots;
  /// Functions called here and defined elsewhere, each with the lock
  /// summary learned for it that this TU was analysed with (its JSON text;
  /// "": none), so the global phase knows whom a newer summary concerns.
  /// Not in the JSON form: the lock family's own small section carries it,
  /// for the global rounds to read without the whole program facts.
  std::map<std::string, std::string> ExternalCallees;
};

void to_json(nlohmann::json &J, const HeldLock &H);
void from_json(const nlohmann::json &J, HeldLock &H);
void to_json(nlohmann::json &J, const LockSite &S);
void from_json(const nlohmann::json &J, LockSite &S);
void to_json(nlohmann::json &J, const ParamGuard &G);
void from_json(const nlohmann::json &J, ParamGuard &G);
void to_json(nlohmann::json &J, const CallSite &S);
void from_json(const nlohmann::json &J, CallSite &S);
void to_json(nlohmann::json &J, const BarrierSite &S);
void from_json(const nlohmann::json &J, BarrierSite &S);
void to_json(nlohmann::json &J, const FunctionFacts &F);
void from_json(const nlohmann::json &J, FunctionFacts &F);
void to_json(nlohmann::json &J, const Binding &B);
void from_json(const nlohmann::json &J, Binding &B);
void to_json(nlohmann::json &J, const FieldValue &V);
void from_json(const nlohmann::json &J, FieldValue &V);
void to_json(nlohmann::json &J, const KeySelect &K);
void from_json(const nlohmann::json &J, KeySelect &K);
void to_json(nlohmann::json &J, const ArgField &A);
void from_json(const nlohmann::json &J, ArgField &A);
void to_json(nlohmann::json &J, const SlotTarget &S);
void from_json(const nlohmann::json &J, SlotTarget &S);
void to_json(nlohmann::json &J, const TUProgramFacts &F);
void from_json(const nlohmann::json &J, TUProgramFacts &F);

} // namespace devlife::program

#endif
