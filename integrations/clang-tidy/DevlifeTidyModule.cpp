//===- DevlifeTidyModule.cpp - devlife rules as clang-tidy checks ---------===//
//
// Loaded with `clang-tidy-22 --load=libdevlife-tidy.so --checks='-*,devlife-*'`.
// Each rule becomes a check of the same name; path steps become notes, and
// fix-its go through clang-tidy's --fix. Options (in .clang-tidy):
//   CheckOptions:
//     ApiModel: path/to/extra-api-model.json   (global or per check)
//     ProgramFacts: path/to/facts.json  (from `devlife audit --program-facts`:
//                   callbacks and locks of the other files, for the lock rules)
//
//===----------------------------------------------------------------------===//
#include "core/Rule.h"
#include "core/TUState.h"
#include "matchers/ApiModel.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <mutex>

namespace devlife {
namespace {

using namespace clang;
using namespace clang::tidy;

/// The built-in model, extended by the file named in the options. Loaded
/// once per path: clang-tidy creates checks for every translation unit.
llvm::Expected<std::shared_ptr<const ApiModel>>
loadModel(const std::string &ExtraPath) {
  static std::mutex Lock;
  static std::map<std::string, std::shared_ptr<const ApiModel>> Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Cache.find(ExtraPath);
  if (It != Cache.end())
    return It->second;
  auto Model = ApiModel::builtin();
  if (!Model)
    return Model.takeError();
  if (!ExtraPath.empty())
    if (auto Err = Model->extendFromFile(ExtraPath))
      return std::move(Err);
  auto Shared = std::make_shared<const ApiModel>(std::move(*Model));
  Cache[ExtraPath] = Shared;
  return Shared;
}

/// clang-tidy's diagnostic formatter reads '%' as an argument marker.
std::string escapePercent(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    Out += C;
    if (C == '%')
      Out += '%';
  }
  return Out;
}

class RuleCheck : public ClangTidyCheck, public ReportSink {
public:
  RuleCheck(StringRef Name, ClangTidyContext *Context, const RuleEntry &Entry)
      : ClangTidyCheck(Name, Context),
        ModelPath(Options.getLocalOrGlobal("ApiModel", "").str()),
        FactsPath(Options.getLocalOrGlobal("ProgramFacts", "").str()) {
    auto Model = loadModel(ModelPath);
    if (!Model) {
      configurationDiag("%0: %1 (the check is disabled)")
          << Name << llvm::toString(Model.takeError());
      return;
    }
    TheRule = Entry.Create(RuleContext{*Model, nullptr, FactsPath});
  }

  bool isLanguageVersionSupported(const LangOptions &) const override {
    return true; // kernel code is C
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    if (TheRule)
      TheRule->registerMatchers(*Finder, *this);
  }
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override {
    TheRule->check(Result, *this);
  }
  // One clang-tidy process runs file after file: a family's state of the
  // last file must not answer for this one.
  void onStartOfTranslationUnit() override { TUState::startTranslationUnit(); }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "ApiModel", ModelPath);
    Options.store(Opts, "ProgramFacts", FactsPath);
  }

  void report(Report R, const SourceManager &) override {
    {
      DiagnosticBuilder D = diag(R.Loc, escapePercent(R.Message));
      for (const FixItHint &Fix : R.Fixes)
        D << Fix;
    }
    for (const ReportStep &Step : R.Path)
      diag(Step.Loc, escapePercent(Step.Message), DiagnosticIDs::Note);
    for (const ReportStep &Step : R.Related)
      diag(Step.Loc, escapePercent(Step.Message), DiagnosticIDs::Note);
  }

  void problem(const std::string &Message) override {
    configurationDiag("%0") << Message;
  }

private:
  std::string ModelPath, FactsPath;
  std::unique_ptr<Rule> TheRule;
};

class DevlifeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const RuleEntry &Entry : allRules())
      Factories.registerCheckFactory(
          Entry.Info.Id, [&Entry](StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<RuleCheck>(Name, Context, Entry);
          });
  }
};

} // namespace
} // namespace devlife

static clang::tidy::ClangTidyModuleRegistry::Add<devlife::DevlifeModule>
    DevlifeModuleRegistration("devlife-module",
                              "devlife: device-lifetime rules for Linux drivers");
