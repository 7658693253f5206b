//===- ApiModel.cpp - Load and validate the kernel API model --------------===//
#include "matchers/ApiModel.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using nlohmann::json;

// The shipped model, embedded at build time from api-model.json.
const char BuiltinModelText[] =
#include "api-model.inc"
    ;

/// Errors name the file and the JSON path of the offending entry, so a user
/// editing a model file sees exactly what to fix.
class ModelReader {
public:
  ModelReader(llvm::StringRef Origin, ApiModelData &D)
      : Origin(Origin.str()), D(D) {}

  llvm::Error read(llvm::StringRef Text) {
    json Root = json::parse(Text.begin(), Text.end(), nullptr,
                            /*allow_exceptions=*/false);
    if (Root.is_discarded())
      return fail("", describeParseError(Text));
    if (!Root.is_object())
      return fail("", "the model must be a JSON object");
    for (auto &[Key, Value] : Root.items()) {
      if (Key == "schema") {
        if (Value != "devlife-api-model/1")
          return fail("schema", "expected \"devlife-api-model/1\"");
      } else if (Key == "refcount") {
        if (auto Err = readRefcount(Value))
          return Err;
      } else if (Key == "driver_model") {
        if (auto Err = readDriverModel(Value))
          return Err;
      } else if (Key == "locks") {
        if (auto Err = readLocks(Value))
          return Err;
      } else if (Key == "callbacks") {
        if (auto Err = readCallbacks(Value))
          return Err;
      } else if (Key == "devm") {
        if (auto Err = readDevm(Value))
          return Err;
      } else {
        return fail(Key, "unknown section");
      }
    }
    return llvm::Error::success();
  }

private:
  std::string Origin;
  ApiModelData &D;

  llvm::Error fail(const std::string &Path, const std::string &Msg) const {
    std::string Where = Path.empty() ? Origin : Origin + ": " + Path;
    return llvm::createStringError(std::errc::invalid_argument,
                                   "invalid API model %s: %s", Where.c_str(),
                                   Msg.c_str());
  }

  static std::string describeParseError(llvm::StringRef Text) {
    try {
      (void)json::parse(Text.begin(), Text.end());
    } catch (const json::parse_error &E) {
      return std::string("not valid JSON (") + E.what() + ")";
    }
    return "not valid JSON";
  }

  llvm::Error readRefcount(const json &Section) {
    if (!Section.is_object())
      return fail("refcount", "expected an object");
    for (auto &[Key, Value] : Section.items()) {
      llvm::Error Err =
          Key == "kinds"             ? readKinds(Value)
          : Key == "functions"       ? readFunctions(Value)
          : Key == "borrowed_fields" ? readNames(Value, "refcount." + Key,
                                                 D.BorrowedFields)
          : Key == "failure_tests"   ? readNames(Value, "refcount." + Key,
                                                 D.FailureTests)
          : Key == "test_failure_branches" ? readBranches(Value)
                                     : fail("refcount." + Key, "unknown key");
      if (Err)
        return Err;
    }
    return checkKindsExist();
  }

  llvm::Error readDriverModel(const json &Section) {
    if (!Section.is_object())
      return fail("driver_model", "expected an object");
    for (auto &[Key, Value] : Section.items()) {
      std::string Path = "driver_model." + Key;
      llvm::Error Err =
          Key == "slots"          ? readStringMap(Value, Path, D.Slots)
          : Key == "gated_slots"  ? readStringMap(Value, Path, D.GatedSlots)
          : Key == "gate_openers" ? readNameLists(Value, Path, D.GateOpeners)
                                  : fail(Path, "unknown key");
      if (Err)
        return Err;
    }
    if (auto Err = checkSlotNames("driver_model.gated_slots", D.GatedSlots))
      return Err;
    for (const auto &[Slot, Gate] : D.GatedSlots)
      if (!D.GateOpeners.count(Gate))
        return fail("driver_model.gated_slots." + Slot,
                    "names no entry of driver_model.gate_openers: \"" + Gate + "\"");
    return checkSlotNames("driver_model.slots", D.Slots);
  }

  llvm::Error readLocks(const json &Section) {
    if (!Section.is_object())
      return fail("locks", "expected an object");
    for (auto &[Key, Value] : Section.items()) {
      std::string Path = "locks." + Key;
      llvm::Error Err =
          Key == "functions"         ? readEntries(Value, Path, D.Locks,
                                                   &ModelReader::readLock)
          : Key == "guards"          ? readStringMap(Value, Path, D.Guards)
          : Key == "pass_through"    ? readIndexMap(Value, Path, D.LockPassThrough)
          : Key == "internal_fields" ? readNames(Value, Path, D.LockInternalFields)
          : Key == "unvalidated" ? readNames(Value, Path, D.UnvalidatedLocks)
          : Key == "learned"     ? readEntries(Value, Path, D.LockSummaries,
                                               &ModelReader::readLockSummary)
                                     : fail(Path, "unknown key");
      if (Err)
        return Err;
    }
    for (const auto &[Ctor, Lock] : D.Guards)
      if (!D.Locks.count(Lock))
        return fail("locks.guards." + Ctor,
                    "names no entry of locks.functions: \"" + Lock + "\"");
    return llvm::Error::success();
  }

