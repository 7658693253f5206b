//===- LockFamily.cpp -----------------------------------------------------===//
#include "checks/LockFamily.h"

#include "checks/LockGraph.h"
#include "checks/ProgramCollector.h"
#include "checks/WholeProgram.h"
#include "matchers/ApiModel.h"

#include <optional>

namespace devlife {
namespace {

using namespace clang::ast_matchers;
using nlohmann::json;

/// A summary of one externally visible function's facts: the locks it
/// returns with and those it releases for its caller; null if neither.
json lockSummary(const json &Fn) {
  json Sum = json::object();
  if (auto It = Fn.find("at_return"); It != Fn.end()) {
    json Returns = json::array();
    for (const json &H : *It) {
      json Out = {{"class", H.at("class").get<std::string>()}};
      if (H.contains("text"))
        Out["text"] = H["text"].get<std::string>();
      for (const char *Flag : {"shared", "sleeps"})
        if (H.value(Flag, false))
          Out[Flag] = true;
      Returns.push_back(std::move(Out));
    }
    Sum["returns_held"] = std::move(Returns);
  }
  if (auto It = Fn.find("releases_held"); It != Fn.end())
    Sum["releases_held"] = It->get<std::vector<std::string>>();
  return Sum.empty() ? json() : Sum;
}

/// The "locks" section: what the global step's rounds read, apart from
/// the program facts (a few percent of their size, and read every round).
/// The summaries of the TU's functions other files can call, and the
/// summaries it was analysed with for what it calls in other files.
json lockSection(const json &Program,
                 const std::map<std::string, std::string> &ExternalCallees) {
  json Summaries = json::object();
  for (const json &Fn : Program.at("functions")) {
    std::string Key = Fn.at("key").get<std::string>();
    if (Key.find("::") != std::string::npos)
      continue; // file-local
    json Sum = lockSummary(Fn);
    if (!Sum.is_null() && !Summaries.contains(Key))
      Summaries[Key] = std::move(Sum);
  }
  return {{"version", program::FactsVersion},
          {"summaries", std::move(Summaries)},
          {"external_callees", ExternalCallees}};
}

/// TU's "locks" section, if it has one of this version.
std::optional<json> locksOf(const TUFacts &TU) {
  std::optional<json> S = TU.section("locks");
  if (S && S->at("version").get<unsigned>() != program::FactsVersion)
    throw json::other_error::create(
        501, "lock facts of another version", &*S);
  return S;
}

/// Every TU's lock helpers, by name; the first TU in database order wins
/// when two define the same name, and the API model's entries stand.
json mergedLockSummaries(const GlobalInput &In) {
  json All = json::object();
  for (const TUFacts *TU : In.TUs) {
    const std::optional<json> S = locksOf(*TU);
    if (!S)
      continue;
    for (auto &[Key, Sum] : S->at("summaries").items())
      if (!All.contains(Key) && !In.Model->lockFunction(Key))
        All[Key] = Sum; // unless known already, or the model's
  }
  return All;
}

/// The TU called some function with another summary than there is now.
bool usedOtherSummaries(const TUFacts &TU, const json &Summaries) {
  const std::optional<json> S = locksOf(TU);
  if (!S)
    return false;
  for (auto &[Name, Used] : S->at("external_callees").items()) {
    auto It = Summaries.find(Name);
    if ((It == Summaries.end() ? "" : It->dump()) != Used.get<std::string>())
      return true;
  }
  return false;
}

class LockFamily : public Family {
public:
  llvm::StringRef name() const override { return "locks"; }

