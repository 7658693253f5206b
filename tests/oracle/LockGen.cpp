//===- LockGen.cpp - Random small lock programs for the lock oracle -------===//
#include "tests/oracle/LockGen.h"

#include <random>
#include <sstream>

namespace devlife::oracle {
namespace {

/// Where a statement is generated: what may appear there.
struct Place {
  int Depth = 0;
  bool InLoop = false;   // break/continue reach a while loop of ours
  bool TopLevel = true;  // a guard here would be jumped over by a goto
  bool IsWork = false;
  int Labels = 0;
};

class LockGenerator {
public:
  explicit LockGenerator(uint64_t Seed) : Rng(Seed) {}

  LockFunction function(std::string Name, bool IsWork) {
    LockFunction F;
    F.Name = std::move(Name);
    F.IsWork = IsWork;
    Place P;
    P.IsWork = IsWork;
    P.Labels = pick(3);
    F.Body = list(P, 2 + pick(5));
    for (int L = 0; L < P.Labels; ++L) {
      LockLabel Lab;
      for (int I = pick(3); I > 0; --I)
        Lab.Stmts.push_back(withLock(LockStmt::Unlock));
      F.Labels.push_back(std::move(Lab));
    }
    return F;
  }

private:
  std::mt19937_64 Rng;
  int Conds = 0;

  int pick(int N) { return int(Rng() % uint64_t(N)); }
  bool chance(int Percent) { return pick(100) < Percent; }

  LockStmt withLock(LockStmt::Kind K) {
    LockStmt S(K);
    S.Which = pick(NumLocks);
    return S;
  }

  /// Statements up to Max, ending early after a jump: nothing is dead code.
  std::vector<LockStmt> list(const Place &P, int Max) {
    std::vector<LockStmt> Out;
    for (int I = 0; I < Max; ++I) {
      Out.push_back(stmt(P));
      if (isJump(Out.back().K))
        break;
    }
    return Out;
  }

  static bool isJump(LockStmt::Kind K) {
    return K == LockStmt::Break || K == LockStmt::Continue ||
           K == LockStmt::Goto || K == LockStmt::Return;
  }

  Place nested(const Place &P) {
    Place Q = P;
    ++Q.Depth;
    Q.TopLevel = false;
    return Q;
  }

  LockStmt jump(const Place &P) {
    int Choices = P.Labels ? 2 : 1;
    if (P.InLoop)
      Choices += 2;
    switch (pick(Choices)) {
    case 0:
      return LockStmt(LockStmt::Return);
    case 1:
      if (P.Labels) {
        LockStmt S(LockStmt::Goto);
        S.Label = pick(P.Labels);
        return S;
      }
      [[fallthrough]];
    case 2:
      return LockStmt(LockStmt::Break);
    default:
      return LockStmt(LockStmt::Continue);
    }
  }

  LockStmt stmt(const Place &P) {
    bool Compound = P.Depth < 3;
    for (;;) {
      int R = pick(100);
      if (R < 20)
        return withLock(LockStmt::Lock);
      if (R < 32)
        return withLock(LockStmt::Unlock);
      if (R < 37)
        return withLock(LockStmt::Touch);
      if (R < 40)
        return withLock(chance(50) ? LockStmt::LockVia : LockStmt::UnlockVia);
      if (R < 48 && !P.IsWork) {
        LockStmt S(LockStmt::Barrier);
        S.Cancel = chance(40);
        return S;
      }
      if (R < 53 && !P.IsWork)
        return LockStmt(LockStmt::Sync);
      if (R < 58)
        return jump(P);
      if (R < 63 && !P.TopLevel)
        return withLock(LockStmt::Guard);
      if (!Compound)
        continue;
      if (R < 75) {
        LockStmt S(LockStmt::If);
        S.N = ++Conds;
        S.Then = list(nested(P), 1 + pick(3));
        if (chance(50))
          S.Else = list(nested(P), 1 + pick(3));
        return S;
      }
      if (R < 81) {
        LockStmt S = withLock(LockStmt::TryIf);
        S.Then = list(nested(P), 1 + pick(3));
        if (chance(30))
          S.Else = list(nested(P), 1 + pick(2));
        return S;
      }
      if (R < 85) {
        LockStmt S = withLock(chance(25) ? LockStmt::TryFailIf : LockStmt::IntrIf);
        S.ViaLocal = S.K == LockStmt::IntrIf && chance(40);
        S.Then.push_back(jump(P));
        return S;
      }
      if (R < 91) {
        LockStmt S(LockStmt::While);
        S.N = ++Conds;
        Place Q = nested(P);
        Q.InLoop = true;
        S.Then = list(Q, 1 + pick(4));
        return S;
      }
      if (R < 96) {
        // scoped_guard is a for loop: a break in it would leave the guard,
        // not our loop, so none is made there.
        LockStmt S = withLock(LockStmt::ScopedGuard);
        Place Q = nested(P);
        Q.InLoop = false;
        S.Then = list(Q, 1 + pick(3));
        return S;
      }
      LockStmt S(LockStmt::Block);
      S.Then = list(nested(P), 1 + pick(3));
      return S;
    }
  }
};

/// One file being written, and its line.
struct Sink {
  std::ostringstream OS;
  unsigned Line = 0;

