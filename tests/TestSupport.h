//===- TestSupport.h - Running devlife and clang-tidy from tests ----------===//
#ifndef DEVLIFE_TESTS_TESTSUPPORT_H
#define DEVLIFE_TESTS_TESTSUPPORT_H

#include "llvm/Support/Program.h"
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace devlife::test {

struct CommandResult {
  int Rc = -1;
  std::string Out, Err;
};

/// A command running in the background, for tests that act on it while it
/// runs (signal it, watch its stderr).
class Command {
public:
  /// Starts argv[0] (a path) with the extra environment variables set.
  /// XDG_CACHE_HOME, unless Env sets it, is an empty directory of the
  /// command's own: devlife's default cache starts empty and goes with it.
  /// StdinFile, if given, is what it reads on stdin (else nothing).
  Command(const std::vector<std::string> &Argv,
          const std::map<std::string, std::string> &Env = {},
          const std::string &StdinFile = "");
  Command(const Command &) = delete;
  Command &operator=(const Command &) = delete;
  /// Stops the command if it still runs.
  ~Command();
  llvm::sys::procid_t pid() const { return PI.Pid; }
  /// What it wrote to stderr so far.
  std::string errSoFar() const;
  /// Waits for the end (killing it after TimeoutSeconds, if not 0).
  CommandResult wait(unsigned TimeoutSeconds = 0);

private:
  std::string Dir;
  llvm::sys::ProcessInfo PI;
  bool Done = false;
};

/// Runs argv[0] (a path) with the extra environment variables set.
CommandResult run(const std::vector<std::string> &Argv,
                  const std::map<std::string, std::string> &Env = {},
                  const std::string &StdinFile = "");

/// A finding written into a corpus file: `// expect: RULE [RULE...]`, with an
/// optional `fixable` when clang-tidy --fix must remove it. `// expect-also:
/// RULE` is a line a finding reported elsewhere points to as well (a related
/// "also ..." note); its Rule carries AlsoSuffix.
inline const std::string AlsoSuffix = " (also)";
struct Expectation {
  std::string File;
  unsigned Line;
  std::string Rule;
  bool Fixable = false;
  bool operator<(const Expectation &O) const {
    return std::tie(File, Line, Rule) < std::tie(O.File, O.Line, O.Rule);
  }
};

std::vector<Expectation> readExpectations(const std::string &File);

/// `FILE:LINE:COL: warning: MESSAGE [devlife-RULE]` lines of clang-style
/// output, as (file, line, rule); files made absolute against BaseDir, by
/// default the current directory (which the commands we run inherit).
std::multiset<std::tuple<std::string, unsigned, std::string>>
parseWarnings(const std::string &Output, std::string BaseDir = "");
/// The same, plus the "also ..." notes under each warning as (file, line,
/// rule + AlsoSuffix): what `// expect:` and `// expect-also:` describe.
std::multiset<std::tuple<std::string, unsigned, std::string>>
parseFindings(const std::string &Output, std::string BaseDir = "");

std::string readFile(const std::string &Path);

/// `devlife audit` of the corpus database with these rule globs over one
/// corpus folder or file (relative to the corpus), two workers.
CommandResult auditCorpus(const std::string &Checks, const std::string &Path);

/// Whether the command printed Text on stdout.
/// A number from the environment (the oracles' sizes and seeds), or Default.
inline uint64_t envNumber(const char *Name, uint64_t Default) {
  const char *V = std::getenv(Name);
  return V && *V ? std::stoull(V) : Default;
}

inline bool printed(const CommandResult &R, const std::string &Text) {
  return R.Out.find(Text) != std::string::npos;
}
void writeFile(const std::string &Path, const std::string &Text);
std::string makeTempDir(const std::string &Prefix);
/// Every .c file under the corpus, sorted.
std::vector<std::string> corpusFiles();

} // namespace devlife::test

#endif
