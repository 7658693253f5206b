//===- Workers.cpp --------------------------------------------------------===//
#include "integrations/audit/Workers.h"

#include "matchers/ApiModel.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace devlife {
namespace {

using nlohmann::json;

json jobToJson(const CompileJob &Job, const WorkerConfig &Config) {
  return {{"directory", Job.Directory},     {"file", Job.File},
          {"arguments", Job.Arguments},     {"checks", Config.Checks},
          {"model_files", Config.ModelFiles}, {"resource_dir", Config.ResourceDir}};
}

llvm::Error writeText(const std::string &Path, const std::string &Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write %s: %s", Path.c_str(),
                                   EC.message().c_str());
  OS << Text;
  return llvm::Error::success();
}

std::string readText(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// The last lines of a worker's stderr: where Clang prints its stack dump.
std::string tailOf(const std::string &Text, unsigned Lines) {
  size_t Pos = Text.size();
  while (Lines-- && Pos != std::string::npos && Pos > 0)
    Pos = Text.rfind('\n', Pos - 1);
  std::string Tail = Text.substr(Pos == std::string::npos ? 0 : Pos);
  return llvm::StringRef(Tail).trim().str();
}

std::string describeFailure(int Rc, const std::string &ErrMsg,
                            const WorkerLimits &Limits) {
  if (Rc == -2 && ErrMsg.find("timed out") != std::string::npos)
    return "analysis timed out after " + std::to_string(Limits.TimeoutSeconds) +
           " s";
  if (Rc == -2)
    return "analysis crashed (" + (ErrMsg.empty() ? "signal" : ErrMsg) + ")";
  if (Rc == -1)
    return "could not start the analysis: " + ErrMsg;
  return "analysis exited with status " + std::to_string(Rc);
}

TUOutcome runOne(const std::string &SelfExe, const CompileJob &Job,
                 const WorkerConfig &Config, const WorkerLimits &Limits,
                 const std::string &TempDir, size_t Index) {
  TUOutcome Out;
  Out.File = Job.File;
  if (!llvm::sys::fs::exists(Job.File)) {
    Out.Failure = "source file does not exist";
    return Out;
  }
  std::string Base = TempDir + "/tu" + std::to_string(Index);
  std::string JobFile = Base + ".job.json", FactsFile = Base + ".facts.json",
              ErrFile = Base + ".stderr";
  if (auto Err = writeText(JobFile, jobToJson(Job, Config).dump())) {
    Out.Failure = llvm::toString(std::move(Err));
    return Out;
  }
  std::vector<llvm::StringRef> Args{SelfExe, "worker", "--job", JobFile,
                                    "--out", FactsFile};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(""),
                                                llvm::StringRef(ErrFile)};
  std::string ErrMsg;
  int Rc = llvm::sys::ExecuteAndWait(SelfExe, Args, std::nullopt, Redirects,
                                     Limits.TimeoutSeconds,
                                     Limits.MemoryLimitMB, &ErrMsg);
  std::string Stderr = readText(ErrFile);
  if (Rc != 0) {
    Out.Failure = describeFailure(Rc, ErrMsg, Limits);
    std::string Tail = tailOf(Stderr, 6);
    if (!Tail.empty())
      Out.Failure += ":\n" + Tail;
  } else {
    json J = json::parse(readText(FactsFile), nullptr, false);
    if (J.is_discarded()) {
      Out.Failure = "worker wrote no readable result";
    } else {
      try {
        Out.Facts = J.get<TUFacts>();
        Out.Ok = true;
      } catch (const json::exception &E) {
        Out.Failure = std::string("worker result is malformed: ") + E.what();
      }
    }
  }
  for (const std::string &F : {JobFile, FactsFile, ErrFile})
    llvm::sys::fs::remove(F);
  return Out;
}

} // namespace

std::vector<TUOutcome> runWorkers(const std::string &SelfExe,
                                  const std::vector<CompileJob> &Jobs,
                                  const WorkerConfig &Config,
                                  const WorkerLimits &Limits) {
  std::vector<TUOutcome> Outcomes(Jobs.size());
  llvm::SmallString<128> TempDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("devlife-audit", TempDir)) {
    for (size_t I = 0; I < Jobs.size(); ++I)
      Outcomes[I] = {Jobs[I].File, false, {},
                     "cannot create a temporary directory: " + EC.message()};
    return Outcomes;
  }
  {
    llvm::DefaultThreadPool Pool(
        llvm::hardware_concurrency(std::max(1u, Limits.Jobs)));
    for (size_t I = 0; I < Jobs.size(); ++I)
      Pool.async([&, I] {
        Outcomes[I] = runOne(SelfExe, Jobs[I], Config, Limits,
                             std::string(TempDir), I);
      });
    Pool.wait();
  }
  llvm::sys::fs::remove_directories(TempDir);
  return Outcomes;
}

static llvm::Expected<AnalysisOptions> optionsFromJob(const json &J) {
  auto Model = ApiModel::builtin();
  if (!Model)
    return Model.takeError();
  for (const std::string &F : J.at("model_files").get<std::vector<std::string>>())
    if (auto Err = Model->extendFromFile(F))
      return std::move(Err);
  AnalysisOptions Opts;
  Opts.Model = std::make_shared<const ApiModel>(std::move(*Model));
  Opts.ResourceDir = J.at("resource_dir").get<std::string>();
  for (const std::string &Id : J.at("checks").get<std::vector<std::string>>())
    if (const RuleEntry *E = findRule(Id))
      Opts.Rules.push_back(E);
  return Opts;
}

int workerMain(const std::string &JobFile, const std::string &OutFile) {
  json J = json::parse(readText(JobFile), nullptr, false);
  if (J.is_discarded()) {
    llvm::errs() << "devlife worker: unreadable job file " << JobFile << "\n";
    return 2;
  }
  try {
    auto Opts = optionsFromJob(J);
    if (!Opts) {
      llvm::errs() << "devlife worker: " << llvm::toString(Opts.takeError())
                   << "\n";
      return 2;
    }
    CompileJob Job{J.at("directory"), J.at("file"), J.at("arguments")};
    // Test hook: lets the test suite prove a crashing TU loses nothing else.
    if (const char *Crash = std::getenv("DEVLIFE_TEST_CRASH_ON"))
      if (*Crash && Job.File.find(Crash) != std::string::npos)
        std::abort();
    TUFacts Facts = analyzeTU(Job, *Opts);
    if (auto Err = writeText(OutFile, json(Facts).dump())) {
      llvm::errs() << "devlife worker: " << llvm::toString(std::move(Err))
                   << "\n";
      return 2;
    }
  } catch (const json::exception &E) {
    llvm::errs() << "devlife worker: malformed job file: " << E.what() << "\n";
    return 2;
  }
  return 0;
}

} // namespace devlife