  llvm::Error readDevm(const json &Section) {
    if (!Section.is_object())
      return fail("devm", "expected an object");
    DevmData &M = D.Devm;
    for (auto &[Key, Value] : Section.items()) {
      std::string Path = "devm." + Key;
      llvm::Error Err =
          Key == "prefixes"        ? readNames(Value, Path, M.Prefixes)
          : Key == "device_args"   ? readIndexMap(Value, Path, M.DeviceArgs)
          : Key == "not_attaching" ? readNames(Value, Path, M.NotAttaching)
          : Key == "release_words" ? readNames(Value, Path, M.ReleaseWords)
          : Key == "probe_roles" ? readNames(Value, Path, M.ProbeRoles)
          : Key == "probe_functions" ? readNames(Value, Path, M.ProbeFunctions)
          : Key == "memory" ? readNames(Value, Path, M.Memory)
          : Key == "reallocations"
              ? readIndexMap(Value, Path, M.Reallocations)
          : Key == "early_releases" ? readNameLists(Value, Path, M.EarlyReleases)
          : Key == "outside_probe_roles"
              ? readNames(Value, Path, M.OutsideProbeRoles)
          : Key == "exclusive_claims"
              ? readNames(Value, Path, M.ExclusiveClaims)
          : Key == "bus_devices"   ? readNames(Value, Path, M.BusDevices)
          : Key == "subsystem_devices"
              ? readStringMap(Value, Path, M.SubsystemDevices)
          : Key == "device_creators"
              ? readIndexMap(Value, Path, M.DeviceCreators)
          : Key == "device_factories"
              ? readStringMap(Value, Path, M.DeviceFactories)
          : Key == "manual_free" ? readEntries(Value, Path, M.ManualFree,
                                               &ModelReader::readManualFree)
          : Key == "managed_forms" ? readStringMap(Value, Path, M.ManagedForms)
          : Key == "userspace_types" ? readNames(Value, Path, M.UserspaceTypes)
          : Key == "userspace_registrations"
              ? readIndexMap(Value, Path, M.UserspaceRegistrations)
          : Key == "userspace_openers"
              ? readStringMap(Value, Path, M.UserspaceOpeners)
          : Key == "open_only_types" ? readNames(Value, Path, M.OpenOnlyTypes)
          : Key == "non_hotplug_registrations"
              ? readNames(Value, Path, M.NonHotplugRegistrations)
              : fail(Path, "unknown key");
      if (Err)
        return Err;
    }
    if (auto Err = checkSlotNames("devm.subsystem_devices", M.SubsystemDevices))
      return Err;
    for (const std::string &B : M.BusDevices)
      if (B.find('.') == std::string::npos)
        return fail("devm.bus_devices." + B, "expected \"record.field\"");
    return llvm::Error::success();
  }

  /// {"object": "result" | N, "manual": {"kfree": 0}, "unmanaged": [...]}
  llvm::Expected<ManagedRelease> readManualFree(const std::string &Name,
                                                const std::string &Path,
                                                const json &V) {
    ManagedRelease R;
    R.Name = Name;
    for (auto &[Field, X] : V.items()) {
      llvm::Error Err = llvm::Error::success();
      if (Field == "object" && X == "result")
        R.Object = ManagedRelease::ObjectIsResult;
      else if (Field == "object" && X.is_number_unsigned())
        R.Object = X.get<int>();
      else if (Field == "manual")
        Err = readIndexMap(X, Path + ".manual", R.Manual);
      else if (Field == "unmanaged")
        Err = readNames(X, Path + ".unmanaged", R.Unmanaged);
      else
        return fail(Path + "." + Field,
                    "unknown key or bad value: object is \"result\" or an "
                    "argument index, manual an object of argument indices, "
                    "unmanaged an array of names");
      if (Err)
        return std::move(Err);
    }
    if (R.Manual.empty())
      return fail(Path, "names no manual release");
    return R;
  }

