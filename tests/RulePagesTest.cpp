//===- RulePagesTest.cpp - One page per rule, the only text about it ------===//
#include "checks/RulePages.h"
#include "core/Rule.h"
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <gtest/gtest.h>

namespace devlife::test {
namespace {

std::string pageFile(const std::string &Id) {
  return readFile(DEVLIFE_SOURCE_DIR "/checks/" + Id + ".md");
}

/// The text of the section under Heading, up to the next "## ".
std::string section(const std::string &Page, const std::string &Heading) {
  size_t At = Page.find("\n" + Heading + "\n");
  if (At == std::string::npos)
    return "";
  size_t Begin = At + Heading.size() + 2;
  size_t End = Page.find("\n## ", Begin);
  return Page.substr(Begin, End == std::string::npos ? End : End - Begin);
}

size_t count(const std::string &Text, const std::string &What) {
  size_t N = 0;
  for (size_t At = Text.find(What); At != std::string::npos;
       At = Text.find(What, At + 1))
    ++N;
  return N;
}

TEST(RulePages, EveryRuleHasEveryPart) {
  ASSERT_EQ(rulePages().size(), allRules().size());
  for (const RuleEntry &R : allRules()) {
    const std::string &Id = R.Info.Id;
    std::string Page = pageFile(Id);
    ASSERT_FALSE(Page.empty()) << Id;
    EXPECT_EQ(Page.rfind("# " + Id + "\n", 0), 0u) << Id << ": title";
    for (const char *Part : {"## What it finds", "## Why it matters",
                             "## Example", "## How to suppress", "## Options"})
      EXPECT_FALSE(section(Page, Part).empty()) << Id << ": " << Part;
    // The real case behind the rule, from the mailing-list seeds.
    std::string Why = section(Page, "## Why it matters");
    std::replace(Why.begin(), Why.end(), '\n', ' ');
    EXPECT_NE(Why.find("(seed 00"), std::string::npos) << Id;
    std::string Example = section(Page, "## Example");
    EXPECT_NE(Example.find("Bad"), std::string::npos) << Id;
    EXPECT_NE(Example.find("Good"), std::string::npos) << Id;
    EXPECT_GE(count(Example, "```c\n"), 2u) << Id << ": bad and good code";
    EXPECT_NE(section(Page, "## How to suppress").find("NOLINT(" + Id + ")"),
              std::string::npos)
        << Id;
    EXPECT_NE(section(Page, "## Options").find("ApiModel"), std::string::npos)
        << Id;
  }
}

// SARIF's help, help URI and descriptions, list-checks: all of it is the
// page, embedded by the build as the file is now.
TEST(RulePages, RuleMetadataComesFromThePage) {
  for (const RuleEntry &R : allRules()) {
    const RuleInfo &I = R.Info;
    std::string Page = pageFile(I.Id);
    EXPECT_EQ(I.HelpMarkdown, Page) << I.Id;
    EXPECT_EQ(I.HelpUri, DEVLIFE_HOMEPAGE "/blob/main/checks/" + I.Id + ".md");
    PageText T = readPage(Page);
    EXPECT_EQ(I.ShortDescription, T.Summary);
    EXPECT_FALSE(I.ShortDescription.empty()) << I.Id;
    EXPECT_NE(Page.find(I.ShortDescription.substr(0, 30)), std::string::npos);
    EXPECT_EQ(I.FullDescription, T.WhatItFinds);
    EXPECT_FALSE(I.FullDescription.empty()) << I.Id;
    EXPECT_LE(I.FullDescription.size(), 1024u) << I.Id;
    EXPECT_EQ(I.HelpText, T.PlainText);
    EXPECT_EQ(I.HelpText.find('`'), std::string::npos) << I.Id;
    EXPECT_EQ(I.HelpText.find("## "), std::string::npos) << I.Id;
  }
}

// No second copy: no C++ string literal in the sources says what a page's
// summary says.
TEST(RulePages, NoSourceFileCopiesAPage) {
  std::vector<std::string> Sources;
  for (const char *Dir : {"/checks", "/core", "/integrations", "/matchers"}) {
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator
             It(std::string(DEVLIFE_SOURCE_DIR) + Dir, EC),
         End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef P = It->path();
      if (P.ends_with(".cpp") || P.ends_with(".h"))
        Sources.push_back(P.str());
    }
  }
  ASSERT_GT(Sources.size(), 20u);
  for (const RuleEntry &R : allRules()) {
    std::string Quoted = "\"" + R.Info.ShortDescription.substr(0, 30);
    for (const std::string &S : Sources)
      EXPECT_EQ(readFile(S).find(Quoted), std::string::npos)
          << S << " repeats the summary of " << R.Info.Id;
  }
}

TEST(RulePages, ReadPageTakesTheSummaryTheStartOfWhatItFindsAndPlainText) {
  PageText T = readPage("# devlife-x\n\nOne `thing`\nleaks.\n\n## What it finds\n\n"
                        "A [link](https://e.x) and **bold**.\n\n```c\ncode();\n```\n\n"
                        "- item one\n- item two\n\n## Options\n\nNone.\n");
  EXPECT_EQ(T.Summary, "One thing leaks.");
  EXPECT_EQ(T.WhatItFinds,
            "A link (https://e.x) and bold.\n\n- item one\n- item two");
  EXPECT_EQ(T.PlainText, "devlife-x\n\nOne thing\nleaks.\n\nWhat it finds\n\n"
                         "A link (https://e.x) and bold.\n\n    code();\n\n"
                         "- item one\n- item two\n\nOptions\n\nNone.\n");
}

TEST(RulePages, WhatItFindsStopsBeforeGitHubsLimit) {
  std::string Para(600, 'a');
  PageText T = readPage("# r\n\nS.\n\n## What it finds\n\n" + Para + "\n\n" +
                        Para + "\n\n## Next\n");
  EXPECT_EQ(T.WhatItFinds, Para);
}

} // namespace
} // namespace devlife::test
