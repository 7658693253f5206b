//===- DriverGen.cpp ------------------------------------------------------===//
#include "tests/oracle/DriverGen.h"

#include <random>
#include <set>
#include <sstream>

namespace devlife::oracle {
namespace {

class Generator {
public:
  explicit Generator(uint64_t Seed) : Rng(Seed) {}

  Function function(uint64_t Seed) {
    Function F;
    F.Seed = Seed;
    F.Name = "oracle_fn_" + std::to_string(Seed);
    F.ReturnsPtr = chance(35);
    F.NumVars = 1 + pick(3);
    F.HasFree = chance(20);
    F.FreeApi = pick(2) ? Api::ChildByName : Api::Phandle;
    F.HasRetry = chance(10);
    Fn = &F;
    NumLabels = pick(4);
    F.Body = block(0, Scope{}, 2 + pick(6));
    for (int I = 0; I < NumLabels; ++I) {
      Label L;
      for (int N = pick(3); N > 0; --N)
        L.Stmts.push_back(tailStmt());
      F.Labels.push_back(std::move(L));
    }
    F.FinalReturn = returnStmt(Scope{});
    return F;
  }

private:
  /// What the statements being generated are inside of.
  struct Scope {
    bool InLoop = false;
    std::set<int> Iterators; // loop variables of enclosing for_each loops
    bool InBlock = false;    // d is declared
    bool InScopedLoop = false; // s is declared
  };

  std::mt19937_64 Rng;
  Function *Fn = nullptr;
  int NumLabels = 0;

  int pick(int N) { return int(Rng() % uint64_t(N)); }
  bool chance(int Percent) { return pick(100) < Percent; }

  /// A plain local in scope: a, b, c, or d inside a block.
  int plainVar(const Scope &S) {
    if (S.InBlock && chance(30))
      return BlockVar;
    return pick(Fn->NumVars);
  }
  /// Any pointer in scope, the cleanup-owned s and f too.
  int anyVar(const Scope &S) {
    if (S.InScopedLoop && chance(25))
      return ScopedVar;
    if (Fn->HasFree && chance(20))
      return FreeVar;
    return plainVar(S);
  }
  /// A variable the statement may write: not f or s, not a live loop
  /// variable.
  int writableVar(const Scope &S) {
    for (int Tries = 0; Tries < 8; ++Tries) {
      int V = plainVar(S);
      if (!S.Iterators.count(V))
        return V;
    }
    return NoVar;
  }

  Cond cond(const Scope &S) {
    Cond C;
    C.N = pick(100);
    if (chance(40))
      return C;
    C.K = Cond::Kind(1 + pick(7));
    C.Var = anyVar(S);
    return C;
  }

  std::vector<Stmt> block(int Depth, const Scope &S, int Len) {
    std::vector<Stmt> B;
    for (int I = 0; I < Len; ++I)
      B.push_back(stmt(Depth, S));
    return B;
  }

  void acquisition(Stmt &St, const Scope &S) {
    St.A = Api(pick(6));
    if (St.A == Api::FindByName && chance(50))
      St.From = chance(85) ? plainVar(S) : anyVar(S);
    if (St.A == Api::ParentOf)
      St.Var = anyVar(S);
  }

  Stmt acquire(int Dst, const Scope &S) {
    Stmt St(Stmt::Acquire);
    St.Dst = Dst;
    acquisition(St, S);
    return St;
  }

  Stmt returnStmt(const Scope &S) {
    Stmt St(Stmt::Return);
    if (!Fn->ReturnsPtr) {
      St.R = chance(50) ? Stmt::Ret::Zero : Stmt::Ret::Error;
      return St;
    }
    int Choice = pick(Fn->HasFree ? 4 : 3);
    St.R = Choice == 0   ? Stmt::Ret::Null
           : Choice == 1 ? Stmt::Ret::Var
           : Choice == 2 ? Stmt::Ret::ErrPtr
                         : Stmt::Ret::ReturnPtr;
    St.Var = plainVar(S);
    return St;
  }

  /// What a cleanup label does before the next label: put, forget, use.
  Stmt tailStmt() {
    Stmt St(chance(70) ? Stmt::Put : chance(50) ? Stmt::Clear : Stmt::Use);
    St.Var = St.Dst = pick(Fn->NumVars);
    St.ViaHelper = St.K == Stmt::Put && chance(15);
    return St;
  }