  llvm::Error readCallbacks(const json &Section) {
    if (!Section.is_object())
      return fail("callbacks", "expected an object");
    for (auto &[Key, Value] : Section.items()) {
      std::string Path = "callbacks." + Key;
      llvm::Error Err =
          Key == "bindings"   ? readEntries(Value, Path, D.Bindings,
                                            &ModelReader::readBinding)
          : Key == "barriers" ? readEntries(Value, Path, D.Barriers,
                                            &ModelReader::readBarrier)
          : Key == "fields"   ? readStringMap(Value, Path, D.CallbackFields)
          : Key == "opaque_objects" ? readNames(Value, Path, D.OpaqueObjects)
          : Key == "creators" ? readNames(Value, Path, D.Creators)
                              : fail(Path, "unknown key");
      if (Err)
        return Err;
    }
    return checkSlotNames("callbacks.fields", D.CallbackFields);
  }

  /// {"name": {...}, ...}; null removes the built-in entry of that name.
  template <typename T>
  llvm::Error readEntries(const json &Obj, const std::string &Path,
                          llvm::StringMap<T> &Out,
                          llvm::Expected<T> (ModelReader::*ReadOne)(
                              const std::string &, const std::string &,
                              const json &)) {
    if (!Obj.is_object())
      return fail(Path, "expected an object");
    for (auto &[Name, Value] : Obj.items()) {
      if (Value.is_null()) {
        Out.erase(Name);
        continue;
      }
      std::string EntryPath = Path + "." + Name;
      if (!Value.is_object())
        return fail(EntryPath, "expected an object");
      auto Entry = (this->*ReadOne)(Name, EntryPath, Value);
      if (!Entry)
        return Entry.takeError();
      Out[Name] = std::move(*Entry);
    }
    return llvm::Error::success();
  }

  /// {"returns_held": [{"class", "text", "shared", "sleeps"}...],
  ///  "releases_held": [class...]}, as LockFamily::refine() writes it.
  llvm::Expected<LockSummary> readLockSummary(const std::string &Name,
                                              const std::string &Path,
                                              const json &Value) {
    LockSummary L;
    L.Name = Name;
    L.Json = Value.dump();
    for (auto &[Field, V] : Value.items()) {
      std::string FieldPath = Path + "." + Field;
      if (Field == "releases_held") {
        if (auto Err = readNames(V, FieldPath, L.Releases))
          return std::move(Err);
      } else if (Field == "returns_held" && V.is_array()) {
        for (const json &H : V) {
          auto is = [&](const char *K, json::value_t T) {
            return !H.contains(K) || H[K].type() == T;
          };
          if (!H.is_object() || !H.contains("class") ||
              !is("class", json::value_t::string) ||
              !is("text", json::value_t::string) ||
              !is("shared", json::value_t::boolean) ||
              !is("sleeps", json::value_t::boolean))
            return fail(FieldPath, "expected locks: {\"class\": string, "
                                   "\"text\": string, \"shared\", "
                                   "\"sleeps\": boolean}");
          LockSummary::Held Out;
          Out.Class = H["class"].get<std::string>();
          Out.Text = H.value("text", Out.Class);
          Out.Shared = H.value("shared", false);
          Out.Sleeps = H.value("sleeps", false);
          L.Returns.push_back(std::move(Out));
        }
      } else {
        return fail(FieldPath, "unknown field or wrong type (returns_held: "
                               "array of locks, releases_held: array of classes)");
      }
    }
    return L;
  }

  llvm::Expected<LockFunction> readLock(const std::string &Name,
                                        const std::string &Path,
                                        const json &Value) {
    LockFunction L;
    L.Name = Name;
    unsigned Actions = 0;
    for (auto &[Field, V] : Value.items()) {
      auto action = [&](LockFunction::Op Op) {
        L.Action = Op;
        L.Arg = V.get<unsigned>();
        ++Actions;
      };
      if (Field == "acquires" && V.is_number_unsigned())
        action(LockFunction::Op::Acquire);
      else if (Field == "releases" && V.is_number_unsigned())
        action(LockFunction::Op::Release);
      else if (Field == "asserts" && V.is_number_unsigned())
        action(LockFunction::Op::AssertHeld);
      else if (Field == "held_if" && (V == "nonzero" || V == "zero"))
        L.Held = V == "zero" ? LockFunction::HeldIf::Zero
                             : LockFunction::HeldIf::NonZero;
      else if (Field == "shared" && V.is_boolean())
        L.Shared = V.get<bool>();
      else if (Field == "sleeps" && V.is_boolean())
        L.Sleeps = V.get<bool>();
      else if (Field == "try" && V.is_boolean())
        L.Try = V.get<bool>();
      else if (Field == "subclass" && V.is_number_unsigned())
        L.SubclassArg = V.get<unsigned>();
      else
        return fail(Path + "." + Field,
                    "unknown field or wrong type (acquires/releases/asserts: "
                    "argument index, held_if: \"nonzero\" or \"zero\", "
                    "shared/sleeps/try: boolean, subclass: argument index)");
    }
    if (Actions != 1)
      return fail(Path, "needs exactly one of \"acquires\", \"releases\", "
                        "\"asserts\"");
    return L;
  }

