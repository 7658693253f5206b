//===- FindingHash.cpp ----------------------------------------------------===//
#include "integrations/sarif/FindingHash.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <array>

namespace devlife {

std::string lineText(llvm::StringRef Bytes, unsigned Line) {
  if (Line == 0)
    return "";
  size_t Begin = 0;
  for (unsigned L = 1; L < Line; ++L) {
    size_t Break = Bytes.find_first_of("\r\n", Begin);
    if (Break == llvm::StringRef::npos)
      return "";
    Begin = Break + 1;
    if (Bytes[Break] == '\r' && Begin < Bytes.size() && Bytes[Begin] == '\n')
      ++Begin;
  }
  return Bytes.substr(Begin).take_until([](char C) { return C == '\r' || C == '\n'; }).str();
}

FindingHasher::FindingHasher(std::string SourceRoot, SourceReader Read)
    : SourceRoot(std::move(SourceRoot)), Read(std::move(Read)) {}

const std::optional<std::string> &
FindingHasher::contents(const std::string &File) {
  auto It = Files.find(File);
  if (It == Files.end())
    It = Files.emplace(File, Read ? Read(File) : std::nullopt).first;
  return It->second;
}

std::string FindingHasher::base(const Finding &F) {
  std::string Line;
  if (const std::optional<std::string> &Text = contents(F.Where.File))
    for (char C : lineText(*Text, F.Where.Line))
      if (!llvm::isSpace(C))
        Line += C;
  const std::string Uri = artifactUriFor(F.Where.File, SourceRoot).Uri;
  llvm::SHA256 Hasher;
  for (const std::string *Part :
       std::initializer_list<const std::string *>{&F.RuleId, &Uri, &F.Function,
                                                  &F.Message, &Line}) {
    Hasher.update(*Part);
    Hasher.update(llvm::StringRef("\0", 1));
  }
  std::array<uint8_t, 32> Digest = Hasher.final();
  return llvm::toHex(llvm::ArrayRef(Digest).take_front(8), /*LowerCase=*/true);
}

std::string FindingHasher::numbered(const Finding &F) {
  std::string Base = base(F);
  return Base + ":" + std::to_string(++Seen[Base]);
}

} // namespace devlife
