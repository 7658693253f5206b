//===- FuzzSupport.cpp ----------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"

#include "core/Family.h"
#include "core/Rule.h"
#include "matchers/ApiModel.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

namespace devlife::fuzz {

namespace {
struct ScratchDir {
  std::string Path;
  ScratchDir() {
    llvm::SmallString<128> Dir;
    if (llvm::sys::fs::createUniqueDirectory("devlife-fuzz", Dir))
      fail("cannot create a scratch directory");
    Path = std::string(Dir);
  }
  ~ScratchDir() { llvm::sys::fs::remove_directories(Path); }
};
} // namespace

const std::string &scratchDir() {
  static ScratchDir Dir;
  return Dir.Path;
}

std::string scratchFile(llvm::StringRef Name, llvm::StringRef Data) {
  std::string Path = scratchDir() + "/" + Name.str();
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    fail("cannot write " + Path + ": " + EC.message());
  OS << Data;
  return Path;
}

void fail(const std::string &Why) {
  llvm::errs() << "devlife fuzz: " << Why << "\n";
  std::abort();
}

void expectErrorNames(llvm::Error E, llvm::StringRef Name) {
  if (!E)
    return;
  std::string Msg = llvm::toString(std::move(E));
  if (!llvm::StringRef(Msg).contains(Name))
    fail("the error does not name " + Name.str() + ": " + Msg);
}

const ApiModel &builtinModel() {
  static const ApiModel Model = [] {
    auto M = ApiModel::builtin();
    if (!M)
      fail("the built-in model does not load: " + llvm::toString(M.takeError()));
    return std::move(*M);
  }();
  return Model;
}

void runGlobalPhase(const std::vector<const TUFacts *> &TUs) {
  GlobalInput In;
  In.TUs = TUs;
  In.Model = &builtinModel();
  for (const RuleEntry &R : allRules())
    In.Rules.insert(R.Info.Id);
  std::vector<UnreadableFacts> Unreadable;
  for (const Family *F : allFamilies()) {
    Refinement R = refineReadable(*F, In, Unreadable);
    for (size_t I : R.Reanalyse)
      if (I >= TUs.size())
        fail(F->name().str() + " asks to re-analyse TU " + std::to_string(I) +
             " of " + std::to_string(TUs.size()));
    reportReadable(*F, In, Unreadable);
  }
  for (const UnreadableFacts &U : Unreadable)
    if (U.File.empty() && TUs.size() == 1)
      fail("one TU's facts read alone but not together: " + U.Message);
}

} // namespace devlife::fuzz