  /// "object": an argument index, "result", "global:NAME", or absent (one
  /// class per kind).
  llvm::Error readObject(const json &V, const std::string &Path, int &Out,
                         std::string &Fixed) {
    static const std::string Global = "global:";
    if (V.is_number_unsigned())
      Out = V.get<int>();
    else if (V == "result")
      Out = CallbackBinding::ObjectIsResult;
    else if (V.is_string() && V.get<std::string>().rfind(Global, 0) == 0 &&
             V.get<std::string>().size() > Global.size())
      Fixed = V.get<std::string>().substr(Global.size());
    else
      return fail(Path, "expected an argument index, \"result\" or "
                        "\"global:NAME\"");
    return llvm::Error::success();
  }

  llvm::Expected<CallbackBinding> readBinding(const std::string &Name,
                                              const std::string &Path,
                                              const json &Value) {
    CallbackBinding B;
    B.Name = Name;
    for (auto &[Field, V] : Value.items()) {
      std::string FieldPath = Path + "." + Field;
      if (Field == "kind" && V.is_string())
        B.Kind = V.get<std::string>();
      else if (Field == "object") {
        if (auto Err = readObject(V, FieldPath, B.Object, B.FixedObject))
          return std::move(Err);
      } else if (Field == "callbacks" && isIndexArray(V))
        B.Callbacks = V.get<std::vector<unsigned>>();
      else if (Field == "signals" && V.is_boolean())
        B.Signals = V.get<bool>();
      else if (Field == "members" && isIndexArray(V))
        B.Members = V.get<std::vector<unsigned>>();
      else if (Field == "member_kind" && V.is_string())
        B.MemberKind = V.get<std::string>();
      else
        return fail(FieldPath,
                    "unknown field or wrong type (kind: string, object: "
                    "argument index or \"result\", callbacks/members: arrays "
                    "of argument indices, signals: boolean, member_kind: "
                    "string)");
    }
    if (B.Kind.empty())
      return fail(Path, "needs \"kind\"");
    if (B.Callbacks.empty() && !B.Signals && B.Members.empty())
      return fail(Path, "binds nothing: give \"callbacks\", \"signals\" or "
                        "\"members\"");
    if (B.Members.empty() != B.MemberKind.empty())
      return fail(Path, "\"members\" and \"member_kind\" go together");
    return B;
  }

  llvm::Expected<Barrier> readBarrier(const std::string &Name,
                                      const std::string &Path,
                                      const json &Value) {
    Barrier B;
    B.Name = Name;
    for (auto &[Field, V] : Value.items()) {
      std::string FieldPath = Path + "." + Field;
      if (Field == "kind" && V.is_string())
        B.Kind = V.get<std::string>();
      else if (Field == "object") {
        std::string Fixed;
        if (auto Err = readObject(V, FieldPath, B.Object, Fixed))
          return std::move(Err);
        if (!Fixed.empty())
          return fail(FieldPath, "a barrier waits on an argument");
      } else if (Field == "readers" && V.is_number_unsigned())
        B.Readers = V.get<unsigned>();
      else if (Field == "opaque" && V.is_boolean())
        B.Opaque = V.get<bool>();
      else
        return fail(FieldPath,
                    "unknown field or wrong type (kind: string, object: "
                    "argument index, readers: argument index, opaque: "
                    "boolean)");
    }
    if (B.Object == CallbackBinding::ObjectIsResult)
      return fail(Path + ".object", "a barrier waits on an argument");
    if (int(B.Opaque) + int(B.Readers.has_value()) + int(!B.Kind.empty()) != 1)
      return fail(Path, "needs exactly one of \"kind\", \"readers\", "
                        "\"opaque\"");
    return B;
  }

  /// {"key": "value", ...}; null removes a key.
  llvm::Error readStringMap(const json &Obj, const std::string &Path,
                            std::map<std::string, std::string> &Out) {
    if (!Obj.is_object())
      return fail(Path, "expected an object");
    for (auto &[K, V] : Obj.items()) {
      if (V.is_null())
        Out.erase(K);
      else if (V.is_string())
        Out[K] = V.get<std::string>();
      else
        return fail(Path + "." + K, "expected a string or null");
    }
    return llvm::Error::success();
  }