  Stmt ifStmt(int Depth, const Scope &S) {
    Stmt St(Stmt::If);
    St.C = cond(S);
    if (chance(15) && (St.Dst = writableVar(S)) != NoVar) {
      // if (!(np = of_get_child_by_name(...))) / if ((np = ...))
      St.AcquireInCond = true;
      acquisition(St, S);
      St.C.K = chance(70) ? Cond::IsNull : Cond::NotNull;
      St.C.Var = St.Dst;
    }
    St.Then = block(Depth + 1, S, 1 + pick(3));
    if (chance(40))
      St.Else = block(Depth + 1, S, 1 + pick(2));
    return St;
  }

  Stmt loop(Stmt::Kind K, int Depth, const Scope &S) {
    Stmt St(K);
    St.C.N = pick(100);
    Scope Inner = S;
    Inner.InLoop = true;
    if (K == Stmt::ForEach)
      Inner.Iterators.insert(St.Var = writableVar(S));
    if (K == Stmt::ForEachScoped)
      Inner.InScopedLoop = true;
    St.Then = block(Depth + 1, Inner, 1 + pick(4));
    return St;
  }

  Stmt stmt(int Depth, const Scope &S) {
    for (;;) {
      int Roll = pick(100);
      if (Roll < 20) {
        // Rarely the __free variable: what it held is then lost.
        int Dst = Fn->HasFree && chance(5) ? FreeVar : writableVar(S);
        if (Dst != NoVar)
          return acquire(Dst, S);
      } else if (Roll < 22) {
        Stmt St = acquire(NoVar, S);
        St.K = Stmt::Discard;
        if (St.A != Api::NodeGet) // `of_node_get(x);` goes with x
          return St;
      } else if (Roll < 36) {
        Stmt St(Stmt::Put);
        // Sometimes f or s: their cleanup puts them again.
        St.Var = chance(85) ? plainVar(S) : anyVar(S);
        St.ViaHelper = chance(15);
        return St;
      } else if (Roll < 38) {
        Stmt St(Stmt::Deref);
        St.Var = anyVar(S);
        return St;
      } else if (Roll < 43) {
        Stmt St(Stmt::Copy);
        St.Dst = writableVar(S);
        St.Var = chance(80) ? plainVar(S) : anyVar(S);
        if (Fn->HasFree && St.Var < BlockVar && chance(5))
          St.Dst = FreeVar; // f = a: f's cleanup puts a's reference
        if (St.Dst != NoVar && St.Dst != St.Var)
          return St;
      } else if (Roll < 46) {
        Stmt St(Stmt::Clear);
        St.Dst = writableVar(S);
        if (St.Dst != NoVar)
          return St;
      } else if (Roll < 48) {
        Stmt St(Stmt::Use);
        St.Var = anyVar(S);
        return St;
      } else if (Roll < 50) {
        Stmt St(Stmt::Store);
        St.Var = plainVar(S);
        return St;
      } else if (Roll < 63 && Depth < 3) {
        return ifStmt(Depth, S);
      } else if (Roll < 67 && Depth < 3) {
        return loop(Stmt::While, Depth, S);
      } else if (Roll < 72 && Depth < 3) {
        Stmt St = loop(Stmt::ForEach, Depth, S);
        if (St.Var != NoVar)
          return St;
      } else if (Roll < 74 && Depth < 3 && !S.InScopedLoop) {
        return loop(Stmt::ForEachScoped, Depth, S);
      } else if (Roll < 77 && Depth < 3 && !S.InBlock) {
        Stmt St(Stmt::Block);
        St.Initialised = chance(60);
        acquisition(St, S);
        if (St.A == Api::FindByName)
          St.From = NoVar; // d is not declared yet to be consumed
        Scope Inner = S;
        Inner.InBlock = true;
        St.Then = block(Depth + 1, Inner, 1 + pick(3));
        return St;
      } else if (Roll < 83 && S.InLoop) {
        return Stmt(chance(55) ? Stmt::Break : Stmt::Continue);
      } else if (Roll < 91 && (NumLabels > 0 || Fn->HasRetry)) {
        Stmt St(Stmt::Goto);
        St.Label = Fn->HasRetry && (NumLabels == 0 || chance(15))
                       ? RetryLabel
                       : pick(NumLabels);
        return St;
      } else if (Roll >= 91) {
        return returnStmt(S);
      }
    }
  }
};

const char *VarNames[] = {"a", "b", "c", "d", "s"};

std::string var(int V) { return V == FreeVar ? "f" : VarNames[V]; }

std::string call(const Function &F, Api A, int From, int Arg) {
  switch (A) {
  case Api::FindByName:
    return "of_find_node_by_name(" + (From == NoVar ? "NULL" : var(From)) +
           ", \"n\")";
  case Api::ChildByName:
    return "of_get_child_by_name(parent, \"c\")";
  case Api::NodeGet:
    return "of_node_get(parent)";
  case Api::Phandle:
    return "of_parse_phandle(parent, \"p\", 0)";
  case Api::ParentOf:
    return "of_get_parent(" + var(Arg) + ")";
  case Api::Helper:
    return "oracle_get(parent)";
  }
  return "";
}

std::string condText(const Cond &C) {
  std::string V = C.Var == NoVar ? "" : var(C.Var);
  std::string N = "oracle_cond(" + std::to_string(C.N) + ")";
  switch (C.K) {
  case Cond::Opaque: return N;
  case Cond::IsNull: return "!" + V;
  case Cond::NotNull: return V;
  case Cond::EqNull: return V + " == NULL";
  case Cond::NeNull: return V + " != NULL";
  case Cond::IsErrOrNull: return "IS_ERR_OR_NULL(" + V + ")";
  case Cond::NullOrOpaque: return "!" + V + " || " + N;
  case Cond::NonNullAndOpaque: return V + " && " + N;
  }
  return "";
}

class Renderer {
public:
  std::string Text;
  unsigned Line = 1;

