//===- ProgressTest.cpp - The audit's progress display --------------------===//
#include "integrations/audit/Progress.h"

#include <gtest/gtest.h>

namespace devlife {
namespace {

class ProgressTest : public ::testing::Test {
protected:
  /// A progress display on Text whose clock moves only when a test says.
  Progress make(ProgressStyle Style, unsigned Columns = 80) {
    return Progress(Style, OS, Columns, [this] { return T; });
  }
  void tick(double Seconds) {
    T += std::chrono::duration_cast<Progress::Clock::duration>(
        std::chrono::duration<double>(Seconds));
  }
  std::string Text;
  llvm::raw_string_ostream OS{Text};
  Progress::Clock::time_point T;
};

TEST(ClockTime, MinutesAndSecondsThenHours) {
  EXPECT_EQ(clockTime(0), "0:00");
  EXPECT_EQ(clockTime(5.4), "0:05");
  EXPECT_EQ(clockTime(65), "1:05");
  EXPECT_EQ(clockTime(3725), "1:02:05");
}

// A CI log gets a line when the phase starts and one per tenth, never '\r'.
TEST_F(ProgressTest, PlainIsALinePerTenthAndNoCarriageReturn) {
  Progress P = make(ProgressStyle::Plain);
  P.beginPhase("analysing", 20);
  for (int I = 0; I < 20; ++I) {
    P.started("f.c");
    tick(1);
    P.finished("f.c");
  }
  EXPECT_EQ(Text.find('\r'), std::string::npos);
  EXPECT_EQ(std::count(Text.begin(), Text.end(), '\n'), 11) << Text;
  EXPECT_NE(Text.find("devlife: analysing: 20 translation units\n"),
            std::string::npos) << Text;
  EXPECT_NE(Text.find("devlife: analysing: 2/20 (10%), 1.0 TU/s, ETA 0:18\n"),
            std::string::npos) << Text;
  EXPECT_NE(Text.find("devlife: analysing: 20/20 (100%), 1.0 TU/s, done in 0:20\n"),
            std::string::npos) << Text;
}

// On a terminal: one line, rewritten in place, never as wide as the
// terminal, the file cut at its start; clear() leaves a clean line.
TEST_F(ProgressTest, LiveRewritesOneLineThatNeverWraps) {
  Progress P = make(ProgressStyle::Live, 80);
  P.beginPhase("re-analysis round 2", 4);
  P.started("drivers/a.c");
  EXPECT_NE(Text.find("\rre-analysis round 2: 0/4 (0%)  drivers/a.c"),
            std::string::npos) << Text;
  tick(2);
  P.finished("drivers/a.c");
  EXPECT_NE(Text.find("\rre-analysis round 2: 1/4 (25%), 0.5 TU/s, ETA 0:06  "
                      "drivers/a.c"),
            std::string::npos) << Text;
  std::string Long = "drivers/very/long/path/to/some/driver/file.c";
  P.started(Long);
  size_t Last = Text.rfind('\r');
  std::string Line = Text.substr(Last + 1);
  EXPECT_LT(Line.size(), 80u) << Line;
  EXPECT_NE(Line.find("...") , std::string::npos) << Line;
  EXPECT_NE(Line.find("driver/file.c"), std::string::npos) << Line;
  EXPECT_EQ(Text.find('\n'), std::string::npos);
  Text.clear();
  P.clear();
  EXPECT_EQ(Text, "\r" + std::string(Line.size(), ' ') + "\r");
}

TEST_F(ProgressTest, NoneSaysNothing) {
  Progress P = make(ProgressStyle::None);
  P.beginPhase("analysing", 1);
  P.started("a.c");
  P.finished("a.c");
  P.clear();
  EXPECT_EQ(Text, "");
}

TEST(ProgressStyle, QuietAndNeverTurnItOff) {
  EXPECT_EQ(progressStyleFor(ProgressMode::Always, /*Quiet=*/true),
            ProgressStyle::None);
  EXPECT_EQ(progressStyleFor(ProgressMode::Never, false), ProgressStyle::None);
  EXPECT_EQ(progressStyleFor(ProgressMode::Always, false), ProgressStyle::Live);
}

} // namespace
} // namespace devlife
