//===- FunctionSyntax.h - What a function's syntax says that its CFG forgets -===//
//
// The CFG keeps evaluation order but not the shape of the source: which for
// loop a call steps (the for_each_* iterators), which loops a break, goto or
// return leaves, and which expressions stand as statements so that nothing
// uses their value. Built once per function by one AST walk.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_MATCHERS_FUNCTIONSYNTAX_H
#define DEVLIFE_MATCHERS_FUNCTIONSYNTAX_H

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <set>
#include <vector>

namespace devlife {

class FunctionSyntax : public clang::RecursiveASTVisitor<FunctionSyntax> {
public:
  explicit FunctionSyntax(const clang::Stmt *Body) {
    TraverseStmt(const_cast<clang::Stmt *>(Body));
    finish();
  }

  /// The for-loop whose init or increment contains Call, if any.
  const clang::ForStmt *loopStepping(const clang::Expr *Call) const {
    auto It = StepCalls.find(Call);
    return It == StepCalls.end() ? nullptr : It->second;
  }
  /// True when Jump, executed, leaves Loop.
  bool leaves(const clang::Stmt *Jump, const clang::ForStmt *Loop) const {
    auto It = JumpExits.find(Jump);
    if (It == JumpExits.end())
      return false;
    for (const clang::Stmt *S : It->second)
      if (S == Loop)
        return true;
    return false;
  }

  /// A break that ends a switch case, not a loop.
  bool breaksSwitch(const clang::Stmt *Break) const {
    auto It = JumpExits.find(Break);
    return llvm::isa<clang::BreakStmt>(Break) && It != JumpExits.end() &&
           It->second.size() == 1 &&
           llvm::isa<clang::SwitchStmt>(It->second.front());
  }

  /// An expression used as a statement: nothing consumes its value.
  bool discardsValue(const clang::Stmt *E) const { return Discarded.count(E); }

  /// `obj.field = ...` and `obj->field = ...`, the left-hand sides.
  const std::vector<const clang::MemberExpr *> &fieldWrites() const {
    return FieldWrites;
  }
  bool VisitBinaryOperator(clang::BinaryOperator *BO) {
    if (BO->getOpcode() == clang::BO_Assign)
      if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(
              BO->getLHS()->IgnoreParenImpCasts()))
        FieldWrites.push_back(ME);
    if (BO->isAssignmentOp())
      noteWrite(BO->getLHS());
    return true;
  }
  bool VisitUnaryOperator(clang::UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == clang::UO_AddrOf)
      noteWrite(UO->getSubExpr());
    return true;
  }

  /// A variable its initialiser alone decides: never assigned, incremented
  /// or address-taken in the body (`bool failed = !(0);` in unittest(0)).
  bool keepsInitialValue(const clang::VarDecl *V) const {
    return !Written.count(V);
  }

  bool VisitCompoundStmt(clang::CompoundStmt *CS) {
    for (clang::Stmt *Child : CS->body())
      Discarded.insert(Child);
    return true;
  }
  bool VisitStmtExpr(clang::StmtExpr *SE) {
    // The last statement of ({ ... }) is its value.
    if (!SE->getSubStmt()->body_empty())
      Kept.insert(SE->getSubStmt()->body_back());
    return true;
  }
  bool VisitIfStmt(clang::IfStmt *S) { return discard({S->getThen(), S->getElse()}); }
  bool VisitWhileStmt(clang::WhileStmt *S) { return discard({S->getBody()}); }
  bool VisitDoStmt(clang::DoStmt *S) { return discard({S->getBody()}); }
  bool VisitSwitchCase(clang::SwitchCase *S) { return discard({S->getSubStmt()}); }
  bool VisitLabelStmt(clang::LabelStmt *S) { return discard({S->getSubStmt()}); }

  bool TraverseForStmt(clang::ForStmt *S) {
    discard({S->getInit(), S->getInc(), S->getBody()});
    collectCalls(S->getInit(), S);
    collectCalls(S->getInc(), S);
    Breakable.push_back(S);
    Loops.push_back(S);
    bool R = RecursiveASTVisitor::TraverseForStmt(S);
    Loops.pop_back();
    Breakable.pop_back();
    return R;
  }
  bool TraverseWhileStmt(clang::WhileStmt *S) { return nest(S, [&] { return RecursiveASTVisitor::TraverseWhileStmt(S); }); }
  bool TraverseDoStmt(clang::DoStmt *S) { return nest(S, [&] { return RecursiveASTVisitor::TraverseDoStmt(S); }); }
  bool TraverseSwitchStmt(clang::SwitchStmt *S) {
    Breakable.push_back(S);
    bool R = RecursiveASTVisitor::TraverseSwitchStmt(S);
    Breakable.pop_back();
    return R;
  }
  bool VisitBreakStmt(clang::BreakStmt *S) {
    if (!Breakable.empty())
      JumpExits[S] = {Breakable.back()};
    return true;
  }
  bool VisitReturnStmt(clang::ReturnStmt *S) { return exitsAll(S); }
  bool VisitGotoStmt(clang::GotoStmt *S) { return exitsAll(S); }

  void finish() {
    for (const clang::Stmt *S : Kept)
      Discarded.erase(S);
  }

private:
  std::set<const clang::Stmt *> Discarded, Kept;
  std::set<const clang::VarDecl *> Written;
  void noteWrite(const clang::Expr *E) {
    if (const auto *DRE =
            llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *V = llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()))
        Written.insert(V);
  }
  std::vector<const clang::MemberExpr *> FieldWrites;
  bool discard(std::initializer_list<const clang::Stmt *> Stmts) {
    for (const clang::Stmt *S : Stmts)
      if (S)
        Discarded.insert(S);
    return true;
  }
  llvm::DenseMap<const clang::Expr *, const clang::ForStmt *> StepCalls;
  llvm::DenseMap<const clang::Stmt *, std::vector<const clang::Stmt *>> JumpExits;
  std::vector<const clang::Stmt *> Breakable;
  std::vector<const clang::Stmt *> Loops;

  template <typename F> bool nest(const clang::Stmt *S, F Traverse) {
    Breakable.push_back(S);
    Loops.push_back(S);
    bool R = Traverse();
    Loops.pop_back();
    Breakable.pop_back();
    return R;
  }
  // A goto may land inside the loop again, but in kernel code it almost
  // always jumps to the error labels at the end of the function.
  bool exitsAll(const clang::Stmt *S) {
    JumpExits[S] = Loops;
    return true;
  }
  void collectCalls(const clang::Stmt *S, const clang::ForStmt *Loop) {
    if (!S)
      return;
    if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(S))
      StepCalls[Call] = Loop;
    for (const clang::Stmt *Child : S->children())
      collectCalls(Child, Loop);
  }
};

} // namespace devlife

#endif
