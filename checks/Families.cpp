//===- Families.cpp - The registry of every analysis family ---------------===//
#include "checks/DevmFamily.h"
#include "checks/LockFamily.h"
#include "core/Family.h"

namespace devlife {

const Family &refcountFamily();

const std::vector<const Family *> &allFamilies() {
  static const std::vector<const Family *> Families{
      &refcountFamily(), &lockFamily(), &devmFamily()};
  return Families;
}

} // namespace devlife
