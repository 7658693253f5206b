//===- nolint.cpp - Fuzz NOLINT comment parsing (audit mode) --------------===//
#include "core/Nolint.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Any source text: directives inside it, blocks paired by index into them,
// and every byte's line/column mapping back to that byte.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  nolint::FileSuppressions F(fuzz::text(Data, Size).str());
  for (const nolint::Directive &D : F.directives())
    if (D.Offset + D.Length > Size)
      fuzz::fail("a directive past the end of the text");
  for (const nolint::Block &B : F.blocks().Pairs)
    if (B.Begin >= B.End || B.End >= F.directives().size())
      fuzz::fail("a block that does not pair a BEGIN with a later END");
  for (size_t Offset = 0; Offset < Size; Offset += 1 + Offset / 8) {
    auto [Line, Column] = F.lineColumnOf(Offset);
    if (F.offsetOf(Line, Column) != Offset)
      fuzz::fail("line " + std::to_string(Line) + ":" + std::to_string(Column) +
                 " is not byte " + std::to_string(Offset));
    F.suppressors(Offset, "devlife-refcount-leak");
  }
  return 0;
}
