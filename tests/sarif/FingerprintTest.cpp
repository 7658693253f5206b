//===- FingerprintTest.cpp - primaryLocationLineHash as GitHub computes it ===//
//
// The expected values in "UpstreamVectors" are those of the test "hash" in
// github/codeql-action src/fingerprints.test.ts: the upload action's own
// test, so a match here means GitHub matches alerts the way we do.
//
//===----------------------------------------------------------------------===//
#include "integrations/sarif/Fingerprint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using devlife::lineHash;
using devlife::lineHashes;
using devlife::utf16CodeUnits;

namespace {

std::string repeat(const std::string &S, unsigned N) {
  std::string Out;
  for (unsigned I = 0; I < N; ++I)
    Out += S;
  return Out;
}

// fingerprints.test.ts, test "hash": the empty file.
TEST(FingerprintUpstreamVectors, EmptyFile) {
  EXPECT_EQ(lineHashes(""), std::vector<std::string>{"c129715d7a2bc9a3:1"});
}

// fingerprints.test.ts, test "hash": "various combinations of newline
// characters", the first input (leading spaces and tabs, no final newline).
TEST(FingerprintUpstreamVectors, SpacesAndTabsAreSkipped) {
  EXPECT_EQ(lineHashes(" a\nb\n  \t\tc\n d"),
            (std::vector<std::string>{"271789c17abda88f:1", "54703d4cd895b18:1",
                                      "180aee12dab6264:1",
                                      "a23a3dc5e078b07b:1"}));
}

// fingerprints.test.ts, test "hash": the same text without a final newline.
TEST(FingerprintUpstreamVectors, NoFinalNewline) {
  EXPECT_EQ(lineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            (std::vector<std::string>{
                "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1", "c6805c5e1288b612:1",
                "b86d3392aea1be30:1", "e6ceba753e1a442:1"}));
}

// fingerprints.test.ts, test "hash": four spellings of the same lines (LF,
// CR, CR LF, mixed) that must all give these seven hashes.
TEST(FingerprintUpstreamVectors, AllLineEndingsHashAlike) {
  const std::vector<std::string> Expected = {
      "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
      "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
      "c129715d7a2bc9a3:1"};
  for (const char *Input :
       {" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
        " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
        " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"})
    EXPECT_EQ(lineHashes(Input), Expected) << "input: " << Input;
}

// fingerprints.test.ts, test "hash": "repeating line that will generate
// identical hashes" — the ":<n>" suffix numbers them.
TEST(FingerprintUpstreamVectors, RepeatedLinesAreNumbered) {
  EXPECT_EQ(lineHashes(repeat("Lorem ipsum dolor sit amet.\n", 10)),
            (std::vector<std::string>{
                "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1"}));
}

// fingerprints.test.ts, test "hash": the last input (short, similar lines).
TEST(FingerprintUpstreamVectors, ShortSimilarLines) {
  EXPECT_EQ(lineHashes("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\n"
                       "print(x)\n"),
            (std::vector<std::string>{
                "e54938cc54b302f1:1", "bb609acbe9138d60:1",
                "1131fd5871777f34:1", "5c482a0f8b35ea28:1",
                "54517377da7028d2:1", "2c644846cb18d53e:1",
                "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"}));
}

TEST(Fingerprint, LineHashPicksOneLine) {
  const char *Text = "x = 2\nx = 1\nprint(x)\n";
  std::vector<std::string> All = lineHashes(Text);
  ASSERT_EQ(All.size(), 4u);
  EXPECT_EQ(lineHash(Text, 1), All[0]);
  EXPECT_EQ(lineHash(Text, 2), All[1]);
  EXPECT_NE(All[0], All[1]);
  EXPECT_EQ(lineHash(Text, 4), All[3]); // the empty line after the last "\n"
  EXPECT_FALSE(lineHash(Text, 0).has_value());
  EXPECT_FALSE(lineHash(Text, 5).has_value());
}

TEST(Fingerprint, OneHashPerLineAsTheActionCountsThem) {
  // "a\r\nb\rc\n" splits into "a", "b", "c", "" on /\r\n|\r|\n/.
  EXPECT_EQ(lineHashes("a\r\nb\rc\n").size(), 4u);
  // LF CR is two line breaks, not one.
  EXPECT_EQ(lineHashes("a\n\rb").size(), 3u);
}

TEST(Fingerprint, WindowIsOneHundredCharactersLong) {
  // Line 1's hash covers 100 characters from its start: what follows them
  // must not matter, and what is within them must.
  std::string Hundred = repeat("x", 99) + "\n";
  EXPECT_EQ(lineHashes(Hundred + "A")[0], lineHashes(Hundred + "B")[0]);
  std::string NinetyNine = repeat("x", 98) + "\n";
  EXPECT_NE(lineHashes(NinetyNine + "A")[0], lineHashes(NinetyNine + "B")[0]);
}

TEST(Fingerprint, SpacesAndTabsDoNotCountTowardsTheWindow) {
  EXPECT_EQ(lineHashes("int  x\t= 1;\n"), lineHashes("intx=1;\n"));
  std::string Padded = repeat("x ", 99) + "\n";
  EXPECT_EQ(lineHashes(Padded + "A")[0], lineHashes(Padded + "B")[0]);
}

TEST(Fingerprint, CountsUtf16CodeUnitsNotCodePoints) {
  // U+1F600 is two UTF-16 code units, as JavaScript's charCodeAt sees it:
  // 50 of them fill the window, so the next line cannot change line 1.
  const std::string Smiley = "\xF0\x9F\x98\x80";
  std::string Fifty = repeat(Smiley, 50) + "\n";
  EXPECT_EQ(lineHashes(Fifty + "A")[0], lineHashes(Fifty + "B")[0]);
  std::string FortyNine = repeat(Smiley, 49) + "\n";
  EXPECT_NE(lineHashes(FortyNine + "A")[0], lineHashes(FortyNine + "B")[0]);
}

TEST(Fingerprint, IllFormedUtf8HashesAsTheReplacementCharacter) {
  // Node decodes the file as UTF-8 and turns a stray byte into U+FFFD.
  EXPECT_EQ(lineHashes("caf\xE9;\n"), lineHashes("caf\xEF\xBF\xBD;\n"));
  EXPECT_NE(lineHashes("caf\xE9;\n"), lineHashes("cafe;\n"));
}

TEST(Fingerprint, NonAsciiVector) {
  // Not an upstream vector: computed by running a transcription of
  // fingerprints.ts under Node 20 on this file's bytes (Node's own UTF-8
  // decoding), kept to catch regressions on non-ASCII input.
  EXPECT_EQ(lineHashes("\xC3\xA9t\xC3\xA9 = \"\xF0\x9F\x98\x80\";\n\xFF\n"),
            (std::vector<std::string>{"982901c1546713db:1",
                                      "a88b3c201b7e6ebe:1",
                                      "c129715d7a2bc9a3:1"}));
}

TEST(Utf16CodeUnits, DecodesLikeNode) {
  EXPECT_EQ(utf16CodeUnits("A\xC3\xA9"), (std::vector<uint16_t>{0x41, 0xE9}));
  EXPECT_EQ(utf16CodeUnits("\xF0\x9F\x98\x80"),
            (std::vector<uint16_t>{0xD83D, 0xDE00}));
  // A byte order mark is text to Node's Buffer.toString(): it stays.
  EXPECT_EQ(utf16CodeUnits("\xEF\xBB\xBF" "A"),
            (std::vector<uint16_t>{0xFEFF, 0x41}));
}

TEST(Utf16CodeUnits, ReplacesEachMaximalIllFormedSubpart) {
  // Expected values are what Node 20's Buffer.toString() gives.
  EXPECT_EQ(utf16CodeUnits("\xFF"), (std::vector<uint16_t>{0xFFFD}));
  EXPECT_EQ(utf16CodeUnits("\xE2\x82"), (std::vector<uint16_t>{0xFFFD}));
  EXPECT_EQ(utf16CodeUnits("\xED\xA0\x80"), // an encoded surrogate
            (std::vector<uint16_t>{0xFFFD, 0xFFFD, 0xFFFD}));
  EXPECT_EQ(utf16CodeUnits("\xE0\x80\x80" "A"),
            (std::vector<uint16_t>{0xFFFD, 0xFFFD, 0xFFFD, 0x41}));
}

} // namespace