  llvm::Error readIndexMap(const json &Obj, const std::string &Path,
                           std::map<std::string, unsigned> &Out) {
    if (!Obj.is_object())
      return fail(Path, "expected an object");
    for (auto &[K, V] : Obj.items()) {
      if (V.is_null())
        Out.erase(K);
      else if (V.is_number_unsigned())
        Out[K] = V.get<unsigned>();
      else
        return fail(Path + "." + K, "expected an argument index or null");
    }
    return llvm::Error::success();
  }

  /// Slots are "record.field": a field name alone would make
  /// file_operations.release an owner callback like device.release.
  llvm::Error checkSlotNames(const std::string &Path,
                             const std::map<std::string, std::string> &M) const {
    for (const auto &[Slot, Role] : M) {
      size_t Dot = Slot.find('.');
      if (Dot == std::string::npos || Dot == 0 || Dot + 1 == Slot.size())
        return fail(Path + "." + Slot, "expected \"record.field\"");
    }
    return llvm::Error::success();
  }

  /// {"name": ["a", "b"], ...}; null removes a name.
  llvm::Error readNameLists(const json &Obj, const std::string &Path,
                            std::map<std::string, std::vector<std::string>> &Out) {
    if (!Obj.is_object())
      return fail(Path, "expected an object");
    for (auto &[K, V] : Obj.items()) {
      if (V.is_null()) {
        Out.erase(K);
        continue;
      }
      if (auto Err = readNames(V, Path + "." + K, Out[K]))
        return Err;
    }
    return llvm::Error::success();
  }

  /// A list of names; a user file's list adds to the built-in one.
  llvm::Error readNames(const json &V, const std::string &Path,
                        std::vector<std::string> &Out) {
    if (!isStringArray(V))
      return fail(Path, "expected an array of strings");
    for (const std::string &N : V.get<std::vector<std::string>>())
      if (std::find(Out.begin(), Out.end(), N) == Out.end())
        Out.push_back(N);
    return llvm::Error::success();
  }

  /// {"unittest": true, ...}; null removes a macro.
  llvm::Error readBranches(const json &Obj) {
    if (!Obj.is_object())
      return fail("refcount.test_failure_branches", "expected an object");
    for (auto &[Macro, V] : Obj.items()) {
      if (V.is_null())
        D.TestFailureBranches.erase(Macro);
      else if (V.is_boolean())
        D.TestFailureBranches[Macro] = V.get<bool>();
      else
        return fail("refcount.test_failure_branches." + Macro,
                    "expected true, false or null");
    }
    return llvm::Error::success();
  }

  llvm::Error readKinds(const json &Obj) {
    if (!Obj.is_object())
      return fail("refcount.kinds", "expected an object");
    for (auto &[Name, Value] : Obj.items()) {
      std::string Path = "refcount.kinds." + Name;
      if (Value.is_null()) {
        D.Kinds.erase(Name);
        continue;
      }
      if (!Value.is_object())
        return fail(Path, "expected an object");
      RefKind K;
      K.Name = Name;
      for (auto &[Field, V] : Value.items()) {
        if (Field == "release" && V.is_string())
          K.Release = V.get<std::string>();
        else if (Field == "cleanup" && isStringArray(V))
          K.Cleanup = V.get<std::vector<std::string>>();
        else
          return fail(Path + "." + Field,
                      "unknown field or wrong type (release: string, "
                      "cleanup: array of strings)");
      }
      D.Kinds[Name] = std::move(K);
    }
    return llvm::Error::success();
  }

  llvm::Error readFunctions(const json &Obj) {
    if (!Obj.is_object())
      return fail("refcount.functions", "expected an object");
    for (auto &[Name, Value] : Obj.items()) {
      if (Value.is_null()) {
        D.Functions.erase(Name);
        continue;
      }
      auto F = readFunction(Name, Value);
      if (!F)
        return F.takeError();
      D.Functions[Name] = std::move(*F);
    }
    return llvm::Error::success();
  }

