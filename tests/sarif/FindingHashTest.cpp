//===- FindingHashTest.cpp - devlife's fingerprint of a finding -----------===//
#include "integrations/sarif/FindingHash.h"
#include "integrations/sarif/Fingerprint.h"

#include <gtest/gtest.h>

using namespace devlife;

namespace {

const std::string Root = "/src/linux";
const std::string File = Root + "/drivers/of/base.c";

Finding at(unsigned Line) {
  Finding F;
  F.RuleId = "devlife-refcount-leak";
  F.Message = "reference from of_find_node_by_name() is not released";
  F.Function = "probe";
  F.Where = {File, Line, 3};
  return F;
}

std::string baseOf(const Finding &F, const std::string &Text) {
  FindingHasher H(Root, [Text](const std::string &) -> std::optional<std::string> {
    return Text;
  });
  return H.base(F);
}

const std::string Before = "int probe(void)\n{\n\tnp = of_find_node_by_name(NULL, \"x\");\n"
                           "\tif (ret)\n\t\treturn ret;\n\tof_node_put(np);\n\treturn 0;\n}\n";

TEST(FindingHash, SixteenHexDigitsAndACounter) {
  FindingHasher H(Root, nullptr);
  std::string First = H.numbered(at(5)), Second = H.numbered(at(5));
  EXPECT_EQ(First.size(), 18u);
  EXPECT_EQ(First.substr(16), ":1");
  EXPECT_EQ(Second, First.substr(0, 16) + ":2");
}

TEST(FindingHash, SurvivesLinesMovingReindentingAndEditsAroundTheLine) {
  std::string After = "// SPDX-License-Identifier: GPL-2.0\n#include <linux/of.h>\n" + Before;
  After.replace(After.find("\tof_node_put(np);"), 17, "\tof_node_put(np); /* done */");
  After.replace(After.find("\t\treturn ret;"), 13, "        return ret;");
  EXPECT_EQ(baseOf(at(5), Before), baseOf(at(7), After));
  // GitHub's line hash does not survive the edit just after the line.
  EXPECT_NE(*lineHash(Before, 5), *lineHash(After, 7));
}

TEST(FindingHash, ChangesWithWhatNamesTheBug) {
  std::string Base = baseOf(at(5), Before);
  Finding Rule = at(5);
  Rule.RuleId = "devlife-refcount-overput";
  Finding Message = at(5);
  Message.Message = "another reference";
  Finding Function = at(5);
  Function.Function = "remove";
  Finding Elsewhere = at(5);
  Elsewhere.Where.File = Root + "/drivers/of/other.c";
  for (const Finding &F : {Rule, Message, Function, Elsewhere})
    EXPECT_NE(baseOf(F, Before), Base);
  std::string Edited = Before;
  Edited.replace(Edited.find("return ret;"), 11, "return -EINVAL;");
  EXPECT_NE(baseOf(at(5), Edited), Base);
  EXPECT_NE(baseOf(at(7), Before), Base) << "another line, another text";
}

TEST(FindingHash, LineText) {
  EXPECT_EQ(lineText("a\nb\r\nc\rd", 1), "a");
  EXPECT_EQ(lineText("a\nb\r\nc\rd", 2), "b");
  EXPECT_EQ(lineText("a\nb\r\nc\rd", 3), "c");
  EXPECT_EQ(lineText("a\nb\r\nc\rd", 4), "d");
  EXPECT_EQ(lineText("a\nb\r\nc\rd", 5), "");
  EXPECT_EQ(lineText("a\n", 0), "");
}

} // namespace
