//===- Nolint.h - clang-tidy's NOLINT comments, read as clang-tidy reads them ===//
//
// devlife honours the suppression comments users already write for
// clang-tidy, in every front end: `NOLINT`, `NOLINTNEXTLINE` and
// `NOLINTBEGIN`/`NOLINTEND`, bare or with a check list of globs
// (`NOLINT(devlife-refcount-*)`). The rules are clang-tidy 22's
// (clang-tools-extra/clang-tidy/NoLintDirectiveHandler.cpp, GlobList.cpp):
//
//  - "NOLINT" may appear anywhere in the text, a comment or not, followed
//    directly by letters that make one of the four words; "NOLINTFOO" is
//    nothing. A "(" right after the word opens a check list that ends at the
//    next ")" on the same line; without that ")" the directive has no list.
//  - No list means every check. The list is split at ","; each item is
//    trimmed; "*" matches any run of characters and nothing else is special;
//    items starting with "-" are ignored. `NOLINT()` suppresses nothing.
//  - NOLINT covers its own line, NOLINTNEXTLINE the line after it (lines
//    end at "\n"), a BEGIN/END pair the bytes strictly between the two "N"s.
//    An END closes the innermost open BEGIN only if both carry the same list
//    (items compared after trimming); an END that cannot, and a BEGIN left
//    open at the end of the file, are errors and suppress nothing.
//  - Line directives are looked at first, then the previous line's
//    NOLINTNEXTLINE, then blocks; the blocks of a file (and their errors)
//    are worked out only when a diagnostic of that file gets that far.
//
// Everything here is a pure function of the text, so a fuzzer can call it.
//
//===----------------------------------------------------------------------===//
#ifndef DEVLIFE_CORE_NOLINT_H
#define DEVLIFE_CORE_NOLINT_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace devlife::nolint {

enum class Kind { NoLint, NextLine, Begin, End };

/// "NOLINT", "NOLINTNEXTLINE", "NOLINTBEGIN" or "NOLINTEND".
const char *kindName(Kind K);

struct Directive {
  Kind Type = Kind::NoLint;
  size_t Offset = 0; // of the "N" of "NOLINT"
  size_t Length = 0; // through the ")" of the check list, if there is one
  /// The check list with the blanks around its items removed ("a,b"), or
  /// none for a directive without a list (every check).
  std::optional<std::string> Checks;

  /// Whether this directive's list covers Check.
  bool covers(llvm::StringRef Check) const;
  /// The list's positive items: the globs that suppress something.
  std::vector<std::string> globs() const;
};

/// Every directive in Text, in order.
std::vector<Directive> parse(llvm::StringRef Text);

/// A matched NOLINTBEGIN/NOLINTEND pair, by index into the directives.
struct Block {
  size_t Begin, End;
};

struct Blocks {
  std::vector<Block> Pairs;
  /// Directives that could not be paired (a BEGIN never closed, an END
  /// that closes nothing or the wrong list), in order.
  std::vector<size_t> Unmatched;
};

/// Pairs the BEGINs and ENDs of Directives (as parse() returned them).
Blocks formBlocks(const std::vector<Directive> &Directives);

/// "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND'
/// comment", clang-tidy's words for an unmatched BEGIN or END.
std::string unmatchedMessage(Kind K);

/// The suppressions of one file's text. Asking is cheap: the text is
/// parsed once, its blocks formed on the first question that needs them.
class FileSuppressions {
public:
  explicit FileSuppressions(std::string Text);

  /// The directives that suppress a diagnostic of Check at byte Offset:
  /// those of the first kind that does (its line's NOLINTs, the previous
  /// line's NOLINTNEXTLINEs, the enclosing blocks' BEGINs), by index into
  /// directives(); empty when nothing suppresses it.
  std::vector<size_t> suppressors(size_t Offset, llvm::StringRef Check);

  /// The byte offset of a 1-based line and byte column, lines counted as
  /// Clang counts them ("\n", "\r\n" and a lone "\r" each end one); none
  /// past the end of the text.
  std::optional<size_t> offsetOf(unsigned Line, unsigned Column) const;
  /// The 1-based line and byte column of a byte offset, the same way.
  std::pair<unsigned, unsigned> lineColumnOf(size_t Offset) const;

  const std::vector<Directive> &directives() const { return Directives; }
  /// Whether the blocks have been formed, i.e. some question needed them.
  bool blocksFormed() const { return Formed.has_value(); }
  /// The file's blocks, formed now if no question needed them yet.
  const Blocks &blocks();

private:
  std::string Text;
  std::vector<Directive> Directives;
  std::vector<size_t> LineStarts; // as Clang counts lines
  std::optional<Blocks> Formed;
};

} // namespace devlife::nolint

#endif
