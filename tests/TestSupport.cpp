//===- TestSupport.cpp ----------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <mutex>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace devlife::test {

std::string readFile(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

CommandResult auditCorpus(const std::string &Checks, const std::string &Path) {
  return run({DEVLIFE_BIN, "audit", "-p", DEVLIFE_CORPUS_DB_DIR, "--jobs", "2",
              "--checks=" + Checks, std::string(DEVLIFE_CORPUS_DIR) + "/" + Path});
}

void writeFile(const std::string &Path, const std::string &Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  OS << Text;
}

namespace {
/// The directories the tests made, removed when the test process ends (a
/// full ctest run made hundreds); DEVLIFE_KEEP_TEST_DIRS=1 keeps them to
/// look at what a failing test saw.
struct TempDirs {
  std::mutex M;
  std::vector<std::string> Made;
  ~TempDirs() {
    const char *Keep = std::getenv("DEVLIFE_KEEP_TEST_DIRS");
    if (Keep && *Keep && std::string(Keep) != "0")
      return;
    for (const std::string &D : Made)
      llvm::sys::fs::remove_directories(D, /*IgnoreErrors=*/true);
  }
};
TempDirs &tempDirs() {
  static TempDirs T;
  return T;
}
} // namespace

std::string makeTempDir(const std::string &Prefix) {
  llvm::SmallString<128> Dir;
  llvm::sys::fs::createUniqueDirectory(Prefix, Dir);
  TempDirs &T = tempDirs();
  std::lock_guard<std::mutex> L(T.M);
  T.Made.emplace_back(Dir);
  return std::string(Dir);
}

Command::Command(const std::vector<std::string> &Argv,
                 const std::map<std::string, std::string> &Env,
                 const std::string &StdinFile)
    : Dir(makeTempDir("devlife-test-run")) {
  std::vector<llvm::StringRef> Args(Argv.begin(), Argv.end());
  // A cache of this command's own, gone with it: no test reads what
  // another wrote (a cached TU would skip the crash and hang hooks), none
  // writes to the user's ~/.cache. Tests of the cache pass --cache-dir.
  std::map<std::string, std::string> Vars{{"XDG_CACHE_HOME", Dir + "/cache"}};
  for (const auto &[K, V] : Env)
    Vars[K] = V;
  std::vector<std::string> EnvStorage;
  // Vars replace the inherited variables: getenv finds the first.
  for (char **E = environ; *E; ++E)
    if (!Vars.count(llvm::StringRef(*E).split('=').first.str()))
      EnvStorage.push_back(*E);
  for (const auto &[K, V] : Vars)
    EnvStorage.push_back(K + "=" + V);
  std::vector<llvm::StringRef> EnvRefs(EnvStorage.begin(), EnvStorage.end());
  std::optional<llvm::ArrayRef<llvm::StringRef>> EnvRef = EnvRefs;
  std::string OutFile = Dir + "/out", ErrFile = Dir + "/err";
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(StdinFile), llvm::StringRef(OutFile), llvm::StringRef(ErrFile)};
  PI = llvm::sys::ExecuteNoWait(Argv[0], Args, EnvRef, Redirects);
}

Command::~Command() {
  // SIGTERM first: devlife audit then kills its workers, which SIGKILL
  // would leave running.
  if (!Done && PI.Pid > 0) {
    ::kill(PI.Pid, SIGTERM);
    llvm::sys::Wait(PI, /*SecondsToWait=*/10); // SIGKILL after that
  }
  llvm::sys::fs::remove_directories(Dir);
}

std::string Command::errSoFar() const { return readFile(Dir + "/err"); }

CommandResult Command::wait(unsigned TimeoutSeconds) {
  CommandResult R;
  if (PI.Pid > 0)
    R.Rc = llvm::sys::Wait(PI, TimeoutSeconds ? std::optional(TimeoutSeconds)
                                              : std::nullopt)
               .ReturnCode;
  Done = true;
  R.Out = readFile(Dir + "/out");
  R.Err = readFile(Dir + "/err");
  return R;
}

CommandResult run(const std::vector<std::string> &Argv,
                  const std::map<std::string, std::string> &Env,
                  const std::string &StdinFile) {
  return Command(Argv, Env, StdinFile).wait();
}

std::vector<Expectation> readExpectations(const std::string &File) {
  static const std::regex Expect(R"(//.*\bexpect(-also)?:\s*(.*)$)");
  std::vector<Expectation> Out;
  std::istringstream In(readFile(File));
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    std::smatch M;
    if (!std::regex_search(Line, M, Expect))
      continue;
    bool Also = M[1].matched;
    std::istringstream Words(M[2].str());
    std::vector<std::string> Rules;
    bool Fixable = false;
    for (std::string W; Words >> W;) {
      if (W == "fixable")
        Fixable = true;
      else if (W.rfind("devlife-", 0) == 0)
        Rules.push_back(Also ? W + AlsoSuffix : W);
    }
    for (const std::string &R : Rules)
      Out.push_back({File, N, R, Fixable});
  }
  return Out;
}

std::multiset<std::tuple<std::string, unsigned, std::string>>
parseWarnings(const std::string &Output, std::string BaseDir) {
  auto All = parseFindings(Output, std::move(BaseDir));
  for (auto It = All.begin(); It != All.end();)
    It = llvm::StringRef(std::get<2>(*It)).ends_with(AlsoSuffix) ? All.erase(It)
                                                                 : std::next(It);
  return All;
}

std::multiset<std::tuple<std::string, unsigned, std::string>>
parseFindings(const std::string &Output, std::string BaseDir) {
  if (BaseDir.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    BaseDir = std::string(Cwd);
  }
  static const std::regex Warning(
      R"(^(.+?):(\d+):\d+: (?:warning|error|note): .*\[(devlife-[a-z-]+)\]$)");
  // A note belongs to the warning above it.
  static const std::regex AlsoNote(R"(^(.+?):(\d+):\d+: note: also .*$)");
  std::multiset<std::tuple<std::string, unsigned, std::string>> Out;
  std::istringstream In(Output);
  std::string LastRule;
  auto add = [&](const std::string &File, const std::string &Line,
                 const std::string &Rule) {
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::path::is_absolute(Path))
      llvm::sys::path::make_absolute(BaseDir, Path);
    llvm::sys::path::remove_dots(Path, true);
    Out.insert({std::string(Path), unsigned(std::stoul(Line)), Rule});
  };
  for (std::string Line; std::getline(In, Line);) {
    std::smatch M;
    if (std::regex_match(Line, M, Warning)) {
      LastRule = M[3].str();
      add(M[1].str(), M[2].str(), LastRule);
    } else if (!LastRule.empty() && std::regex_match(Line, M, AlsoNote)) {
      add(M[1].str(), M[2].str(), LastRule + AlsoSuffix);
    }
  }
  return Out;
}

std::vector<std::string> corpusFiles() {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(DEVLIFE_CORPUS_DIR, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (P.ends_with(".c") && !P.contains("/include/"))
      Files.push_back(P.str());
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

} // namespace devlife::test
