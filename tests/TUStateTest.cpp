//===- TUStateTest.cpp - A family's state lives for one TU ----------------===//
#include "core/TUState.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>

using namespace devlife;

namespace {

TEST(TUState, OneValuePerTranslationUnit) {
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCode("int x;");
  int Made = 0;
  auto get = [&] {
    return TUState::of(AST->getASTContext()).get<int>([&] { return new int(++Made); });
  };
  EXPECT_EQ(get(), 1);
  EXPECT_EQ(get(), 1); // the rules of one TU share it
  // The next TU may sit at the same addresses; the front end's word that it
  // started is what drops the old value.
  TUState::startTranslationUnit();
  EXPECT_EQ(get(), 2);
}

} // namespace
