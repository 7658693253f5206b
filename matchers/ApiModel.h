//===- ApiModel.h - Kernel API knowledge, loaded from JSON data -----------===//
//
// Which kernel calls hand out a reference, which consume one, and how each
// kind of reference is released. The knowledge lives in api-model.json (built
// into the binary) and in optional user files that extend or override it; no
// check hard-codes an API name.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_APIMODEL_H
#define DEVLIFE_MATCHERS_APIMODEL_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <nlohmann/json_fwd.hpp>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace devlife {

/// A kind of counted reference: "device_node", "fwnode_handle", "device".
struct RefKind {
  std::string Name;
  std::string Release;              // the usual release call, for messages
  std::vector<std::string> Cleanup; // DEFINE_FREE names that release it
};

/// What one function does to references.
struct RefFunction {
  std::string Name;
  std::string Returns;            // kind of the new reference returned, or ""
  std::vector<unsigned> Releases; // argument indices whose reference it drops
  std::vector<unsigned> Escapes;  // arguments it keeps: the reference is its now
  bool ErrorPointer = false;      // failure is an ERR_PTR, not NULL
  /// The result is argument N with one more reference (of_node_get(np)):
  /// if the caller drops the result, the reference stays with that object.
  std::optional<unsigned> ReturnsArg;
  /// The result is argument N itself or a pointer into it, with no new
  /// reference: to_platform_device(dev), container_of() wrappers.
  std::optional<unsigned> PassesArg;
  /// A new reference stored through a pointer argument, into one field of
  /// the struct it points to, when the call returns 0:
  /// of_parse_phandle_with_args(..., &args) fills args.np.
  struct OutRef {
    unsigned Arg = 0;
    std::string Field;
    std::string Kind;
    bool operator==(const OutRef &O) const {
      return Arg == O.Arg && Field == O.Field && Kind == O.Kind;
    }
  };
  std::optional<OutRef> Out;
  /// The result is NULL whenever argument N is NULL (of_get_parent(NULL),
  /// of_get_child_by_name(NULL, ...)): on a path where that argument is
  /// NULL, nothing was acquired.
  std::optional<unsigned> NullIfNull;
  /// A summary of a function's body, not the API's contract (written by
  /// the audit's global phase): trusted to acquire, not to say whose
  /// reference a release drops.
  bool Learned = false;

  bool acquires() const { return !Returns.empty(); }
  /// Says something a caller must act on; an empty summary is dropped.
  bool hasEffect() const {
    return acquires() || !Releases.empty() || !Escapes.empty() || Out ||
           PassesArg;
  }
  bool releasesArg(unsigned I) const;
  bool keepsArg(unsigned I) const;
  bool operator==(const RefFunction &O) const;
};

void to_json(nlohmann::json &J, const RefFunction &F);

/// What a lock API does to the lock it is given (argument Arg).
struct LockFunction {
  enum class Op : uint8_t { Acquire, Release, AssertHeld };
  /// When the lock is held after an acquiring call: always, or only when
  /// the call returned non-zero (trylock) or zero (mutex_lock_interruptible).
  enum class HeldIf : uint8_t { Always, NonZero, Zero };
  std::string Name;
  Op Action = Op::Acquire;
  unsigned Arg = 0;
  HeldIf Held = HeldIf::Always;
  bool Shared = false; // a read lock: down_read(), srcu_read_lock()
  bool Sleeps = false; // mutexes and semaphores; spinlocks do not
  bool Try = false;    // never waits, so it orders nothing (as in lockdep)
  std::optional<unsigned> SubclassArg; // mutex_lock_nested(lock, subclass)
};

/// A function of another file that returns with locks held or releases
/// its caller's, as the audit's global phase learned it from that file's
/// facts (section locks.learned): a lock helper is no API, but a caller
/// must hold what it returns with all the same.
struct LockSummary {
  struct Held {
    std::string Class; // "@N": the class of the call's argument N
    std::string Text;  // how the helper writes it, for messages
    bool Shared = false;
    bool Sleeps = false;
  };
  std::string Name;
  std::vector<Held> Returns;
  std::vector<std::string> Releases;
  std::string Json; // as read, canonical: what a TU was analysed with
};

