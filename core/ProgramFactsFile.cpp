//===- ProgramFactsFile.cpp -----------------------------------------------===//
#include "core/ProgramFactsFile.h"

#include "core/OutputFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace devlife {

static constexpr const char *FileFormat = "devlife-program-facts/1";

llvm::Error writeProgramFacts(const std::string &Path,
                              const std::vector<const TUFacts *> &TUs) {
  // One entry at a time, as text: the DOM of every entry at once was the
  // audit's peak memory (812 MB on the default subset, twice what the
  // global phase needs).
  std::string Text =
      "{\"format\":" + nlohmann::json(FileFormat).dump() + ",\"tus\":[";
  for (size_t I = 0; I < TUs.size(); ++I) {
    nlohmann::json Entry = {{"file", TUs[I]->File}};
    for (const char *Name : ProgramSections)
      if (std::optional<nlohmann::json> S = TUs[I]->section(Name))
        Entry[Name] = std::move(*S);
    Text += (I ? "," : "") + Entry.dump();
  }
  Text += "]}";
  return writeFileAtomically(Path, Text);
}

/// One entry of the file's "tus", its sections packed.
static TUFacts entryOf(const nlohmann::json &E) {
  TUFacts TU;
  TU.File = E.at("file").get<std::string>();
  for (const char *Name : ProgramSections)
    if (E.contains(Name))
      TU.setSection(Name, E.at(Name));
  return TU;
}

llvm::Expected<std::vector<TUFacts>> readProgramFacts(const std::string &Path) {
  auto fail = [&](const std::string &Why) {
    return llvm::createStringError(std::errc::invalid_argument,
                                   "program facts %s: %s", Path.c_str(),
                                   Why.c_str());
  };
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return fail(Buf.getError().message());
  // Each entry is packed as soon as it is parsed and left out of the DOM:
  // the DOM of a whole tree's facts would take gigabytes.
  std::vector<TUFacts> Out;
  std::string Unreadable;
  bool InTUs = false;
  using Event = nlohmann::json::parse_event_t;
  auto Take = [&](int Depth, Event E, nlohmann::json &Parsed) {
    if (Depth == 1 && E == Event::key)
      InTUs = Parsed == "tus";
    if (!InTUs || Depth != 2 || E != Event::object_end)
      return true;
    try {
      Out.push_back(entryOf(Parsed));
    } catch (const nlohmann::json::exception &Ex) {
      if (Unreadable.empty())
        Unreadable = Ex.what();
    }
    return false;
  };
  nlohmann::json J = nlohmann::json::parse((*Buf)->getBuffer(), Take,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded())
    return fail("not valid JSON");
  if (!J.is_object() || J.value("format", "") != FileFormat)
    return fail(std::string("not of format '") + FileFormat +
                "' (written by another devlife version?)");
  if (!J.contains("tus") || !J.at("tus").is_array() || !J.at("tus").empty())
    return fail("\"tus\" is not a list of objects");
  if (!Unreadable.empty())
    return fail(Unreadable);
  return Out;
}

} // namespace devlife