  llvm::Expected<RefFunction> readFunction(const std::string &Name,
                                           const json &Value) {
    std::string Path = "refcount.functions." + Name;
    if (!Value.is_object())
      return fail(Path, "expected an object");
    RefFunction F;
    F.Name = Name;
    for (auto &[Field, V] : Value.items()) {
      if (Field == "returns" && V.is_string())
        F.Returns = V.get<std::string>();
      else if (Field == "releases" && isIndexArray(V))
        F.Releases = V.get<std::vector<unsigned>>();
      else if (Field == "escapes" && isIndexArray(V))
        F.Escapes = V.get<std::vector<unsigned>>();
      else if (Field == "error_pointer" && V.is_boolean())
        F.ErrorPointer = V.get<bool>();
      else if (Field == "returns_arg" && V.is_number_unsigned())
        F.ReturnsArg = V.get<unsigned>();
      else if (Field == "passes_arg" && V.is_number_unsigned())
        F.PassesArg = V.get<unsigned>();
      else if (Field == "null_if_null" && V.is_number_unsigned())
        F.NullIfNull = V.get<unsigned>();
      else if (Field == "learned" && V.is_boolean())
        F.Learned = V.get<bool>();
      else if (Field == "out" && isOutRef(V))
        F.Out = RefFunction::OutRef{V.at("arg").get<unsigned>(),
                                    V.at("field").get<std::string>(),
                                    V.at("kind").get<std::string>()};
      else
        return fail(Path + "." + Field,
                    "unknown field or wrong type (returns: kind name, "
                    "releases/escapes: arrays of argument indices, "
                    "error_pointer: boolean, returns_arg/passes_arg/null_if_null: "
                    "argument index, out: {arg, field, kind})");
    }
    if (!F.hasEffect())
      return fail(Path, "declares neither \"returns\" nor \"releases\"");
    if (F.ReturnsArg && !F.acquires())
      return fail(Path + ".returns_arg", "needs \"returns\"");
    if (F.NullIfNull && !F.acquires())
      return fail(Path + ".null_if_null", "needs \"returns\"");
    return F;
  }

  llvm::Error checkKindsExist() const {
    for (const auto &Entry : D.Functions) {
      const RefFunction &F = Entry.getValue();
      if (F.acquires() && !D.Kinds.count(F.Returns))
        return fail("refcount.functions." + F.Name + ".returns",
                    "unknown reference kind \"" + F.Returns + "\"");
      if (F.Out && !D.Kinds.count(F.Out->Kind))
        return fail("refcount.functions." + F.Name + ".out.kind",
                    "unknown reference kind \"" + F.Out->Kind + "\"");
    }
    return llvm::Error::success();
  }

  static bool isStringArray(const json &V) {
    if (!V.is_array())
      return false;
    for (const json &E : V)
      if (!E.is_string())
        return false;
    return true;
  }

  static bool isOutRef(const json &V) {
    return V.is_object() && V.size() == 3 && V.contains("arg") &&
           V["arg"].is_number_unsigned() && V.contains("field") &&
           V["field"].is_string() && V.contains("kind") &&
           V["kind"].is_string();
  }

  static bool isIndexArray(const json &V) {
    if (!V.is_array())
      return false;
    for (const json &E : V)
      if (!E.is_number_unsigned())
        return false;
    return true;
  }
};

} // namespace

bool RefFunction::releasesArg(unsigned I) const {
  return std::find(Releases.begin(), Releases.end(), I) != Releases.end();
}

bool RefFunction::keepsArg(unsigned I) const {
  return std::find(Escapes.begin(), Escapes.end(), I) != Escapes.end();
}

bool RefFunction::operator==(const RefFunction &O) const {
  return Name == O.Name && Returns == O.Returns && Releases == O.Releases &&
         Escapes == O.Escapes && PassesArg == O.PassesArg &&
         ErrorPointer == O.ErrorPointer && ReturnsArg == O.ReturnsArg &&
         Out == O.Out && NullIfNull == O.NullIfNull && Learned == O.Learned;
}

void to_json(nlohmann::json &J, const RefFunction &F) {
  J = nlohmann::json::object();
  if (F.acquires())
    J["returns"] = F.Returns;
  if (!F.Releases.empty())
    J["releases"] = F.Releases;
  if (!F.Escapes.empty())
    J["escapes"] = F.Escapes;
  if (F.ErrorPointer)
    J["error_pointer"] = true;
  if (F.ReturnsArg)
    J["returns_arg"] = *F.ReturnsArg;
  if (F.PassesArg)
    J["passes_arg"] = *F.PassesArg;
  if (F.NullIfNull)
    J["null_if_null"] = *F.NullIfNull;
  if (F.Out)
    J["out"] = {{"arg", F.Out->Arg}, {"field", F.Out->Field},
                {"kind", F.Out->Kind}};
  if (F.Learned)
    J["learned"] = true;
}

llvm::Expected<ApiModel> ApiModel::builtin() {
  ApiModel M;
  if (auto Err = M.extend(BuiltinModelText, "<built-in api-model.json>"))
    return std::move(Err);
  return M;
}

llvm::Error ApiModel::extend(llvm::StringRef JsonText,
                             llvm::StringRef Origin) {
  // Read into a copy so that a bad file leaves the model as it was.
  ApiModelData New = D;
  if (auto Err = ModelReader(Origin, New).read(JsonText))
    return Err;
  D = std::move(New);
  return llvm::Error::success();
}