/// A call that binds callbacks to an object another call waits for:
/// init_timer_key(timer, fn, ...), request_threaded_irq(irq, h, t, ...).
struct CallbackBinding {
  /// Object is an argument index, or one of these.
  static constexpr int ObjectIsResult = -1; // kthread_create_on_node()
  static constexpr int NoObject = -2;       // call_rcu(): one class per kind
  std::string Name;
  std::string Kind; // "work", "irq", "timer", ... matched by barriers
  int Object = NoObject;
  /// With NoObject, a global the object always is ("global:system_wq" in
  /// the data): schedule_work() queues on system_percpu_wq.
  std::string FixedObject;
  std::vector<unsigned> Callbacks; // arguments that are the callbacks
  /// The calling function is what is waited for (complete(&x->done)).
  bool Signals = false;
  /// Objects put on this one: queue_work_on(cpu, wq, work) puts the work
  /// (MemberKind "work", argument 2) on the queue (Kind "workqueue").
  std::vector<unsigned> Members;
  std::string MemberKind;
};

/// A call that waits for the callbacks bound to an object.
struct Barrier {
  std::string Name;
  std::string Kind; // the CallbackBinding kind it waits for
  int Object = CallbackBinding::NoObject;
  /// Waits for the read-side sections of this argument's lock class
  /// (synchronize_srcu(ssp) waits for srcu_read_lock(ssp) holders).
  std::optional<unsigned> Readers;
  /// Waits for work nobody can resolve statically
  /// (device_link_wait_removal(), flush_scheduled_work()).
  bool Opaque = false;
};

/// A devres-managed call that undoes a plain API: what it manages (its
/// result, or argument Object) and the plain calls that release the same
/// thing by hand (kfree, argument 0), which unbind would then release again.
struct ManagedRelease {
  static constexpr int ObjectIsResult = -1;
  std::string Name;
  int Object = ObjectIsResult;
  std::map<std::string, unsigned> Manual; // plain release -> object argument
  /// Plain calls that acquire the same thing (request_irq for
  /// devm_request_irq): an object acquired both ways is not devm's alone.
  std::vector<std::string> Unmanaged;
};

/// What the devm rules know: which calls are devres-managed, which
/// devices a driver is bound to and which live on past unbind.
struct DevmData {
  std::vector<std::string> Prefixes; // "devm_": every call so named
  std::map<std::string, unsigned> DeviceArgs; // device argument when not 0
  /// Managed calls that release early or attach nothing (devm_kfree):
  /// calling them never accumulates.
  std::vector<std::string> NotAttaching;
  /// The same, by a word of the name: devm_gpiod_put, devm_iounmap.
  std::vector<std::string> ReleaseWords;
  std::vector<std::string> BusDevices; // "platform_device.dev"
  /// "iio_dev.dev" -> "IIO device": a subsystem's device object, freed at
  /// its final put, long after the driver unbinds.
  std::map<std::string, std::string> SubsystemDevices;
  /// Calls that make the device at an argument one the driver created
  /// (device_initialize(dev), cdev_device_add(cdev, dev): 1).
  std::map<std::string, unsigned> DeviceCreators;
  /// Calls whose result is a device no driver binds to, and what it is
  /// ("root_device_register" -> "root").
  std::map<std::string, std::string> DeviceFactories;
  /// Roles of the functions that bind a driver (probe, and the driver
  /// core's bus probe that calls it): a walk from outside probe stops there.
  std::vector<std::string> ProbeRoles;
  /// The driver core's probe path by name (really_probe()): what it calls
  /// (pinctrl_bind_pins) belongs to probe too.
  std::vector<std::string> ProbeFunctions;
  /// Managed calls that only allocate memory: on a device whose lifetime the
  /// file itself manages, memory that lives as long as it is no mistake.
  std::vector<std::string> Memory;
  /// Managed reallocations and the argument of the buffer they replace
  /// (devm_krealloc: 1): `p = devm_krealloc(dev, p, ...)` frees what p held,
  /// so calling it again holds one buffer, not one more per call.
  std::map<std::string, unsigned> Reallocations;
  /// An early release -> the managed calls it undoes (devm_free_irq ->
  /// devm_request_irq): a file that does both pairs them, as startup() and
  /// shutdown() of a uart do.
  std::map<std::string, std::vector<std::string>> EarlyReleases;
  /// Entry roles (slot roles, binding kinds) that run many times while a
  /// driver is bound: a devm call reached from one accumulates.
  std::vector<std::string> OutsideProbeRoles;
  /// Managed calls that claim what only one holder may have (a memory
  /// region, a GPIO): called again while the first claim lives on in
  /// devres, they fail (-EBUSY) rather than accumulate.
  std::vector<std::string> ExclusiveClaims;
  llvm::StringMap<ManagedRelease> ManualFree;
  /// The managed form of a manual release, for messages: "kfree" ->
  /// "devm_kfree(dev, $0)" ($N: argument N of the manual call, dev: the
  /// managed call's device).
  std::map<std::string, std::string> ManagedForms;
  /// Types user space can hold on to through an open file ("cdev").
  std::vector<std::string> UserspaceTypes;
  /// Calls that hand argument N to user space (misc_register: 0).
  std::map<std::string, unsigned> UserspaceRegistrations;
  /// The field through which user space opens an object of a type
  /// ("miscdevice" -> "fops"): one a file never sets cannot be opened.
  std::map<std::string, std::string> UserspaceOpeners;
  /// User-space types whose core uses the object only while a file is
  /// being opened, under the lock its deregistration takes ("miscdevice":
  /// misc_open() runs the driver's open() under misc_mtx and keeps no
  /// reference): once open() points file->private_data elsewhere, an open
  /// file no longer reaches the memory around it.
  std::vector<std::string> OpenOnlyTypes;
  /// Driver registrations for devices that never go away while the module
  /// is loaded (__platform_driver_probe): no unbind while a file is open,
  /// since the open file pins the module.
  std::vector<std::string> NonHotplugRegistrations;
};

