//===- PathologicalTest.cpp - Code built to blow up the path analysis -----===//
//
// Generated functions no one would write by hand but a code generator or a
// macro might: thousands of branches and gotos around acquisitions, deep
// nesting, a 100,000-line function. Each must end, within the analysis's
// budget or as "given up" (counted in the summary and named in a warning),
// never as a hang or a killed worker; and the ordinary function beside them
// in the same file keeps its finding.
//
//===----------------------------------------------------------------------===//
#include "tests/TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace devlife::test {
namespace {

/// Writes C one line at a time and knows which line it is on.
class CWriter {
public:
  unsigned line() const { return Line; }
  void operator()(const std::string &S) {
    Text << S << "\n";
    ++Line;
  }
  std::string text() const { return Text.str(); }

private:
  std::ostringstream Text;
  unsigned Line = 1;
};

std::string var(int I) { return "v" + std::to_string(I); }

void declare(CWriter &W, int Vars) {
  for (int I = 0; I < Vars; ++I)
    W("\tstruct device_node *" + var(I) + " = NULL;");
}

/// Every branch may take or drop one of many references: the states of the
/// paths multiply faster than any budget.
void branchStorm(CWriter &W, int Vars, int Branches) {
  W("int patho_branch_storm(struct device_node *p)");
  W("{");
  declare(W, Vars);
  for (int B = 0; B < Branches; ++B) {
    std::string V = var(B % Vars), N = std::to_string(B);
    W("\tif (patho_cond(" + N + "))");
    W("\t\t" + V + " = of_get_child_by_name(p, \"x\");");
    W("\telse if (patho_cond(-" + N + "))");
    W("\t\tof_node_put(" + V + ");");
  }
  W("\treturn 0;");
  W("}");
}

/// Thousands of gotos to hundreds of cleanup labels, each putting one of
/// the references; the last one is never put. Returns the leak's line.
unsigned gotoMaze(CWriter &W, int Vars, int Gotos, int Labels) {
  W("int patho_goto_maze(struct device_node *p)");
  W("{");
  declare(W, Vars);
  for (int I = 0; I < Vars; ++I)
    W("\t" + var(I) + " = of_get_child_by_name(p, \"x\");");
  for (int G = 0; G < Gotos; ++G)
    W("\tif (patho_cond(" + std::to_string(G) + ")) goto out" +
      std::to_string(G % Labels) + ";");
  for (int L = 0; L < Labels; ++L) {
    W("out" + std::to_string(L) + ":");
    W("\tof_node_put(" + var(L % (Vars - 1)) + ");");
    W("\t" + var(L % (Vars - 1)) + " = NULL;");
  }
  unsigned Leak = W.line();
  W("\treturn 0;");
  W("}");
  return Leak;
}

/// Branches nested Depth deep, each taking a reference it puts on the way
/// out, but the innermost returns with all of them held.
unsigned deepNesting(CWriter &W, int Depth) {
  W("int patho_deep_nesting(struct device_node *p)");
  W("{");
  declare(W, Depth);
  for (int D = 0; D < Depth; ++D) {
    W("\tif (patho_cond(" + std::to_string(D) + ")) {");
    W("\t" + var(D) + " = of_get_child_by_name(p, \"x\");");
  }
  unsigned Leak = W.line();
  W("\treturn -EINVAL;");
  for (int D = Depth - 1; D >= 0; --D) {
    W("\tof_node_put(" + var(D) + ");");
    W("\t}");
  }
  W("\treturn 0;");
  W("}");
  return Leak;
}

/// Lines lines of acquire, test, use, put, with an early return that
/// forgets the put at the end.
unsigned longFunction(CWriter &W, int Lines) {
  W("int patho_long(struct device_node *p)");
  W("{");
  declare(W, 1);
  unsigned End = W.line() + unsigned(Lines);
  while (W.line() + 5 < End) {
    W("\tv0 = of_get_child_by_name(p, \"x\");");
    W("\tif (!v0)");
    W("\t\treturn -ENODEV;");
    W("\tpatho_use(v0);");
    W("\tof_node_put(v0);");
  }
  W("\tv0 = of_get_child_by_name(p, \"x\");");
  unsigned Leak = W.line();
  W("\treturn patho_cond(0);");
  W("}");
  return Leak;
}

struct Generated {
  std::string Text;
  std::map<std::string, unsigned> LeakLine; // function -> its planted leak
  unsigned OrdinaryLeak = 0;
};

Generated pathologicalTU() {
  CWriter W;
  Generated G;
  W("#include <linux/err.h>");
  W("#include <linux/of.h>");
  W("extern int patho_cond(int n);");
  W("extern void patho_use(struct device_node *np);");
  branchStorm(W, 24, 2000);
  G.LeakLine["patho_goto_maze"] = gotoMaze(W, 8, 3000, 300);
  G.LeakLine["patho_deep_nesting"] = deepNesting(W, 200);
  G.LeakLine["patho_long"] = longFunction(W, 100000);
  W("int patho_ordinary(struct device_node *p)");
  W("{");
  W("\tstruct device_node *np = of_get_child_by_name(p, \"x\");");
  W("\tif (patho_cond(1))");
  G.OrdinaryLeak = W.line();
  W("\t\treturn -EINVAL;");
  W("\tof_node_put(np);");
  W("\treturn 0;");
  W("}");
  G.Text = W.text();
  return G;
}

TEST(Pathological, EveryFunctionEndsWithinTheBudgetOrIsNamedAsGivenUp) {
  std::string Dir = makeTempDir("devlife-patho");
  Generated G = pathologicalTU();
  writeFile(Dir + "/patho.c", G.Text);
  writeFile(Dir + "/compile_commands.json",
            "[{\"directory\": \"" + Dir + "\", \"file\": \"patho.c\", "
            "\"arguments\": [\"clang-22\", \"-std=gnu11\", \"-nostdinc\", "
            "\"-isystem\", \"" DEVLIFE_CORPUS_DIR "/include\", "
            "\"-D__KERNEL__\", \"-c\", \"patho.c\"]}]");
  // The timeout only catches a hang: the worker is killed and the file
  // reported failed, which fails the test.
  CommandResult R = run({DEVLIFE_BIN, "audit", "-p", Dir, "--jobs", "1",
                         "--no-cache", "--timeout", "600", "--memory-limit",
                         "4096", "--fail-on", "warning", "--checks",
                         "devlife-refcount-*"});
  EXPECT_EQ(R.Rc, 1) << R.Out << R.Err;
  EXPECT_TRUE(printed(R, "1 translation units, 0 failed")) << R.Out;

  std::smatch M;
  ASSERT_TRUE(std::regex_search(R.Out, M, std::regex(R"(\((\d+) given up\))")))
      << R.Out;
  unsigned GivenUp = unsigned(std::stoul(M[1]));
  EXPECT_GE(GivenUp, 1u) << "the branch storm must exceed any budget";
  auto Warnings = parseFindings(R.Out, Dir);
  auto reported = [&](unsigned Line) {
    return Warnings.count({Dir + "/patho.c", Line, "devlife-refcount-leak"}) > 0;
  };
  auto namedAsGivenUp = [&](const std::string &Fn) {
    return R.Err.find("'" + Fn + "'") != std::string::npos &&
           R.Err.find("gave up") != std::string::npos;
  };
  EXPECT_TRUE(namedAsGivenUp("patho_branch_storm")) << R.Err;
  unsigned Named = 1;
  for (const auto &[Fn, Line] : G.LeakLine) {
    bool GaveUp = namedAsGivenUp(Fn);
    Named += GaveUp;
    EXPECT_TRUE(GaveUp != reported(Line))
        << Fn << ": its leak at line " << Line
        << " must be reported unless the function is named as given up\n"
        << R.Out << R.Err;
  }
  EXPECT_EQ(Named, GivenUp) << R.Err;
  EXPECT_TRUE(reported(G.OrdinaryLeak)) << R.Out;
  llvm::sys::fs::remove_directories(Dir);
}

} // namespace
} // namespace devlife::test
