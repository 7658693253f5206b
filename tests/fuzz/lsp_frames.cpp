//===- lsp_frames.cpp - Fuzz the LSP server's input stream ----------------===//
#include "integrations/lsp/Protocol.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace devlife;

// Any byte stream from an editor splits into bodies within what was read;
// a body framed again splits back into itself.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  lsp::Frames F = lsp::parseFrames(fuzz::text(Data, Size));
  if (F.Consumed > Size)
    fuzz::fail("consumed more bytes than there are");
  for (const std::string &Body : F.Bodies) {
    nlohmann::json J = nlohmann::json::parse(Body, nullptr, false);
    if (J.is_discarded())
      continue;
    lsp::Frames Again = lsp::parseFrames(lsp::frame(J));
    if (Again.Bodies.size() != 1 || nlohmann::json::parse(Again.Bodies[0]) != J)
      fuzz::fail("a framed message does not read back as itself");
  }
  lsp::pathOfUri(fuzz::text(Data, Size));
  return 0;
}
