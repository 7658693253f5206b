//===- RuleInfo.h - Metadata of one rule, shared by every front end -------===//
#ifndef DEVLIFE_CORE_RULEINFO_H
#define DEVLIFE_CORE_RULEINFO_H

#include "Finding.h"
#include <string>
#include <vector>

namespace devlife {

/// Everything a front end needs to describe a rule: clang-tidy's check name,
/// SARIF's reportingDescriptor, the docs page. One Id, used everywhere.
///
/// A check gives the first six fields. The words come from the rule's page,
/// checks/<Id>.md, and from nowhere else (checks/RulePages.h fills them in
/// for allRules()).
struct RuleInfo {
  RuleInfo() = default;
  /// What a check gives; the page fills in the rest.
  RuleInfo(std::string Id, std::string Name, Level DefaultLevel,
           std::vector<std::string> Tags, std::string Precision,
           std::string SecuritySeverity)
      : Id(std::move(Id)), Name(std::move(Name)), DefaultLevel(DefaultLevel),
        Tags(std::move(Tags)), Precision(std::move(Precision)),
        SecuritySeverity(std::move(SecuritySeverity)) {}

  std::string Id;   // "devlife-refcount-leak"
  std::string Name; // "RefcountLeak" (SARIF rule name)
  Level DefaultLevel = Level::Warning;
  std::vector<std::string> Tags; // e.g. "reliability", "linux-kernel"
  std::string Precision;         // "very-high", "high", "medium", "low"
  std::string SecuritySeverity;  // "" or a number as text, e.g. "5.5"

  std::string ShortDescription; // the page's summary sentence
  std::string FullDescription;  // the start of its "What it finds"
  std::string HelpText;         // the page as plain text
  std::string HelpMarkdown;     // the page as it is
  std::string HelpUri;          // where the page is read online
};

} // namespace devlife

#endif
