//===- RulePages.cpp ------------------------------------------------------===//
#include "checks/RulePages.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>

namespace devlife {
namespace {

/// Inline markup a plain-text reader does without: `code`, **bold**,
/// [text](url) becomes "text (url)".
std::string plainInline(llvm::StringRef Line) {
  std::string Out;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (C == '`')
      continue;
    if (Line.substr(I).starts_with("**")) {
      ++I;
      continue;
    }
    if (C == '[') {
      size_t Close = Line.find("](", I);
      size_t End = Close == llvm::StringRef::npos ? Close : Line.find(')', Close);
      if (End != llvm::StringRef::npos) {
        Out += plainInline(Line.slice(I + 1, Close)) + " (" +
               Line.slice(Close + 2, End).str() + ")";
        I = End;
        continue;
      }
    }
    Out += C;
  }
  return Out;
}

bool isFence(llvm::StringRef Line) { return Line.ltrim().starts_with("```"); }

std::vector<llvm::StringRef> linesOf(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef &L : Lines)
    L = L.rtrim("\r");
  return {Lines.begin(), Lines.end()};
}

/// The paragraphs (runs of non-blank lines outside code) from line Begin to
/// the next "## " heading, each joined into one line of plain text.
std::vector<std::string> paragraphs(const std::vector<llvm::StringRef> &Lines,
                                    size_t Begin) {
  std::vector<std::string> Out;
  std::string Current;
  bool InCode = false;
  auto flush = [&] {
    if (!Current.empty())
      Out.push_back(std::move(Current));
    Current.clear();
  };
  for (size_t I = Begin; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    if (isFence(L)) {
      InCode = !InCode;
      flush();
      continue;
    }
    if (InCode)
      continue;
    if (L.starts_with("#"))
      break;
    if (L.trim().empty()) {
      flush();
      continue;
    }
    // A list item starts a line of its own; other lines continue one.
    if (!Current.empty())
      Current += L.ltrim().starts_with("- ") ? "\n" : " ";
    Current += plainInline(L.trim());
  }
  flush();
  return Out;
}

size_t lineAfterHeading(const std::vector<llvm::StringRef> &Lines,
                        llvm::StringRef Heading) {
  for (size_t I = 0; I < Lines.size(); ++I)
    if (Lines[I].trim() == Heading)
      return I + 1;
  return Lines.size();
}

// What GitHub shows as fullDescription is cut there (FACTS.md).
constexpr size_t MaxFullDescription = 1024;

} // namespace

const std::vector<RulePage> &rulePages() {
  static const std::vector<RulePage> Pages = [] {
    std::vector<RulePage> P{
#include "RulePages.inc"
    };
    llvm::sort(P, [](const RulePage &A, const RulePage &B) { return A.Id < B.Id; });
    return P;
  }();
  return Pages;
}

const RulePage *findRulePage(llvm::StringRef Id) {
  for (const RulePage &P : rulePages())
    if (P.Id == Id)
      return &P;
  return nullptr;
}

PageText readPage(llvm::StringRef Markdown) {
  std::vector<llvm::StringRef> Lines = linesOf(Markdown);
  PageText T;
  size_t Title = 0;
  while (Title < Lines.size() && !Lines[Title].starts_with("# "))
    ++Title;
  std::vector<std::string> Lead = paragraphs(Lines, std::min(Title + 1, Lines.size()));
  if (!Lead.empty())
    T.Summary = Lead.front();
  for (const std::string &P :
       paragraphs(Lines, lineAfterHeading(Lines, "## What it finds"))) {
    size_t Size = T.WhatItFinds.size() + (T.WhatItFinds.empty() ? 0 : 2) + P.size();
    if (!T.WhatItFinds.empty() && Size > MaxFullDescription)
      break;
    T.WhatItFinds += (T.WhatItFinds.empty() ? "" : "\n\n") + P;
  }
  bool InCode = false;
  for (llvm::StringRef L : Lines) {
    if (isFence(L)) {
      InCode = !InCode;
      continue;
    }
    if (InCode)
      T.PlainText += "    " + L.str();
    else if (L.starts_with("#"))
      T.PlainText += L.ltrim("#").trim().str();
    else
      T.PlainText += plainInline(L);
    T.PlainText += "\n";
  }
  T.PlainText = llvm::StringRef(T.PlainText).trim().str() + "\n";
  return T;
}

void describeFromPage(RuleInfo &Info, llvm::StringRef HomePage) {
  const RulePage *Page = findRulePage(Info.Id);
  if (!Page)
    return; // the layout test names the rule without a page
  PageText T = readPage(Page->Markdown);
  Info.ShortDescription = T.Summary;
  Info.FullDescription = T.WhatItFinds;
  Info.HelpText = T.PlainText;
  Info.HelpMarkdown = Page->Markdown.str();
  Info.HelpUri = (llvm::Twine(HomePage) + "/blob/main/" + Page->Path).str();
}

} // namespace devlife
