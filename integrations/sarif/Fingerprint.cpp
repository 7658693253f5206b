//===- Fingerprint.cpp - GitHub's primaryLocationLineHash -----------------===//
//
// Written from the description of the algorithm in github/codeql-action
// src/fingerprints.ts; any change there changes every alert identity on
// GitHub, so this must stay bit-for-bit equal to it.
//
//===----------------------------------------------------------------------===//
#include "integrations/sarif/Fingerprint.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <array>
#include <map>

namespace devlife {

std::vector<uint16_t> utf16CodeUnits(llvm::StringRef Utf8) {
  llvm::SmallVector<llvm::UTF16, 0> Units;
  if (llvm::convertUTF8ToUTF16String(Utf8, Units))
    return {Units.begin(), Units.end()};

  // Ill-formed input (e.g. a Latin-1 comment). Node replaces each maximal
  // ill-formed subpart with U+FFFD, which is what LLVM's lenient UTF-8 to
  // UTF-32 conversion does too; then split code points into UTF-16 units.
  std::vector<llvm::UTF32> CodePoints(Utf8.size());
  const auto *Src = reinterpret_cast<const llvm::UTF8 *>(Utf8.data());
  llvm::UTF32 *Dst = CodePoints.data();
  llvm::ConvertUTF8toUTF32(&Src, Src + Utf8.size(), &Dst,
                           CodePoints.data() + CodePoints.size(),
                           llvm::lenientConversion);
  CodePoints.resize(Dst - CodePoints.data());

  std::vector<uint16_t> Out;
  Out.reserve(CodePoints.size());
  for (llvm::UTF32 C : CodePoints) {
    if (C < 0x10000) {
      Out.push_back(static_cast<uint16_t>(C));
      continue;
    }
    C -= 0x10000;
    Out.push_back(static_cast<uint16_t>(0xD800 + (C >> 10)));
    Out.push_back(static_cast<uint16_t>(0xDC00 + (C & 0x3FF)));
  }
  return Out;
}

namespace {

constexpr unsigned BlockSize = 100;
constexpr uint64_t Base = 37;
constexpr uint16_t Tab = '\t', Space = ' ', LF = '\n', CR = '\r';
// Appended once after the last character, so that the last line (even an
// empty one) gets a hash that differs from a line followed by more text.
constexpr uint16_t EndOfFile = 65535;

/// Base^BlockSize: the weight of the character leaving the window.
/// Unsigned arithmetic wraps modulo 2^64, exactly like the signed Long of
/// the original, whose bits are printed as unsigned anyway.
uint64_t weightOfOldest() {
  uint64_t W = 1;
  for (unsigned I = 0; I < BlockSize; ++I)
    W *= Base;
  return W;
}

/// Feeds characters through a window of BlockSize characters. When a
/// character that started a line leaves the window, the hash then covers
/// exactly the BlockSize characters from that line start, and is recorded.
class LineHasher {
public:
  void feed(uint16_t C) {
    // Spaces and tabs never count; CR LF counts as a single line break.
    if (C == Space || C == Tab || (PrevCR && C == LF)) {
      PrevCR = false;
      return;
    }
    PrevCR = C == CR;
    if (C == CR)
      C = LF;
    if (LineAt[Index])
      recordHash();
    if (AtLineStart) {
      AtLineStart = false;
      LineAt[Index] = ++LineCount;
    }
    if (C == LF)
      AtLineStart = true;
    push(C);
  }

  /// Ends the input and drains the window with zeros, so that lines
  /// shorter than BlockSize before the end get their hashes too.
  std::vector<std::string> finish() {
    feed(EndOfFile);
    for (unsigned I = 0; I < BlockSize; ++I) {
      if (LineAt[Index])
        recordHash();
      push(0);
    }
    return std::move(Hashes);
  }

private:
  void push(uint16_t C) {
    uint64_t Oldest = Window[Index];
    Window[Index] = C;
    Hash = Base * Hash + C - OldestWeight * Oldest;
    Index = (Index + 1) % BlockSize;
  }

  void recordHash() {
    std::string Hex = llvm::utohexstr(Hash, /*LowerCase=*/true);
    unsigned Seen = ++TimesSeen[Hex];
    unsigned Line = LineAt[Index];
    if (Hashes.size() < Line)
      Hashes.resize(Line);
    Hashes[Line - 1] = Hex + ":" + std::to_string(Seen);
    LineAt[Index] = 0;
  }

  const uint64_t OldestWeight = weightOfOldest();
  std::array<uint16_t, BlockSize> Window{};
  // The 1-based line that starts at each window position, 0 for none.
  std::array<unsigned, BlockSize> LineAt{};
  uint64_t Hash = 0;
  unsigned Index = 0;
  unsigned LineCount = 0;
  bool AtLineStart = true;
  bool PrevCR = false;
  std::map<std::string, unsigned> TimesSeen;
  std::vector<std::string> Hashes;
};

} // namespace

std::vector<std::string> lineHashes(llvm::StringRef FileContents) {
  LineHasher Hasher;
  for (uint16_t C : utf16CodeUnits(FileContents))
    Hasher.feed(C);
  return Hasher.finish();
}

std::optional<std::string> lineHash(llvm::StringRef FileContents,
                                    unsigned Line) {
  std::vector<std::string> All = lineHashes(FileContents);
  if (Line == 0 || Line > All.size())
    return std::nullopt;
  return All[Line - 1];
}

} // namespace devlife
