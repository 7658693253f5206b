//===- RuleInfo.h - Metadata of one rule, shared by every front end -------===//
#ifndef DEVLIFE_CORE_RULEINFO_H
#define DEVLIFE_CORE_RULEINFO_H

#include "Finding.h"
#include <string>
#include <vector>

namespace devlife {

/// Everything a front end needs to describe a rule: clang-tidy's check name,
/// SARIF's reportingDescriptor, the docs page. One Id, used everywhere.
struct RuleInfo {
  std::string Id;               // "devlife-refcount-leak"
  std::string Name;             // "RefcountLeak" (SARIF rule name)
  std::string ShortDescription; // one sentence
  std::string FullDescription;  // a paragraph, <= 1024 characters
  std::string HelpText;         // plain text: what, why, how to fix
  std::string HelpMarkdown;     // same content as markdown
  Level DefaultLevel = Level::Warning;
  std::vector<std::string> Tags; // e.g. "reliability", "linux-kernel"
  std::string Precision;         // "very-high", "high", "medium", "low"
  std::string SecuritySeverity;  // "" or a number as text, e.g. "5.5"
};

} // namespace devlife

#endif