  void line(int Indent, const std::string &S) {
    Text += std::string(size_t(Indent), '\t') + S + "\n";
    ++Line;
  }

  void function(Function &F) {
    F.FirstLine = Line;
    line(0, std::string(F.ReturnsPtr ? "struct device_node *" : "int ") +
                F.Name + "(struct device_node *parent)");
    line(0, "{");
    for (int V = 0; V < F.NumVars; ++V)
      line(1, "struct device_node *" + var(V) + " = NULL;");
    if (F.HasFree) {
      F.FreeLine = Line;
      line(1, "struct device_node *f __free(device_node) = " +
                  call(F, F.FreeApi, NoVar, NoVar) + ";");
    }
    line(0, "");
    if (F.HasRetry)
      line(0, "retry:");
    for (Stmt &S : F.Body)
      stmt(F, S, 1);
    for (size_t I = 0; I < F.Labels.size(); ++I) {
      F.Labels[I].Line = Line;
      line(0, "out" + std::to_string(I) + ":");
      for (Stmt &S : F.Labels[I].Stmts)
        stmt(F, S, 1);
    }
    stmt(F, F.FinalReturn, 1);
    F.LastLine = Line;
    line(0, "}");
    line(0, "");
  }

  void block(Function &F, std::vector<Stmt> &B, int Indent) {
    for (Stmt &S : B)
      stmt(F, S, Indent);
  }

