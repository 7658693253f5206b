//===- ProgramFacts.cpp - JSON form of the program facts ------------------===//
//
// Empty fields are left out: a TU has tens of thousands of call sites, most
// with no lock held, and the facts travel through files.
//
//===----------------------------------------------------------------------===//
#include "core/ProgramFacts.h"

#include <nlohmann/json.hpp>

namespace devlife::program {
namespace {

using nlohmann::json;

template <typename T> void put(json &J, const char *Key, const T &V) {
  if (!V.empty())
    J[Key] = V;
}
void put(json &J, const char *Key, bool V) {
  if (V)
    J[Key] = true;
}
template <typename T> void get(const json &J, const char *Key, T &V) {
  auto It = J.find(Key);
  if (It != J.end())
    It->get_to(V);
}

} // namespace

void to_json(json &J, const HeldLock &H) {
  J = {{"class", H.Class}, {"at", H.Acquired}};
  put(J, "text", H.Text);
  put(J, "shared", H.Shared);
  put(J, "sleeps", H.Sleeps);
}
void from_json(const json &J, HeldLock &H) {
  J.at("class").get_to(H.Class);
  J.at("at").get_to(H.Acquired);
  get(J, "text", H.Text);
  get(J, "shared", H.Shared);
  get(J, "sleeps", H.Sleeps);
}

void to_json(json &J, const LockSite &S) {
  J = {{"class", S.Class}, {"api", S.Api}, {"at", S.Where}};
  put(J, "text", S.Text);
  put(J, "held", S.Held);
  put(J, "try", S.Try);
  put(J, "shared", S.Shared);
  put(J, "sleeps", S.Sleeps);
}
void from_json(const json &J, LockSite &S) {
  J.at("class").get_to(S.Class);
  J.at("api").get_to(S.Api);
  J.at("at").get_to(S.Where);
  get(J, "text", S.Text);
  get(J, "held", S.Held);
  get(J, "try", S.Try);
  get(J, "shared", S.Shared);
  get(J, "sleeps", S.Sleeps);
}

bool contradicts(const std::vector<ParamGuard> &Guards,
                 const std::vector<std::optional<long long>> &Constants) {
  for (const ParamGuard &G : Guards)
    if (G.Param < Constants.size() && Constants[G.Param] &&
        (*Constants[G.Param] != 0) != G.WhenTrue)
      return true;
  return false;
}

void to_json(json &J, const ParamGuard &G) {
  J = {{"param", G.Param}, {"when", G.WhenTrue}};
}
void from_json(const json &J, ParamGuard &G) {
  J.at("param").get_to(G.Param);
  J.at("when").get_to(G.WhenTrue);
}

void to_json(json &J, const CallSite &S) {
  J = {{"callee", S.Callee}, {"at", S.Where}};
  put(J, "text", S.Text);
  put(J, "held", S.Held);
  bool AnyClass = std::any_of(S.ArgClasses.begin(), S.ArgClasses.end(),
                              [](const std::string &C) { return !C.empty(); });
  if (AnyClass)
    J["args"] = S.ArgClasses;
  bool AnyConstant = std::any_of(S.ArgConstants.begin(), S.ArgConstants.end(),
                                 [](const auto &C) { return C.has_value(); });
  if (AnyConstant) {
    json &A = J["constants"] = json::array();
    for (const auto &C : S.ArgConstants)
      A.push_back(C ? json(*C) : json());
  }
  if (std::any_of(S.ArgParams.begin(), S.ArgParams.end(),
                  [](int P) { return P >= 0; }))
    J["forwards"] = S.ArgParams;
  put(J, "guards", S.Guards);
  put(J, "selects", S.Selects);
  put(J, "arg_fields", S.ArgFields);
  if (S.Once)
    J["once"] = true;
}
void from_json(const json &J, CallSite &S) {
  J.at("callee").get_to(S.Callee);
  J.at("at").get_to(S.Where);
  get(J, "text", S.Text);
  get(J, "held", S.Held);
  get(J, "args", S.ArgClasses);
  if (auto It = J.find("constants"); It != J.end())
    for (const json &C : *It)
      S.ArgConstants.push_back(C.is_null() ? std::nullopt
                                           : std::optional(C.get<long long>()));
  get(J, "forwards", S.ArgParams);
  get(J, "guards", S.Guards);
  get(J, "selects", S.Selects);
  get(J, "arg_fields", S.ArgFields);
  get(J, "once", S.Once);
}

void to_json(json &J, const FieldValue &V) {
  J = {{"field", V.Field}, {"value", V.Value}};
}
void from_json(const json &J, FieldValue &V) {
  J.at("field").get_to(V.Field);
  J.at("value").get_to(V.Value);
}
void to_json(json &J, const KeySelect &K) {
  J = {{"field", K.Field}, {"param", K.Param}, {"param_field", K.ParamField}};
}
void from_json(const json &J, KeySelect &K) {
  J.at("field").get_to(K.Field);
  J.at("param").get_to(K.Param);
  J.at("param_field").get_to(K.ParamField);
}
void to_json(json &J, const ArgField &A) {
  J = {{"arg", A.Arg}, {"field", A.Field}, {"value", A.Value}};
}
void from_json(const json &J, ArgField &A) {
  J.at("arg").get_to(A.Arg);
  J.at("field").get_to(A.Field);
  J.at("value").get_to(A.Value);
}

void to_json(json &J, const BarrierSite &S) {
  J = {{"api", S.Api}, {"at", S.Where}};
  put(J, "kind", S.Kind);
  put(J, "object", S.Object);
  put(J, "text", S.Text);
  put(J, "readers", S.Readers);
  put(J, "opaque", S.Opaque);
  put(J, "fresh", S.Fresh);
  put(J, "held", S.Held);
  put(J, "guards", S.Guards);
  put(J, "dropped", S.Dropped);
}
void from_json(const json &J, BarrierSite &S) {
  J.at("api").get_to(S.Api);
  J.at("at").get_to(S.Where);
  get(J, "kind", S.Kind);
  get(J, "object", S.Object);
  get(J, "text", S.Text);
  get(J, "readers", S.Readers);
  get(J, "opaque", S.Opaque);
  get(J, "fresh", S.Fresh);
  get(J, "held", S.Held);
  get(J, "guards", S.Guards);
  get(J, "dropped", S.Dropped);
}

void to_json(json &J, const FunctionFacts &F) {
  J = {{"key", F.Key}, {"name", F.Name}, {"at", F.Where}};
  put(J, "locks", F.Locks);
  put(J, "calls", F.Calls);
  put(J, "barriers", F.Barriers);
  put(J, "returns_held", F.ReturnsHeld);
  put(J, "releases_held", F.ReleasesHeld);
  put(J, "asserts_held", F.AssertsHeld);
  put(J, "at_return", F.AtReturn);
}
void from_json(const json &J, FunctionFacts &F) {
  J.at("key").get_to(F.Key);
  J.at("name").get_to(F.Name);
  J.at("at").get_to(F.Where);
  get(J, "locks", F.Locks);
  get(J, "calls", F.Calls);
  get(J, "barriers", F.Barriers);
  get(J, "returns_held", F.ReturnsHeld);
  get(J, "releases_held", F.ReleasesHeld);
  get(J, "asserts_held", F.AssertsHeld);
  get(J, "at_return", F.AtReturn);
}

void to_json(json &J, const Binding &B) {
  J = {{"api", B.Api}, {"kind", B.Kind}, {"at", B.Where}};
  put(J, "object", B.Object);
  put(J, "text", B.Text);
  put(J, "callbacks", B.Callbacks);
  put(J, "members", B.Members);
  put(J, "member_kind", B.MemberKind);
  put(J, "in", B.InFunction);
}
void from_json(const json &J, Binding &B) {
  J.at("api").get_to(B.Api);
  J.at("kind").get_to(B.Kind);
  J.at("at").get_to(B.Where);
  get(J, "object", B.Object);
  get(J, "text", B.Text);
  get(J, "callbacks", B.Callbacks);
  get(J, "members", B.Members);
  get(J, "member_kind", B.MemberKind);
  get(J, "in", B.InFunction);
}

void to_json(json &J, const SlotTarget &S) {
  J = {{"slot", S.Slot}, {"function", S.Function}, {"at", S.Where}};
  put(J, "keys", S.Keys);
}
void from_json(const json &J, SlotTarget &S) {
  J.at("slot").get_to(S.Slot);
  J.at("function").get_to(S.Function);
  J.at("at").get_to(S.Where);
  get(J, "keys", S.Keys);
}

void to_json(json &J, const TUProgramFacts &F) {
  J = {{"version", FactsVersion},
       {"functions", F.Functions},
       {"bindings", F.Bindings},
       {"slots", F.Slots}};
}
void from_json(const json &J, TUProgramFacts &F) {
  unsigned Version = J.at("version").get<unsigned>();
  if (Version != FactsVersion)
    throw json::other_error::create(
        501,
        "program facts of version " + std::to_string(Version) +
            ", expected " + std::to_string(FactsVersion),
        &J);
  J.at("functions").get_to(F.Functions);
  J.at("bindings").get_to(F.Bindings);
  J.at("slots").get_to(F.Slots);
}

} // namespace devlife::program