llvm::Error ApiModel::extendFromFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read API model %s: %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  return extend((*Buffer)->getBuffer(), Path);
}

const RefFunction *ApiModel::refFunction(llvm::StringRef Name) const {
  auto It = D.Functions.find(Name);
  return It == D.Functions.end() ? nullptr : &It->getValue();
}

const RefKind *ApiModel::refKind(llvm::StringRef Name) const {
  auto It = D.Kinds.find(Name);
  return It == D.Kinds.end() ? nullptr : &It->getValue();
}

const RefKind *ApiModel::kindForCleanup(llvm::StringRef CleanupName) const {
  for (const auto &Entry : D.Kinds)
    for (const std::string &C : Entry.getValue().Cleanup)
      if (C == CleanupName)
        return &Entry.getValue();
  return nullptr;
}

void ApiModel::addRefFunction(RefFunction F) {
  std::string Name = F.Name;
  D.Functions[Name] = std::move(F);
}

bool ApiModel::isBorrowedField(llvm::StringRef Record,
                               llvm::StringRef Field) const {
  std::string Key = (Record + "." + Field).str();
  return std::find(D.BorrowedFields.begin(), D.BorrowedFields.end(), Key) !=
         D.BorrowedFields.end();
}

namespace {
template <typename T>
const T *lookup(const llvm::StringMap<T> &M, llvm::StringRef Name) {
  auto It = M.find(Name);
  return It == M.end() ? nullptr : &It->getValue();
}

llvm::StringRef lookup(const std::map<std::string, std::string> &M,
                       llvm::StringRef Record, llvm::StringRef Field) {
  auto It = M.find((Record + "." + Field).str());
  return It == M.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}
} // namespace

namespace {
template <typename T>
void addKeys(const llvm::StringMap<T> &M, std::set<std::string> &Out) {
  for (const auto &E : M)
    Out.insert(E.getKey().str());
}
template <typename T>
void addKeys(const std::map<std::string, T> &M, std::set<std::string> &Out) {
  for (const auto &E : M)
    Out.insert(E.first);
}
void addAll(const std::vector<std::string> &V, std::set<std::string> &Out) {
  Out.insert(V.begin(), V.end());
}
} // namespace

ApiModel::Names ApiModel::knownNames() const {
  Names N;
  std::set<std::string> &Out = N.Exact;
  for (const auto &K : D.Kinds) {
    if (!K.getValue().Release.empty())
      Out.insert(K.getValue().Release);
    for (const std::string &C : K.getValue().Cleanup)
      Out.insert("__free_" + C); // DEFINE_FREE(C, ...) defines __free_C()
  }
  addKeys(D.Functions, Out);
  addKeys(D.Locks, Out);
  addKeys(D.LockSummaries, Out);
  for (const auto &[Ctor, Lock] : D.Guards)
    Out.insert({Ctor, Lock});
  addKeys(D.LockPassThrough, Out);
  addKeys(D.Bindings, Out);
  addKeys(D.Barriers, Out);
  addAll(D.FailureTests, Out);
  addKeys(D.TestFailureBranches, Out);
  const DevmData &M = D.Devm;
  addKeys(M.DeviceArgs, Out);
  addAll(M.NotAttaching, Out);
  addAll(M.ProbeFunctions, Out);
  addAll(M.Memory, Out);
  addAll(M.ExclusiveClaims, Out);
  for (const auto &[Early, Undone] : M.EarlyReleases) {
    Out.insert(Early);
    addAll(Undone, Out);
  }
  addKeys(M.DeviceCreators, Out);
  addKeys(M.DeviceFactories, Out);
  for (const auto &E : M.ManualFree) {
    Out.insert(E.getKey().str());
    addKeys(E.getValue().Manual, Out);
    addAll(E.getValue().Unmanaged, Out);
  }
  addKeys(M.ManagedForms, Out);
  addKeys(M.UserspaceRegistrations, Out);
  addAll(M.NonHotplugRegistrations, Out);
  N.Prefixes = M.Prefixes;
  return N;
}

std::optional<unsigned> ApiModel::devmDeviceArg(llvm::StringRef Name) const {
  const DevmData &M = D.Devm;
  bool Managed = llvm::any_of(
      M.Prefixes, [&](const std::string &P) { return Name.starts_with(P); });
  if (!Managed)
    return std::nullopt;
  auto It = M.DeviceArgs.find(Name.str());
  return It == M.DeviceArgs.end() ? 0u : It->second;
}

