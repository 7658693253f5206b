//===- WholeProgram.cpp ---------------------------------------------------===//
#include "checks/WholeProgram.h"

#include "core/ProgramFactsFile.h"
#include "core/TUState.h"
#include <map>
#include <optional>

namespace devlife::wholeprogram {
namespace {

struct LiveTU {
  TUFacts Facts; // File and the whole-program sections only
  std::map<std::string, nlohmann::json> Sections; // Facts' sections, unpacked
  std::optional<std::vector<TUFacts>> Stored;
  std::string StoredError; // reported once, with the findings
  std::map<std::string, std::vector<Finding>> Findings; // by family
};

LiveTU &liveTU(clang::ASTContext &AST) {
  return TUState::of(AST).get<LiveTU>([&] {
    auto *T = new LiveTU;
    const auto &SM = AST.getSourceManager();
    T->Facts.File =
        toSourcePoint(SM.getLocForStartOfFile(SM.getMainFileID()), SM).File;
    return T;
  });
}

const std::vector<TUFacts> &stored(const RuleContext &Ctx, LiveTU &T) {
  if (T.Stored)
    return *T.Stored;
  T.Stored.emplace();
  if (Ctx.ProgramFactsFile.empty())
    return *T.Stored;
  auto Read = readProgramFacts(Ctx.ProgramFactsFile);
  if (Read)
    *T.Stored = std::move(*Read);
  else
    T.StoredError = llvm::toString(Read.takeError());
  return *T.Stored;
}

} // namespace

const std::vector<TUFacts> &storedFacts(const RuleContext &Ctx,
                                        clang::ASTContext &AST) {
  return stored(Ctx, liveTU(AST));
}

const nlohmann::json &
section(const RuleContext &Ctx, clang::ASTContext &AST, llvm::StringRef Name,
        const std::function<nlohmann::json()> &Collect) {
  LiveTU &T = liveTU(AST);
  auto It = T.Sections.find(Name.str());
  if (It != T.Sections.end())
    return It->second;
  nlohmann::json &S = T.Sections[Name.str()] = Collect();
  T.Facts.setSection(Name, S);
  if (Ctx.Facts)
    Ctx.Facts->section(Name) = S;
  return S;
}

void reportInEditor(const Family &Fam, const std::set<std::string> &Rules,
                    llvm::StringRef RuleId, const RuleContext &Ctx,
                    const clang::ast_matchers::MatchFinder::MatchResult &Result,
                    ReportSink &Sink) {
  LiveTU &T = liveTU(*Result.Context);
  auto [It, New] = T.Findings.try_emplace(Fam.name().str());
  if (New) {
    GlobalInput In;
    In.Model = Ctx.Model.get();
    In.Rules = Rules;
    In.TUs.push_back(&T.Facts);
    for (const TUFacts &S : stored(Ctx, T))
      if (S.File != T.Facts.File)
        In.TUs.push_back(&S);
    if (!T.StoredError.empty())
      Sink.problem(T.StoredError);
    std::vector<UnreadableFacts> Unreadable;
    It->second = reportReadable(Fam, In, Unreadable);
    for (const UnreadableFacts &U : Unreadable)
      Sink.problem((U.File.empty() ? "" : U.File + ": ") + U.Message);
  }
  auto &SM = const_cast<clang::SourceManager &>(*Result.SourceManager);
  for (const Finding &F : It->second)
    if (F.RuleId == RuleId && F.Where.File == T.Facts.File)
      Sink.report(fromFinding(F, SM), SM);
}

} // namespace devlife::wholeprogram
