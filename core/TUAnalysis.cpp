//===- TUAnalysis.cpp -----------------------------------------------------===//
#include "core/TUAnalysis.h"

#include "core/BodyFilter.h"
#include "core/TUState.h"
#include "matchers/ApiModel.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

namespace devlife {
namespace {

using clang::ast_matchers::MatchFinder;

/// Adapts a Rule to the MatchFinder and collects its reports as findings.
class RuleRunner : public MatchFinder::MatchCallback, public ReportSink {
public:
  RuleRunner(std::unique_ptr<Rule> R, TUFactsBuilder &Facts)
      : TheRule(std::move(R)), Out(Facts.facts().Findings), Facts(Facts) {}

  void attach(MatchFinder &Finder) { TheRule->registerMatchers(Finder, *this); }
  void onStartOfTranslationUnit() override { TUState::startTranslationUnit(); }
  void run(const MatchFinder::MatchResult &Result) override {
    TheRule->check(Result, *this);
  }
  void report(Report R, const clang::SourceManager &SM) override {
    Out.push_back(toFinding(R, SM));
  }
  void problem(const std::string &Message) override {
    Facts.noteProblem(Message);
  }

private:
  std::unique_ptr<Rule> TheRule;
  std::vector<Finding> &Out;
  TUFactsBuilder &Facts;
};

/// Counts compiler errors and keeps the first few, for the notification.
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  explicit ErrorCollector(TUFacts &Facts) : Facts(Facts) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    ++Facts.ErrorCount;
    if (Facts.ErrorCount > MaxKept)
      return;
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      SourcePoint P = toSourcePoint(Info.getLocation(), Info.getSourceManager());
      Where = P.File + ":" + std::to_string(P.Line) + ":" +
              std::to_string(P.Column) + ": ";
    }
    Facts.Problems.push_back(Where + "error: " + std::string(Msg));
  }

private:
  static constexpr unsigned MaxKept = 5;
  TUFacts &Facts;
};

/// Every file the SourceManager read, absolute, sorted.
std::vector<std::string> filesRead(const clang::SourceManager &SM,
                                   const clang::FileManager &FM) {
  std::vector<std::string> Files;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    FM.makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Files.push_back(std::string(Path));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

class RulesAction : public clang::ASTFrontendAction {
public:
  RulesAction(const AnalysisOptions &Opts, TUFactsBuilder &Facts,
              std::vector<std::string> *Inputs)
      : Opts(Opts), Facts(Facts), Inputs(Inputs) {}

  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef) override {
    RuleContext Ctx{Opts.Model, &Facts, /*ProgramFactsFile=*/""};
    for (const RuleEntry *E : Opts.Rules) {
      Runners.push_back(std::make_unique<RuleRunner>(E->Create(Ctx), Facts));
      Runners.back()->attach(Finder);
    }
    CI.getFrontendOpts().SkipFunctionBodies = Opts.SkipUnreadBodies;
    ApiModel::Names Known = Opts.Model->knownNames();
    Filter = std::make_unique<BodyFilter>(
        CI, BodyInterest{std::move(Known.Exact), std::move(Known.Prefixes)});
    return withBodyFilter(Finder.newASTConsumer(), *Filter);
  }

  void EndSourceFileAction() override {
    if (Inputs)
      *Inputs = filesRead(getCompilerInstance().getSourceManager(),
                          getCompilerInstance().getFileManager());
    if (!Filter)
      return;
    BodyCounts N = Filter->counts();
    Facts.facts().FunctionBodies = N.Definitions;
    Facts.facts().FunctionBodiesSkipped = N.Skipped;
  }

private:
  const AnalysisOptions &Opts;
  TUFactsBuilder &Facts;
  std::vector<std::string> *Inputs;
  MatchFinder Finder;
  std::vector<std::unique_ptr<RuleRunner>> Runners;
  std::unique_ptr<BodyFilter> Filter;
};

class RulesActionFactory : public clang::tooling::FrontendActionFactory {
public:
  RulesActionFactory(const AnalysisOptions &Opts, TUFactsBuilder &Facts,
                     std::vector<std::string> *Inputs)
      : Opts(Opts), Facts(Facts), Inputs(Inputs) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<RulesAction>(Opts, Facts, Inputs);
  }

private:
  const AnalysisOptions &Opts;
  TUFactsBuilder &Facts;
  std::vector<std::string> *Inputs;
};

/// A database of exactly the one command we were given.
class SingleCommandDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(clang::tooling::CompileCommand Cmd)
      : Cmd(std::move(Cmd)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {Cmd};
  }

private:
  clang::tooling::CompileCommand Cmd;
};

bool isDependencyOutput(llvm::StringRef A) {
  return A.starts_with("-Wp,-MD,") || A.starts_with("-Wp,-MMD,") ||
         A == "-MD" || A == "-MMD";
}

} // namespace

std::vector<std::string> syntaxOnlyArguments(std::vector<std::string> Args,
                                             const std::string &ResourceDir) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    bool TakesValue = A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ" ||
                      A == "-mllvm";
    if (TakesValue) {
      ++I;
      continue;
    }
    if (A == "-c" || A == "-S" || A == "-E" || isDependencyOutput(A) ||
        (A.starts_with("-o") && A.size() > 2) || A.starts_with("-mllvm="))
      continue;
    Out.push_back(Args[I]);
  }
  if (!Out.empty() && !ResourceDir.empty())
    Out.insert(Out.begin() + 1, "-resource-dir=" + ResourceDir);
  for (const char *Extra : {"-fsyntax-only", "-w", "-Wno-error"})
    Out.push_back(Extra);
  return Out;
}

TUFacts analyzeTU(const CompileJob &Job, const AnalysisOptions &Opts,
                  std::vector<std::string> *Inputs) {
  TUFactsBuilder Facts;
  llvm::SmallString<256> File(Job.File);
  if (!llvm::sys::path::is_absolute(File))
    llvm::sys::path::make_absolute(Job.Directory, File);
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  Facts.facts().File = std::string(File);

  clang::tooling::CompileCommand Cmd(
      Job.Directory, std::string(File),
      syntaxOnlyArguments(Job.Arguments, Opts.ResourceDir), "");
  SingleCommandDatabase DB(Cmd);
  clang::tooling::ClangTool Tool(DB, {std::string(File)});
  // The command is already final: ClangTool's default adjusters would add
  // -fsyntax-only again and strip nothing we have not stripped.
  Tool.clearArgumentsAdjusters();
  for (const auto &[Path, Contents] : Opts.FileContents)
    Tool.mapVirtualFile(Path, Contents);
  ErrorCollector Errors(Facts.facts());
  Tool.setDiagnosticConsumer(&Errors);
  RulesActionFactory Factory(Opts, Facts, Inputs);
  int Status = Tool.run(&Factory);
  if (Status != 0 && Facts.facts().ErrorCount == 0)
    Facts.noteProblem("clang could not process the compile command");
  return Facts.take();
}

} // namespace devlife