/// Everything a model file can say, in one value so that reading a file
/// into a copy and keeping it only on success stays one assignment.
struct ApiModelData {
  llvm::StringMap<RefKind> Kinds;
  llvm::StringMap<RefFunction> Functions;
  std::vector<std::string> BorrowedFields; // "record.field"
  // Callback slots, "record.field" -> role: "probe", "remove", "shutdown"
  // (the binding context), "release" (owns its object), or an entry kind
  // ("file", "sysfs", ...) that user space or the kernel calls into.
  std::map<std::string, std::string> Slots;
  // Slots whose functions the kernel calls only once a gate is open:
  // "dev_pm_ops.runtime_suspend" -> "runtime_pm". Per gate, what opens it
  // in a driver's files: a call of a function ("pm_runtime_enable"), or a
  // store into a slot ("pci_driver.probe": the PCI core enables runtime PM
  // for its drivers).
  std::map<std::string, std::string> GatedSlots;
  std::map<std::string, std::vector<std::string>> GateOpeners;
  llvm::StringMap<LockFunction> Locks;
  llvm::StringMap<LockSummary> LockSummaries; // learned, not the API's
  // Guard constructors (class_mutex_constructor) -> the lock API they call.
  std::map<std::string, std::string> Guards;
  // Calls that hand back their lock argument: spinlock_check(lock).
  std::map<std::string, unsigned> LockPassThrough;
  // Fields inside a lock that name the lock itself: &lock->rlock, ->dep_map.
  std::vector<std::string> LockInternalFields;
  // Classes lockdep does not validate (lockdep_set_novalidate_class()).
  std::vector<std::string> UnvalidatedLocks;
  llvm::StringMap<CallbackBinding> Bindings;
  // Callbacks bound by storing into a field: "work_struct.func" -> "work".
  std::map<std::string, std::string> CallbackFields;
  llvm::StringMap<Barrier> Barriers;
  // Objects whose callbacks come from the whole kernel (system_wq): a
  // barrier on one waits for more than any analysis can see.
  std::vector<std::string> OpaqueObjects;
  // Calls whose result is a new object with nothing bound or queued on it
  // yet (alloc_workqueue()).
  std::vector<std::string> Creators;
  std::vector<std::string> FailureTests;
  // Self-test assertion macros: a branch condition written in the body of
  // the macro, taking this side, is the path on which the test failed.
  std::map<std::string, bool> TestFailureBranches;
  DevmData Devm;
};

class ApiModel {
public:
  /// The model shipped with devlife (matchers/api-model.json).
  static llvm::Expected<ApiModel> builtin();

  /// Adds or replaces entries from a JSON text; Origin names it in errors.
  /// An entry whose value is null removes the built-in entry of that name.
  llvm::Error extend(llvm::StringRef JsonText, llvm::StringRef Origin);
  llvm::Error extendFromFile(llvm::StringRef Path);

  const RefFunction *refFunction(llvm::StringRef Name) const;
  const RefKind *refKind(llvm::StringRef Name) const;
  /// The kind whose DEFINE_FREE name is CleanupName ("device_node"), if any.
  const RefKind *kindForCleanup(llvm::StringRef CleanupName) const;
  void addRefFunction(RefFunction F);

