//===- Family.h - An analysis family: per-TU facts and a global step ------===//
//
// A family (refcount, locks, ...) is the unit its rules share. Per TU it
// analyses each function once, whichever of its rules are on, and leaves its
// facts in its own section of the TU facts. In the global phase it reads every
// TU's facts and may answer in two ways:
//  - refine(): model data learned from the facts (summaries) and the TUs
//    that must be analysed again with it; the audit repeats this until no
//    family asks for more, so summaries flow through chains of any depth;
//  - report(): findings that only the whole program shows (a lock held
//    here, taken again by a callback three files away).
// The audit runs both over every TU; the clang-tidy module runs report()
// over the one TU it sees plus, optionally, the facts an audit wrote.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_FAMILY_H
#define DEVLIFE_CORE_FAMILY_H

#include "core/Facts.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace devlife {

class ApiModel;
namespace program {
class ProgramModel;
}

struct GlobalInput {
  /// Every TU that was analysed, in compile-database order.
  std::vector<const TUFacts *> TUs;
  const ApiModel *Model = nullptr;
  std::set<std::string> Rules; // the rule ids that are on

  /// The program model of TUs, with Model's gated slots, made on first use
  /// and shared by the families' report steps: making it reads every TU's
  /// program facts. (A copy given other TUs makes its own.)
  const program::ProgramModel &programModel() const;

private:
  mutable std::shared_ptr<const program::ProgramModel> Program;
  mutable std::vector<const TUFacts *> ProgramOf; // the TUs Program is of
};

struct Refinement {
  /// An API model fragment ({"refcount": {"functions": ...}}) for the next
  /// round, or null.
  nlohmann::json Model;
  std::vector<size_t> Reanalyse; // indices into GlobalInput::TUs
};

class Family {
public:
  virtual ~Family() = default;
  virtual llvm::StringRef name() const = 0;
  virtual Refinement refine(const GlobalInput &) const { return {}; }
  virtual std::vector<Finding> report(const GlobalInput &) const { return {}; }
};

/// Every family devlife has. Defined in checks/Families.cpp.
const std::vector<const Family *> &allFamilies();

/// A TU whose facts a family could not read, and why.
struct UnreadableFacts {
  std::string File;
  std::string Message;
};

/// F.refine(In) and F.report(In), for facts that come from other processes
/// and machines (workers, the cache, shard partials, --program-facts): if
/// a malformed section makes the family throw, the TUs it cannot read on
/// their own are left out, each named in Unreadable, and it runs again on
/// the others, whose results are kept.
Refinement refineReadable(const Family &F, const GlobalInput &In,
                          std::vector<UnreadableFacts> &Unreadable);
std::vector<Finding> reportReadable(const Family &F, const GlobalInput &In,
                                    std::vector<UnreadableFacts> &Unreadable);

} // namespace devlife

#endif
