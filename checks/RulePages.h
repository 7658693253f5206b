//===- RulePages.h - Each rule's page, the one text that describes it -----===//
//
// checks/<rule id>.md is the rule's documentation. The build embeds every
// page as it is (cmake/EmbedRulePages.cmake), and everything that describes
// a rule is taken from it: SARIF's short and full description, help.text,
// help.markdown and helpUri, `devlife list-checks` and `devlife explain`.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_RULEPAGES_H
#define DEVLIFE_CHECKS_RULEPAGES_H

#include "core/RuleInfo.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace devlife {

struct RulePage {
  llvm::StringRef Id;       // "devlife-refcount-leak"
  llvm::StringRef Path;     // "checks/devlife-refcount-leak.md"
  llvm::StringRef Markdown; // the page as it is
};

/// Every embedded page, sorted by id.
const std::vector<RulePage> &rulePages();
/// The page of a rule, or null.
const RulePage *findRulePage(llvm::StringRef Id);

/// What a page says, in the forms a rule's metadata needs.
struct PageText {
  std::string Summary;      // the paragraph under the title, one line
  std::string WhatItFinds;  // the start of "What it finds", plain text
  std::string PlainText;    // the whole page without markdown markup
};

/// Reads a page's text. Pure, for any markdown.
PageText readPage(llvm::StringRef Markdown);

/// Fills Info's descriptions, help and help URI from the page of Info.Id;
/// HomePage is where the repository is browsed ("https://github.com/o/r").
void describeFromPage(RuleInfo &Info, llvm::StringRef HomePage);

} // namespace devlife

#endif