  /// A field whose pointer is lent, not given: "device.of_node". Putting
  /// what it holds is an overput, except in an owner callback.
  bool isBorrowedField(llvm::StringRef Record, llvm::StringRef Field) const;
  /// The role of a callback slot ("platform_driver.remove" -> "remove"),
  /// or "" when the slot is not in the model.
  llvm::StringRef slotRole(llvm::StringRef Record, llvm::StringRef Field) const;
  const std::map<std::string, std::string> &slots() const { return D.Slots; }
  const std::map<std::string, std::string> &gatedSlots() const {
    return D.GatedSlots;
  }
  const std::map<std::string, std::vector<std::string>> &gateOpeners() const {
    return D.GateOpeners;
  }
  /// A callback slot ("device.release") whose function owns the object it
  /// is handed and may drop the references the object holds.
  bool isOwnerCallback(llvm::StringRef Record, llvm::StringRef Field) const;
  /// A driver callback slot ("platform_driver.probe"): its function works
  /// on a device the bus lent to the driver.
  bool isBindingCallback(llvm::StringRef Record, llvm::StringRef Field) const;

  const LockFunction *lockFunction(llvm::StringRef Name) const;
  /// What the global phase learned of a lock helper defined elsewhere.
  const LockSummary *lockSummary(llvm::StringRef Name) const;
  /// The lock API a guard constructor calls (guard(mutex) -> mutex_lock).
  const LockFunction *guardLock(llvm::StringRef Constructor) const;
  std::optional<unsigned> lockPassThrough(llvm::StringRef Name) const;
  bool isLockInternalField(llvm::StringRef Field) const;
  const std::vector<std::string> &unvalidatedLocks() const {
    return D.UnvalidatedLocks;
  }
  const CallbackBinding *binding(llvm::StringRef Name) const;
  /// The binding kind of a callback field ("work_struct", "func" -> "work").
  llvm::StringRef callbackFieldKind(llvm::StringRef Record,
                                    llvm::StringRef Field) const;
  const Barrier *barrier(llvm::StringRef Name) const;
  bool isOpaqueObject(llvm::StringRef Class) const;
  /// A class rooted in a bus device ("struct i2c_client.irq"): every
  /// driver of that bus has its own instance, so two drivers' objects of
  /// this class are never one.
  bool isPerDeviceClass(llvm::StringRef Class) const;
  bool isCreator(llvm::StringRef Name) const;

  const DevmData &devm() const { return D.Devm; }
  /// The device argument of a devres-managed call, or none when Name is
  /// not one (by prefix, as in the data).
  std::optional<unsigned> devmDeviceArg(llvm::StringRef Name) const;
  /// Managed and attaching: a call that adds to the device's devres list.
  bool devmAttaches(llvm::StringRef Name) const;
  const ManagedRelease *managedRelease(llvm::StringRef Name) const;
  /// The managed calls a manual release undoes by hand, with the argument
  /// that is the object (kfree -> devm_kzalloc, ... : 0).
  std::vector<std::pair<const ManagedRelease *, unsigned>>
  manualReleaseOf(llvm::StringRef Name) const;
  /// "devm_kfree(dev, $0)" for "kfree", or "".
  std::string managedForm(llvm::StringRef Manual) const;
  /// What a subsystem device field is ("IIO device"), or "".
  llvm::StringRef subsystemDevice(llvm::StringRef Record,
                                  llvm::StringRef Field) const;
  bool isBusDevice(llvm::StringRef Record, llvm::StringRef Field) const;

  /// A call that is true when a pointer holds no reference: IS_ERR(p).
  bool isFailureTest(llvm::StringRef Function) const;
  /// For a condition written in the body of Macro: the branch on which a
  /// self-test has failed (unittest(): true; KUnit's assertions: false).
  std::optional<bool> testFailureBranch(llvm::StringRef Macro) const;

  /// The release call for a kind, e.g. "of_node_put"; "" if unknown.
  std::string releaseFor(llvm::StringRef Kind) const;

  size_t refFunctionCount() const { return D.Functions.size(); }

  /// Every function or macro name the model says something about, and the
  /// prefixes that name whole families (devm_): a body that mentions none
  /// of them, directly or through its callees, is one no rule reads.
  struct Names {
    std::set<std::string> Exact;
    std::vector<std::string> Prefixes;
  };
  Names knownNames() const;

private:
  ApiModelData D;
};

} // namespace devlife

#endif