  void line(const std::string &Text) {
    OS << Text << "\n";
    ++Line;
  }
};

class Renderer {
public:
  explicit Renderer(std::vector<Sink> &Files) : Files(Files) {}

  /// The context, its helpers, the work function and its binding go to
  /// the first file; the callers to the last, which, when it is another
  /// file, repeats the context and declares the helpers.
  void program(LockProgram &P) {
    const std::string &X = P.Prefix;
    Sink &Defs = Files.front(), &Callers = Files.back();
    P.FirstLine[0] = Defs.Line + 1;
    context(Defs, X);
    for (int L = 0; L < NumLocks; ++L) {
      std::string F = field(L);
      Defs.line("void " + X + "_take_" + F + "(struct " + X + "_ctx *ctx)");
      Defs.line("{");
      Defs.line("\tmutex_lock(&ctx->" + F + ");");
      Defs.line("\tmutex_unlock(&ctx->" + F + ");");
      Defs.line("}");
    }
    for (int L = 0; L < NumLocks; ++L) {
      std::string F = field(L);
      Defs.line("void " + X + "_lock_" + F + "(struct " + X + "_ctx *ctx)");
      Defs.line("{");
      Defs.line("\tmutex_lock(&ctx->" + F + ");");
      Defs.line("}");
      Defs.line("void " + X + "_unlock_" + F + "(struct " + X + "_ctx *ctx)");
      Defs.line("{");
      Defs.line("\tmutex_unlock(&ctx->" + F + ");");
      Defs.line("}");
    }
    Defs.line("void " + X + "_sync(struct " + X + "_ctx *ctx)");
    Defs.line("{");
    Defs.line("\tflush_work(&ctx->work);");
    Defs.line("}");
    function(Defs, P, P.Fns.front());
    Defs.line("void " + X + "_init(struct " + X + "_ctx *ctx)");
    Defs.line("{");
    Defs.line("\tINIT_WORK(&ctx->work, " + P.Fns.front().Name + ");");
    Defs.line("}");
    P.LastLine[0] = Defs.Line;
    if (&Callers != &Defs) {
      P.FirstLine[1] = Callers.Line + 1;
      context(Callers, X);
      for (int L = 0; L < NumLocks; ++L)
        for (const char *H : {"_take_", "_lock_", "_unlock_"})
          Callers.line("void " + X + H + field(L) + "(struct " + X + "_ctx *ctx);");
      Callers.line("void " + X + "_sync(struct " + X + "_ctx *ctx);");
    }
    for (size_t I = 1; I < P.Fns.size(); ++I)
      function(Callers, P, P.Fns[I]);
    P.LastLine[Files.size() - 1] = Callers.Line;
  }

private:
  std::vector<Sink> &Files;
  const LockProgram *Prog = nullptr;
  Sink *Out = nullptr;

  static std::string field(int L) { return "l" + std::string(1, char('a' + L)); }

  static void context(Sink &S, const std::string &X) {
    S.line("struct " + X + "_ctx {");
    for (int L = 0; L < NumLocks; ++L)
      S.line("\tstruct mutex " + field(L) + ";");
    S.line("\tstruct work_struct work;");
    S.line("};");
  }

  void line(const std::string &Text) { Out->line(Text); }

  static std::string tabs(int Depth) { return std::string(size_t(Depth), '\t'); }

  void function(Sink &File, const LockProgram &P, LockFunction &F) {
    Prog = &P;
    Out = &File;
    F.File = unsigned(&File - Files.data());
    F.FirstLine = File.Line + 1;
    std::string Ctx = "struct " + P.Prefix + "_ctx";
    if (F.IsWork) {
      line("void " + F.Name + "(struct work_struct *work)");
      line("{");
      line("\t" + Ctx + " *ctx = container_of(work, " + Ctx + ", work);");
      line("");
    } else {
      line("void " + F.Name + "(" + Ctx + " *ctx)");
      line("{");
    }
    line("\tint ret;");
    list(F.Body, 1);
    if (F.Labels.empty() && (F.Body.empty() || F.Body.back().K != LockStmt::Return))
      line("\treturn;");
    for (size_t L = 0; L < F.Labels.size(); ++L) {
      F.Labels[L].Line = Out->Line + 1;
      line("out" + std::to_string(L) + ":");
      for (LockStmt &S : F.Labels[L].Stmts)
        stmt(S, 1);
      if (F.Labels[L].Stmts.empty() && L + 1 == F.Labels.size())
        line("\t;");
    }
    line("}");
    F.LastLine = Out->Line;
  }

  void list(std::vector<LockStmt> &L, int Depth) {
    for (LockStmt &S : L)
      stmt(S, Depth);
  }