  void stmt(Function &F, Stmt &S, int Indent) {
    S.Line = Line;
    switch (S.K) {
    case Stmt::Acquire:
      line(Indent, var(S.Dst) + " = " + call(F, S.A, S.From, S.Var) + ";");
      break;
    case Stmt::Discard:
      line(Indent, call(F, S.A, S.From, S.Var) + ";");
      break;
    case Stmt::Put:
      line(Indent, std::string(S.ViaHelper ? "oracle_put(" : "of_node_put(") +
                       var(S.Var) + ");");
      break;
    case Stmt::Deref:
      line(Indent, "oracle_use_name(" + var(S.Var) + "->name);");
      break;
    case Stmt::Copy:
      line(Indent, var(S.Dst) + " = " + var(S.Var) + ";");
      break;
    case Stmt::Clear:
      line(Indent, var(S.Dst) + " = NULL;");
      break;
    case Stmt::Use:
      line(Indent, "oracle_use(" + var(S.Var) + ");");
      break;
    case Stmt::Store:
      line(Indent, "oracle_saved = " + var(S.Var) + ";");
      break;
    case Stmt::If:
      line(Indent, "if (" + (S.AcquireInCond ? acquiringCond(F, S) : condText(S.C)) +
                       ") {");
      block(F, S.Then, Indent + 1);
      if (!S.Else.empty()) {
        line(Indent, "} else {");
        block(F, S.Else, Indent + 1);
      }
      line(Indent, "}");
      break;
    case Stmt::While:
      line(Indent, "while (oracle_cond(" + std::to_string(S.C.N) + ")) {");
      block(F, S.Then, Indent + 1);
      line(Indent, "}");
      break;
    case Stmt::ForEach:
      line(Indent, "for_each_child_of_node(parent, " + var(S.Var) + ") {");
      block(F, S.Then, Indent + 1);
      line(Indent, "}");
      break;
    case Stmt::ForEachScoped:
      line(Indent, "for_each_child_of_node_scoped(parent, s) {");
      block(F, S.Then, Indent + 1);
      line(Indent, "}");
      break;
    case Stmt::Block:
      line(Indent, "{");
      S.Line = Line;
      line(Indent + 1, "struct device_node *d = " +
                           (S.Initialised ? call(F, S.A, S.From, S.Var)
                                          : std::string("NULL")) +
                           ";");
      block(F, S.Then, Indent + 1);
      S.EndLine = Line;
      line(Indent, "}");
      break;
    case Stmt::Break:
      line(Indent, "break;");
      break;
    case Stmt::Continue:
      line(Indent, "continue;");
      break;
    case Stmt::Goto:
      line(Indent, S.Label == RetryLabel
                       ? std::string("goto retry;")
                       : "goto out" + std::to_string(S.Label) + ";");
      break;
    case Stmt::Return:
      line(Indent, returnText(S));
      break;
    }
  }

  static std::string acquiringCond(const Function &F, const Stmt &S) {
    std::string Assign = var(S.Dst) + " = " + call(F, S.A, S.From, S.Var);
    return S.C.K == Cond::IsNull ? "!(" + Assign + ")" : "(" + Assign + ")";
  }

  static std::string returnText(const Stmt &S) {
    switch (S.R) {
    case Stmt::Ret::Zero: return "return 0;";
    case Stmt::Ret::Error: return "return -ENODEV;";
    case Stmt::Ret::Null: return "return NULL;";
    case Stmt::Ret::Var: return "return " + var(S.Var) + ";";
    case Stmt::Ret::ErrPtr: return "return ERR_PTR(-ENODEV);";
    case Stmt::Ret::ReturnPtr: return "return_ptr(f);";
    }
    return "";
  }
};

} // namespace

Function generateFunction(uint64_t Seed) {
  // Mixed so that neighbouring seeds start far apart in the generator.
  return Generator(Seed * 0x9E3779B97F4A7C15ull + 1).function(Seed);
}

std::string renderTU(std::vector<Function> &Fns) {
  Renderer R;
  R.line(0, "// Generated by tests/oracle/DriverGen.cpp: random functions for "
            "the refcount path oracle.");
  R.line(0, "#include <linux/err.h>");
  R.line(0, "#include <linux/of.h>");
  R.line(0, "");
  R.line(0, "extern int oracle_cond(int n);");
  R.line(0, "extern void oracle_use(struct device_node *np);");
  R.line(0, "extern void oracle_use_name(const char *name);");
  R.line(0, "extern struct device_node *oracle_saved;");
  R.line(0, "");
  // Helpers whose summaries devlife learns: one returns a reference, one
  // releases its argument.
  R.line(0, "static struct device_node *oracle_get(struct device_node *p)");
  R.line(0, "{");
  R.line(1, "return of_get_child_by_name(p, \"h\");");
  R.line(0, "}");
  R.line(0, "");
  R.line(0, "static void oracle_put(struct device_node *np)");
  R.line(0, "{");
  R.line(1, "of_node_put(np);");
  R.line(0, "}");
  R.line(0, "");
  for (Function &F : Fns)
    R.function(F);
  return R.Text;
}

std::string functionText(const std::string &TU, const Function &F) {
  std::istringstream In(TU);
  std::string L, Out;
  for (unsigned N = 1; std::getline(In, L); ++N)
    if (N >= F.FirstLine && N <= F.LastLine + 1)
      Out += std::to_string(N) + ": " + L + "\n";
  return Out;
}

} // namespace devlife::oracle
