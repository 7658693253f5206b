//===- Protocol.cpp -------------------------------------------------------===//
#include "integrations/lsp/Protocol.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace devlife::lsp {
namespace {

// A header this long has no end in sight: it is not one.
constexpr size_t MaxHeaderBytes = 64 * 1024;
// Bigger than any source file an editor sends.
constexpr size_t MaxBodyBytes = 256u << 20;

/// Where the header that starts at Pos ends (the first byte of the body),
/// and where its text ends; none while it is incomplete.
std::optional<std::pair<size_t, size_t>> headerEnd(llvm::StringRef Buffer,
                                                   size_t Pos) {
  for (size_t I = Pos; I < Buffer.size(); ++I) {
    if (Buffer[I] != '\n')
      continue;
    // A line break followed by an empty line ("\n\n" or "\n\r\n").
    if (I + 1 < Buffer.size() && Buffer[I + 1] == '\n')
      return std::make_pair(I + 2, I);
    if (I + 2 < Buffer.size() && Buffer[I + 1] == '\r' && Buffer[I + 2] == '\n')
      return std::make_pair(I + 3, I);
  }
  return std::nullopt;
}

/// The Content-Length of a header's text, or why there is none.
std::optional<size_t> contentLength(llvm::StringRef Header, std::string &Error) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Header.split(Lines, '\n');
  std::optional<size_t> Length;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty())
      continue;
    auto [Name, Value] = Line.split(':');
    if (Name.size() == Line.size()) {
      Error = "malformed header line '" + Line.str() + "'";
      return std::nullopt;
    }
    if (!Name.trim().equals_insensitive("Content-Length"))
      continue;
    size_t N;
    if (Value.trim().getAsInteger(10, N)) {
      Error = "Content-Length is not a number: '" + Value.trim().str() + "'";
      return std::nullopt;
    }
    if (N > MaxBodyBytes) {
      Error = "Content-Length " + std::to_string(N) + " is too large";
      return std::nullopt;
    }
    Length = N;
  }
  if (!Length)
    Error = "message header without Content-Length";
  return Length;
}

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// The UTF-16 code units of the first Bytes bytes of Line (a byte column
/// past the line counts one unit per byte).
size_t utf16Units(llvm::StringRef Line, size_t Bytes) {
  size_t Units = 0, I = 0;
  for (; I < Bytes && I < Line.size(); ++I) {
    unsigned char C = Line[I];
    if ((C & 0xC0) == 0x80)
      continue; // a continuation byte
    Units += C >= 0xF0 ? 2 : 1; // four-byte sequences are surrogate pairs
  }
  return Units + (Bytes - I);
}

} // namespace

Frames parseFrames(llvm::StringRef Buffer) {
  Frames Out;
  size_t Pos = 0;
  while (Pos < Buffer.size()) {
    // Blank lines between messages are tolerated.
    if (Buffer[Pos] == '\r' || Buffer[Pos] == '\n') {
      ++Pos;
      continue;
    }
    std::optional<std::pair<size_t, size_t>> End = headerEnd(Buffer, Pos);
    if (!End) {
      if (Buffer.size() - Pos > MaxHeaderBytes) {
        Out.Errors.push_back("message header longer than " +
                             std::to_string(MaxHeaderBytes) + " bytes");
        Pos = Buffer.size();
      }
      break;
    }
    std::string Error;
    std::optional<size_t> Length =
        contentLength(Buffer.slice(Pos, End->second), Error);
    if (!Length) {
      Out.Errors.push_back(Error);
      Pos = End->first;
      continue;
    }
    if (Buffer.size() - End->first < *Length)
      break; // the body is still on its way
    Out.Bodies.push_back(Buffer.substr(End->first, *Length).str());
    Pos = End->first + *Length;
  }
  Out.Consumed = Pos;
  return Out;
}

std::string frame(const nlohmann::json &Message) {
  std::string Body =
      Message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

std::optional<std::string> pathOfUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  // "file://localhost/x" names the same file as "file:///x".
  Uri.consume_front("localhost");
  if (!Uri.starts_with("/"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] != '%') {
      Path += Uri[I];
      continue;
    }
    unsigned Byte;
    if (I + 2 >= Uri.size() || Uri.substr(I + 1, 2).getAsInteger(16, Byte))
      return std::nullopt;
    Path += char(Byte);
    I += 2;
  }
  return Path;
}

std::string uriOfPath(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C)) {
      Uri += char(C);
      continue;
    }
    Uri += '%';
    Uri += llvm::hexdigit(C >> 4);
    Uri += llvm::hexdigit(C & 0xF);
  }
  return Uri;
}

LineTable::LineTable(std::string TextIn) : Text(std::move(TextIn)) {
  // Lines as Clang counts them: "\n", "\r\n" and a lone "\r".
  Starts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n')
      ++I;
    if (Text[I] == '\n' || Text[I] == '\r')
      Starts.push_back(I + 1);
  }
}

llvm::StringRef LineTable::line(unsigned Line) const {
  if (Line == 0 || Line > Starts.size())
    return "";
  size_t Begin = Starts[Line - 1];
  size_t End = Line < Starts.size() ? Starts[Line] : Text.size();
  return llvm::StringRef(Text).slice(Begin, End).rtrim("\r\n");
}

nlohmann::json LineTable::position(unsigned Line, unsigned Column,
                                   Encoding E) const {
  size_t Bytes = Column ? Column - 1 : 0;
  size_t Character = E == Encoding::Utf8 ? Bytes : utf16Units(line(Line), Bytes);
  return {{"line", Line ? Line - 1 : 0}, {"character", Character}};
}

nlohmann::json LineTable::range(unsigned Line, unsigned Column,
                                Encoding E) const {
  llvm::StringRef Text = line(Line);
  size_t Begin = Column ? Column - 1 : 0, End = Begin;
  while (End < Text.size() && isIdentifierChar(Text[End]))
    ++End;
  if (End == Begin)
    ++End;
  return {{"start", position(Line, unsigned(Begin + 1), E)},
          {"end", position(Line, unsigned(End + 1), E)}};
}

} // namespace devlife::lsp