  /// A lock helper in one file is model data for its callers in every
  /// other: a caller of lock_hw() holds what lock_hw() returns with, and
  /// orders and barriers under it count. The audit repeats this, so a
  /// helper wrapped in a second file reaches a third.
  Refinement refine(const GlobalInput &In) const override {
    if (!In.Rules.count(locks::AcrossBarrierRule) &&
        !In.Rules.count(locks::OrderInversionRule))
      return {};
    json Summaries = mergedLockSummaries(In);
    Refinement R;
    for (size_t I = 0; I < In.TUs.size(); ++I)
      if (usedOtherSummaries(*In.TUs[I], Summaries))
        R.Reanalyse.push_back(I);
    if (!R.Reanalyse.empty())
      R.Model = {{"locks", {{"learned", Summaries}}}};
    return R;
  }

  std::vector<Finding> report(const GlobalInput &In) const override {
    bool Across = In.Rules.count(locks::AcrossBarrierRule);
    bool Order = In.Rules.count(locks::OrderInversionRule);
    if (!Across && !Order)
      return {};
    const program::ProgramModel &Model = In.programModel();
    const auto &U = In.Model->unvalidatedLocks();
    locks::LockGraph Graph(Model, {U.begin(), U.end()});
    std::vector<Finding> Out;
    if (Across)
      Out = Graph.acrossBarrierFindings();
    if (Order) {
      std::vector<Finding> O = Graph.orderInversionFindings();
      Out.insert(Out.end(), O.begin(), O.end());
    }
    return Out;
  }
};

} // namespace

const Family &lockFamily() {
  static const LockFamily F;
  return F;
}

namespace program {

/// Model plus the lock helpers of the files an audit stored, for a TU the
/// editor analyses alone; none when there is nothing to add.
static std::optional<ApiModel> withStoredLockHelpers(const ApiModel &Model,
                                              const std::vector<TUFacts> &Stored) {
  GlobalInput In;
  In.Model = &Model;
  for (const TUFacts &TU : Stored)
    In.TUs.push_back(&TU);
  json Summaries;
  try {
    Summaries = mergedLockSummaries(In);
  } catch (const json::exception &) {
    return std::nullopt; // the global step names the unreadable facts
  }
  if (Summaries.empty())
    return std::nullopt;
  ApiModel Out = Model;
  json Fragment = {{"locks", {{"learned", std::move(Summaries)}}}};
  if (llvm::Error Err = Out.extend(Fragment.dump(), "learned lock helpers")) {
    llvm::consumeError(std::move(Err));
    return std::nullopt;
  }
  return Out;
}

void recordProgramFacts(const RuleContext &Ctx, clang::ASTContext &AST) {
  std::optional<json> Locks;
  wholeprogram::section(Ctx, AST, "program", [&] {
    // An audit learns other files' lock helpers in its global rounds; the
    // editor, one file at a time, from the facts the audit left.
    std::optional<ApiModel> Learned;
    if (!Ctx.Facts)
      Learned = withStoredLockHelpers(*Ctx.Model, wholeprogram::storedFacts(Ctx, AST));
    TUProgramFacts P = collectProgramFacts(AST, Learned ? *Learned : *Ctx.Model);
    std::map<std::string, std::string> External = std::move(P.ExternalCallees);
    P.ExternalCallees.clear();
    json Program = P;
    Locks = lockSection(Program, External);
    return Program;
  });
  if (Locks)
    wholeprogram::section(Ctx, AST, "locks", [&] { return std::move(*Locks); });
}

} // namespace program

namespace locks {

void registerTUMatcher(MatchFinder &Finder, MatchFinder::MatchCallback &CB) {
  Finder.addMatcher(translationUnitDecl().bind("tu"), &CB);
}

void checkTU(llvm::StringRef RuleId, const RuleContext &Ctx,
             const MatchFinder::MatchResult &Result, ReportSink &Sink) {
  program::recordProgramFacts(Ctx, *Result.Context);
  if (!Ctx.Facts)
    wholeprogram::reportInEditor(lockFamily(), {AcrossBarrierRule,
                                                OrderInversionRule},
                                 RuleId, Ctx, Result, Sink);
}

} // namespace locks
} // namespace devlife
