//===- ProgramCollector.h - One TU's contribution to the program model ----===//
//
// Walks a translation unit once and records, per function, the calls it
// makes (direct, and indirect through function-pointer fields), the locks it
// takes and the barriers it waits on, each with the lock classes held there
// on every path (a lock-set dataflow over the CFG); plus the callbacks the TU
// binds to objects and the functions it stores into callback slots.
//
// Functions defined in the main file are all recorded; a static inline from
// a header only when it takes a lock, waits, binds a callback or calls one
// that does (device_lock(), schedule_work()), since that is all another
// function can learn from it.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CHECKS_PROGRAMCOLLECTOR_H
#define DEVLIFE_CHECKS_PROGRAMCOLLECTOR_H

#include "core/ProgramFacts.h"
#include "core/Rule.h"
#include "matchers/ApiModel.h"
#include "clang/AST/ASTContext.h"

namespace devlife::program {

TUProgramFacts collectProgramFacts(clang::ASTContext &Ctx,
                                   const ApiModel &Model);

/// Makes this TU's "program" section once, for every family that needs it
/// (defined in LockFamily.cpp).
void recordProgramFacts(const RuleContext &Ctx, clang::ASTContext &AST);

/// The tests of FD's parameters that every path to Site passes
/// (`if (dev)`), as the program facts write them for calls and barriers.
std::vector<ParamGuard> parameterGuards(const clang::Stmt *Site,
                                        const clang::FunctionDecl *FD,
                                        clang::ASTContext &Ctx);

} // namespace devlife::program

#endif
