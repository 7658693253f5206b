//===- ProgramFactsFile.cpp -----------------------------------------------===//
#include "core/ProgramFactsFile.h"

#include "core/OutputFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace devlife {

static constexpr const char *FileFormat = "devlife-program-facts/1";

llvm::Error writeProgramFacts(const std::string &Path,
                              const std::vector<const TUFacts *> &TUs) {
  nlohmann::json List = nlohmann::json::array();
  for (const TUFacts *TU : TUs) {
    nlohmann::json Entry = {{"file", TU->File}};
    for (const char *Name : ProgramSections)
      if (const nlohmann::json *S = TU->section(Name))
        Entry[Name] = *S;
    List.push_back(std::move(Entry));
  }
  return writeFileAtomically(
      Path, nlohmann::json{{"format", FileFormat}, {"tus", List}}.dump());
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
  nlohmann::json J = nlohmann::json::parse((*Buf)->getBuffer(), nullptr,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded())
    return fail("not valid JSON");
  if (!J.is_object() || J.value("format", "") != FileFormat)
    return fail(std::string("not of format '") + FileFormat +
                "' (written by another devlife version?)");
  std::vector<TUFacts> Out;
  try {
    for (const nlohmann::json &E : J.at("tus")) {
      TUFacts TU;
      TU.File = E.at("file").get<std::string>();
      for (const char *Name : ProgramSections)
        if (E.contains(Name))
          TU.Sections[Name] = E.at(Name);
      Out.push_back(std::move(TU));
    }
  } catch (const nlohmann::json::exception &Ex) {
    return fail(Ex.what());
  }
  return Out;
}

} // namespace devlife
