//===- Rules.cpp - The registry of every devlife rule ---------------------===//
//
// Adding a rule: one line here and its page, checks/<id>.md. Its id is the
// clang-tidy check name, the SARIF ruleId, the corpus folder and the page's
// name; every word describing it comes from the page.
//
//===----------------------------------------------------------------------===//
#include "checks/DevmManualFreeCheck.h"
#include "checks/DevmOutsideProbeCheck.h"
#include "checks/DevmUserspaceObjectCheck.h"
#include "checks/DevmWrongDeviceCheck.h"
#include "checks/LockAcrossBarrierCheck.h"
#include "checks/LockOrderInversionCheck.h"
#include "checks/RefcountLeakCheck.h"
#include "checks/RefcountOverputCheck.h"
#include "checks/RulePages.h"
#include "core/Rule.h"

namespace devlife {

template <typename CheckT>
static RuleEntry entry() {
  RuleInfo Info = CheckT::info();
  describeFromPage(Info, DEVLIFE_HOMEPAGE);
  return {std::move(Info), [](const RuleContext &Ctx) -> std::unique_ptr<Rule> {
            return std::make_unique<CheckT>(Ctx);
          }};
}

const std::vector<RuleEntry> &allRules() {
  static const std::vector<RuleEntry> Rules = [] {
    std::vector<RuleEntry> R{entry<DevmManualFreeCheck>(),
                             entry<DevmOutsideProbeCheck>(),
                             entry<DevmUserspaceObjectCheck>(),
                             entry<DevmWrongDeviceCheck>(),
                             entry<LockAcrossBarrierCheck>(),
                             entry<LockOrderInversionCheck>(),
                             entry<RefcountLeakCheck>(),
                             entry<RefcountOverputCheck>()};
    std::sort(R.begin(), R.end(), [](const RuleEntry &A, const RuleEntry &B) {
      return A.Info.Id < B.Info.Id;
    });
    return R;
  }();
  return Rules;
}

const RuleEntry *findRule(llvm::StringRef Id) {
  for (const RuleEntry &E : allRules())
    if (E.Info.Id == Id)
      return &E;
  return nullptr;
}

} // namespace devlife
