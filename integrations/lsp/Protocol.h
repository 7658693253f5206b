//===- Protocol.h - LSP base protocol: framing, URIs, positions -----------===//
//
// The pieces of the Language Server Protocol that are pure functions of
// their input, so that tests and fuzzers can call them without a process:
// the Content-Length framing of the base protocol, file URIs, and the
// translation between devlife's byte columns and LSP positions.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_LSP_PROTOCOL_H
#define DEVLIFE_LSP_PROTOCOL_H

#include "llvm/ADT/StringRef.h"
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace devlife::lsp {

/// What the bytes received so far hold.
struct Frames {
  std::vector<std::string> Bodies; // complete message bodies, in order
  std::vector<std::string> Errors; // malformed headers met (and skipped)
  size_t Consumed = 0; // bytes used; the rest waits for more input
};

/// Splits a byte stream into message bodies. Each message is a header of
/// "Name: value" lines (CRLF, or a bare LF, as some clients send), a blank
/// line, then Content-Length bytes of body. A header without a usable
/// Content-Length is an error and is skipped whole, so the next message is
/// still read. Never fails, whatever the bytes.
Frames parseFrames(llvm::StringRef Buffer);

/// A message with its header, ready to write.
std::string frame(const nlohmann::json &Message);

/// JSON-RPC error codes of the protocol.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

/// "file:///a%20b/c.c" -> "/a b/c.c"; none for another scheme or a
/// malformed escape.
std::optional<std::string> pathOfUri(llvm::StringRef Uri);
/// The other way: an absolute path as a file URI.
std::string uriOfPath(llvm::StringRef Path);

/// How LSP counts characters within a line, as negotiated at initialize.
enum class Encoding { Utf16, Utf8 };

/// A file's text, for translating between 1-based line and byte column
/// (as Clang and devlife count them) and 0-based LSP positions.
class LineTable {
public:
  explicit LineTable(std::string Text);
  /// The LSP position of a 1-based line and byte column.
  nlohmann::json position(unsigned Line, unsigned Column, Encoding E) const;
  /// The range a finding at that point underlines: the identifier that
  /// starts there, else one character.
  nlohmann::json range(unsigned Line, unsigned Column, Encoding E) const;

private:
  llvm::StringRef line(unsigned Line) const; // 1-based, without its end
  std::string Text;
  std::vector<size_t> Starts;
};

} // namespace devlife::lsp

#endif