  std::string lock(const LockStmt &S) { return "&" + lockText(S.Which); }

  void braced(std::vector<LockStmt> &Body, int Depth) {
    list(Body, Depth + 1);
    if (Body.empty())
      line(tabs(Depth + 1) + ";");
  }

  void stmt(LockStmt &S, int Depth) {
    std::string T = tabs(Depth);
    S.Line = Out->Line + 1;
    switch (S.K) {
    case LockStmt::Lock:
      return line(T + "mutex_lock(" + lock(S) + ");");
    case LockStmt::Unlock:
      return line(T + "mutex_unlock(" + lock(S) + ");");
    case LockStmt::Guard:
      return line(T + "guard(mutex)(" + lock(S) + ");");
    case LockStmt::Touch:
    case LockStmt::LockVia:
    case LockStmt::UnlockVia: {
      const char *H = S.K == LockStmt::Touch     ? "_take_"
                      : S.K == LockStmt::LockVia ? "_lock_"
                                                 : "_unlock_";
      return line(T + Prog->Prefix + H + field(S.Which) + "(ctx);");
    }
    case LockStmt::Barrier:
      return line(T + (S.Cancel ? "cancel_work_sync" : "flush_work") +
                  "(&ctx->work);");
    case LockStmt::Sync:
      return line(T + Prog->Prefix + "_sync(ctx);");
    case LockStmt::Break:
      return line(T + "break;");
    case LockStmt::Continue:
      return line(T + "continue;");
    case LockStmt::Goto:
      return line(T + "goto out" + std::to_string(S.Label) + ";");
    case LockStmt::Return:
      return line(T + "return;");
    case LockStmt::If:
    case LockStmt::TryIf:
    case LockStmt::TryFailIf:
    case LockStmt::IntrIf: {
      std::string Cond = S.K == LockStmt::If ? "lo_cond(" + std::to_string(S.N) + ")"
                         : S.K == LockStmt::TryIf ? "mutex_trylock(" + lock(S) + ")"
                         : S.K == LockStmt::TryFailIf
                             ? "!mutex_trylock(" + lock(S) + ")"
                             : "mutex_lock_interruptible(" + lock(S) + ")";
      if (S.ViaLocal) {
        line(T + "ret = " + Cond + ";");
        Cond = "ret";
      }
      line(T + "if (" + Cond + ") {");
      braced(S.Then, Depth);
      if (!S.Else.empty()) {
        line(T + "} else {");
        braced(S.Else, Depth);
      }
      return line(T + "}");
    }
    case LockStmt::While:
      line(T + "while (lo_cond(" + std::to_string(S.N) + ")) {");
      braced(S.Then, Depth);
      return line(T + "}");
    case LockStmt::ScopedGuard:
      line(T + "scoped_guard(mutex, " + lock(S) + ") {");
      braced(S.Then, Depth);
      return line(T + "}");
    case LockStmt::Block:
      line(T + "{");
      braced(S.Then, Depth);
      return line(T + "}");
    }
  }
};

} // namespace

std::string lockText(int Lock) {
  return "ctx->l" + std::string(1, char('a' + Lock));
}

LockProgram generateLockProgram(uint64_t Seed) {
  LockGenerator G(Seed);
  LockProgram P;
  P.Seed = Seed;
  P.Prefix = "lo_" + std::to_string(Seed);
  P.Fns.push_back(G.function(P.Prefix + "_work", /*IsWork=*/true));
  for (int I = 1; I <= 3; ++I)
    P.Fns.push_back(G.function(P.Prefix + "_f" + std::to_string(I), false));
  return P;
}

std::vector<std::string> renderLockTUs(std::vector<LockProgram> &Ps,
                                       bool Split) {
  std::vector<Sink> Files(Split ? 2 : 1);
  for (Sink &F : Files) {
    F.line("// Generated by the lock oracle (tests/LockOracleTest.cpp).");
    F.line("#include <linux/kernel.h>");
    F.line("#include <linux/cleanup.h>");
    F.line("#include <linux/mutex.h>");
    F.line("#include <linux/workqueue.h>");
    F.line("");
    F.line("int lo_cond(int n);");
  }
  Renderer R(Files);
  for (LockProgram &P : Ps)
    R.program(P);
  std::vector<std::string> Out;
  for (Sink &F : Files)
    Out.push_back(F.OS.str());
  return Out;
}

std::string lockProgramText(const std::vector<std::string> &TUs,
                            const LockProgram &P) {
  std::ostringstream OS;
  for (size_t F = 0; F < TUs.size(); ++F) {
    std::istringstream IS(TUs[F]);
    std::string L;
    for (unsigned N = 1; std::getline(IS, L); ++N)
      if (N >= P.FirstLine[F] && N <= P.LastLine[F])
        OS << "file " << F << ":" << N << ":\t" << L << "\n";
  }
  return OS.str();
}

} // namespace devlife::oracle
