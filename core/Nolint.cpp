//===- Nolint.cpp ---------------------------------------------------------===//
//
// Mirrors clang-tidy 22's NoLintDirectiveHandler.cpp and GlobList.cpp; the
// header says what that means. tests/NolintTest.cpp holds the cases, and
// tests/SuppressionTest.cpp checks the audit against clang-tidy itself.
//
//===----------------------------------------------------------------------===//
#include "core/Nolint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>
#include <cstring>

namespace devlife::nolint {
namespace {

std::optional<Kind> kindOf(llvm::StringRef Word) {
  return llvm::StringSwitch<std::optional<Kind>>(Word)
      .Case("NOLINT", Kind::NoLint)
      .Case("NOLINTNEXTLINE", Kind::NextLine)
      .Case("NOLINTBEGIN", Kind::Begin)
      .Case("NOLINTEND", Kind::End)
      .Default(std::nullopt);
}

/// "a , b" -> "a,b": how clang-tidy compares a BEGIN's list with an END's.
std::string trimItems(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Items;
  Checks.split(Items, ',');
  for (llvm::StringRef &Item : Items)
    Item = Item.trim();
  return llvm::join(Items, ",");
}

/// A glob of GlobList: "*" is any run of characters, the rest is literal,
/// and it must match the whole name.
bool globMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  size_t Star = Glob.find('*');
  if (Star == llvm::StringRef::npos)
    return Glob == Name;
  if (!Name.consume_front(Glob.take_front(Star)))
    return false;
  Glob = Glob.drop_front(Star + 1);
  // Each remaining piece between stars, found leftmost; the last piece
  // must end the name.
  while (true) {
    size_t Next = Glob.find('*');
    if (Next == llvm::StringRef::npos)
      return Name.size() >= Glob.size() && Name.ends_with(Glob);
    llvm::StringRef Piece = Glob.take_front(Next);
    size_t At = Name.find(Piece);
    if (At == llvm::StringRef::npos)
      return false;
    Name = Name.drop_front(At + Piece.size());
    Glob = Glob.drop_front(Next + 1);
  }
}

/// Where a line ends and starts for clang-tidy: at "\n" only.
std::pair<size_t, size_t> lineAround(llvm::StringRef Text, size_t Offset) {
  size_t Start = Text.find_last_of('\n', Offset) + 1; // npos + 1 == 0
  size_t End = std::min(Text.find('\n', Offset), Text.size());
  return {Start, End};
}

} // namespace

const char *kindName(Kind K) {
  switch (K) {
  case Kind::NoLint:
    return "NOLINT";
  case Kind::NextLine:
    return "NOLINTNEXTLINE";
  case Kind::Begin:
    return "NOLINTBEGIN";
  case Kind::End:
    return "NOLINTEND";
  }
  return "NOLINT";
}

std::vector<std::string> Directive::globs() const {
  if (!Checks)
    return {"*"};
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef> Items;
  llvm::StringRef(*Checks).split(Items, ',');
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.consume_front("-")) // negative globs are dropped
      continue;
    Out.push_back(Item.trim().str());
  }
  return Out;
}

bool Directive::covers(llvm::StringRef Check) const {
  return llvm::any_of(globs(), [&](const std::string &G) {
    return globMatches(G, Check);
  });
}

std::vector<Directive> parse(llvm::StringRef Text) {
  static constexpr llvm::StringLiteral Word = "NOLINT";
  std::vector<Directive> Out;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t At = Text.find(Word, Pos);
    if (At == llvm::StringRef::npos)
      break;
    Pos = At + Word.size();
    while (Pos < Text.size() && llvm::isAlpha(Text[Pos]))
      ++Pos;
    std::optional<Kind> K = kindOf(Text.slice(At, Pos));
    if (!K)
      continue;
    Directive D;
    D.Type = *K;
    D.Offset = At;
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find_first_of("\n)", ++Pos);
      if (Close != llvm::StringRef::npos && Text[Close] == ')') {
        D.Checks = trimItems(Text.slice(Pos, Close));
        Pos = Close + 1;
      }
    }
    D.Length = (D.Checks ? Pos : At + std::strlen(kindName(*K))) - At;
    Out.push_back(std::move(D));
  }
  return Out;
}

Blocks formBlocks(const std::vector<Directive> &Directives) {
  Blocks Out;
  std::vector<size_t> Open; // BEGINs, innermost last
  for (size_t I = 0; I < Directives.size(); ++I) {
    const Directive &D = Directives[I];
    if (D.Type == Kind::Begin) {
      Open.push_back(I);
    } else if (D.Type == Kind::End) {
      if (!Open.empty() && Directives[Open.back()].Checks == D.Checks) {
        Out.Pairs.push_back({Open.back(), I});
        Open.pop_back();
      } else {
        Out.Unmatched.push_back(I);
      }
    }
  }
  Out.Unmatched.insert(Out.Unmatched.end(), Open.begin(), Open.end());
  llvm::sort(Out.Unmatched);
  return Out;
}

std::string unmatchedMessage(Kind K) {
  if (K == Kind::Begin)
    return "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' "
           "comment";
  return "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' "
         "comment";
}

FileSuppressions::FileSuppressions(std::string TextIn)
    : Text(std::move(TextIn)), Directives(parse(Text)) {
  LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n')
      ++I;
    if (Text[I] == '\n' || Text[I] == '\r')
      LineStarts.push_back(I + 1);
  }
}

std::optional<size_t> FileSuppressions::offsetOf(unsigned Line,
                                                 unsigned Column) const {
  if (Line == 0 || Line > LineStarts.size())
    return std::nullopt;
  size_t Offset = LineStarts[Line - 1] + (Column ? Column - 1 : 0);
  if (Offset > Text.size())
    return std::nullopt;
  return Offset;
}

std::pair<unsigned, unsigned> FileSuppressions::lineColumnOf(size_t Offset) const {
  auto After = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  size_t Line = After - LineStarts.begin(); // 1-based: After is past it
  return {unsigned(Line), unsigned(Offset - LineStarts[Line - 1] + 1)};
}

const Blocks &FileSuppressions::blocks() {
  if (!Formed)
    Formed = formBlocks(Directives);
  return *Formed;
}

std::vector<size_t> FileSuppressions::suppressors(size_t Offset,
                                                  llvm::StringRef Check) {
  llvm::StringRef T(Text);
  auto OnLine = [&](std::pair<size_t, size_t> Line, Kind K) {
    std::vector<size_t> Found;
    for (size_t I = 0; I < Directives.size(); ++I) {
      const Directive &D = Directives[I];
      if (D.Offset >= Line.first && D.Offset < Line.second && D.Type == K &&
          D.covers(Check))
        Found.push_back(I);
    }
    return Found;
  };
  auto This = lineAround(T, Offset);
  if (std::vector<size_t> Found = OnLine(This, Kind::NoLint); !Found.empty())
    return Found;
  if (This.first > 0)
    if (std::vector<size_t> Found = OnLine(lineAround(T, This.first - 1),
                                           Kind::NextLine);
        !Found.empty())
      return Found;
  std::vector<size_t> Found;
  for (const Block &B : blocks().Pairs)
    if (Directives[B.Begin].Offset < Offset && Offset < Directives[B.End].Offset &&
        Directives[B.Begin].covers(Check))
      Found.push_back(B.Begin);
  return Found;
}

} // namespace devlife::nolint