bool ApiModel::devmAttaches(llvm::StringRef Name) const {
  if (!devmDeviceArg(Name) || llvm::is_contained(D.Devm.NotAttaching, Name))
    return false;
  llvm::SmallVector<llvm::StringRef, 6> Words;
  Name.split(Words, '_', -1, /*KeepEmpty=*/false);
  return llvm::none_of(Words, [&](llvm::StringRef W) {
    return llvm::is_contained(D.Devm.ReleaseWords, W);
  });
}

const ManagedRelease *ApiModel::managedRelease(llvm::StringRef Name) const {
  return lookup(D.Devm.ManualFree, Name);
}

std::vector<std::pair<const ManagedRelease *, unsigned>>
ApiModel::manualReleaseOf(llvm::StringRef Name) const {
  std::vector<std::pair<const ManagedRelease *, unsigned>> Out;
  for (const auto &E : D.Devm.ManualFree) {
    auto It = E.getValue().Manual.find(Name.str());
    if (It != E.getValue().Manual.end())
      Out.push_back({&E.getValue(), It->second});
  }
  std::sort(Out.begin(), Out.end(), [](const auto &A, const auto &B) {
    return A.first->Name < B.first->Name;
  });
  return Out;
}

std::string ApiModel::managedForm(llvm::StringRef Manual) const {
  auto It = D.Devm.ManagedForms.find(Manual.str());
  return It == D.Devm.ManagedForms.end() ? "" : It->second;
}

llvm::StringRef ApiModel::subsystemDevice(llvm::StringRef Record,
                                          llvm::StringRef Field) const {
  return lookup(D.Devm.SubsystemDevices, Record, Field);
}

bool ApiModel::isBusDevice(llvm::StringRef Record,
                           llvm::StringRef Field) const {
  return llvm::is_contained(D.Devm.BusDevices, (Record + "." + Field).str());
}

llvm::StringRef ApiModel::slotRole(llvm::StringRef Record,
                                   llvm::StringRef Field) const {
  return lookup(D.Slots, Record, Field);
}

bool ApiModel::isOwnerCallback(llvm::StringRef Record,
                               llvm::StringRef Field) const {
  return slotRole(Record, Field) == "release";
}

bool ApiModel::isBindingCallback(llvm::StringRef Record,
                                 llvm::StringRef Field) const {
  llvm::StringRef Role = slotRole(Record, Field);
  return Role == "probe" || Role == "remove" || Role == "shutdown";
}

const LockFunction *ApiModel::lockFunction(llvm::StringRef Name) const {
  return lookup(D.Locks, Name);
}

const LockSummary *ApiModel::lockSummary(llvm::StringRef Name) const {
  return lookup(D.LockSummaries, Name);
}

const LockFunction *ApiModel::guardLock(llvm::StringRef Constructor) const {
  auto It = D.Guards.find(Constructor.str());
  return It == D.Guards.end() ? nullptr : lockFunction(It->second);
}

std::optional<unsigned> ApiModel::lockPassThrough(llvm::StringRef Name) const {
  auto It = D.LockPassThrough.find(Name.str());
  if (It == D.LockPassThrough.end())
    return std::nullopt;
  return It->second;
}

bool ApiModel::isLockInternalField(llvm::StringRef Field) const {
  return llvm::is_contained(D.LockInternalFields, Field);
}

const CallbackBinding *ApiModel::binding(llvm::StringRef Name) const {
  return lookup(D.Bindings, Name);
}

llvm::StringRef ApiModel::callbackFieldKind(llvm::StringRef Record,
                                            llvm::StringRef Field) const {
  return lookup(D.CallbackFields, Record, Field);
}

const Barrier *ApiModel::barrier(llvm::StringRef Name) const {
  return lookup(D.Barriers, Name);
}

bool ApiModel::isOpaqueObject(llvm::StringRef Class) const {
  return llvm::is_contained(D.OpaqueObjects, Class);
}

bool ApiModel::isPerDeviceClass(llvm::StringRef Class) const {
  if (!Class.consume_front("struct "))
    return false;
  return isBusDevice(Class.take_until([](char C) { return C == '.'; }), "dev");
}

bool ApiModel::isCreator(llvm::StringRef Name) const {
  return llvm::is_contained(D.Creators, Name);
}

std::optional<bool> ApiModel::testFailureBranch(llvm::StringRef Macro) const {
  auto It = D.TestFailureBranches.find(Macro.str());
  if (It == D.TestFailureBranches.end())
    return std::nullopt;
  return It->second;
}

bool ApiModel::isFailureTest(llvm::StringRef Function) const {
  return std::find(D.FailureTests.begin(), D.FailureTests.end(), Function) !=
         D.FailureTests.end();
}

std::string ApiModel::releaseFor(llvm::StringRef Kind) const {
  const RefKind *K = refKind(Kind);
  return K ? K->Release : std::string();
}

} // namespace devlife
