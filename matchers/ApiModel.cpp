//===- ApiModel.cpp - Load and validate the kernel API model --------------===//
#include "matchers/ApiModel.h"

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
          Key == "owner_callbacks"     ? readNames(Value, Path, D.OwnerCallbacks)
          : Key == "binding_callbacks" ? readNames(Value, Path, D.BindingCallbacks)
                                       : fail(Path, "unknown key");
      if (Err)
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

bool ApiModel::isOwnerCallback(llvm::StringRef Field) const {
  return std::find(D.OwnerCallbacks.begin(), D.OwnerCallbacks.end(), Field) !=
         D.OwnerCallbacks.end();
}

bool ApiModel::isBindingCallback(llvm::StringRef Field) const {
  return std::find(D.BindingCallbacks.begin(), D.BindingCallbacks.end(), Field) !=
         D.BindingCallbacks.end();
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
