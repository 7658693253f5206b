//===- UnifiedDiff.cpp ----------------------------------------------------===//
#include "integrations/report/UnifiedDiff.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <optional>

namespace devlife {
namespace {

/// Git quotes a name with unusual bytes C-style: "a/tab\there", octal
/// escapes for bytes above 0x7f.
std::string unquote(llvm::StringRef Quoted) {
  std::string Out;
  llvm::StringRef S = Quoted.drop_front().drop_back();
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char C = S[++I];
    if (C >= '0' && C <= '7') {
      unsigned V = 0;
      for (unsigned K = 0; K < 3 && I < S.size() && S[I] >= '0' && S[I] <= '7'; ++K)
        V = V * 8 + (S[I++] - '0');
      --I;
      Out += char(V);
      continue;
    }
    switch (C) {
    case 'a': Out += '\a'; break;
    case 'b': Out += '\b'; break;
    case 't': Out += '\t'; break;
    case 'n': Out += '\n'; break;
    case 'v': Out += '\v'; break;
    case 'f': Out += '\f'; break;
    case 'r': Out += '\r'; break;
    default: Out += C; // \" and \\ .
    }
  }
  return Out;
}

/// A quoted name's length, up to and including its closing quote.
size_t quotedLength(llvm::StringRef S) {
  size_t End = 1;
  while (End < S.size() && S[End] != '"')
    End += S[End] == '\\' ? 2 : 1;
  return std::min(End + 1, S.size());
}

/// The name on a ---/+++ line: quoted, or up to the tab before diff's
/// timestamp (git writes a tab too after a name with a space). "" for
/// /dev/null.
std::string headerPath(llvm::StringRef Rest) {
  std::string P = Rest.starts_with("\"")
                      ? unquote(Rest.take_front(quotedLength(Rest)))
                      : Rest.split('\t').first.str();
  return P == "/dev/null" ? "" : P;
}

/// The two names of `diff --git A B`. Unquoted names may hold spaces: the
/// split is where both halves name the same file under their prefixes, as
/// git writes it for anything but a rename (which has rename lines).
std::pair<std::string, std::string> gitHeaderPaths(llvm::StringRef Rest) {
  if (Rest.starts_with("\"")) {
    size_t End = quotedLength(Rest);
    std::string A = unquote(Rest.take_front(End));
    llvm::StringRef B = Rest.drop_front(End).trim();
    return {A, B.starts_with("\"") ? unquote(B) : B.str()};
  }
  if (Rest.size() % 2 == 1) {
    size_t Half = Rest.size() / 2;
    llvm::StringRef A = Rest.take_front(Half), B = Rest.drop_front(Half + 1);
    if (Rest[Half] == ' ' && A.split('/').second == B.split('/').second)
      return {A.str(), B.str()};
  }
  auto [A, B] = Rest.split(' ');
  return {A.str(), B.trim().str()};
}

llvm::StringRef firstComponent(llvm::StringRef P) {
  return P.contains('/') ? P.split('/').first : llvm::StringRef();
}

llvm::StringRef dropFirstComponent(llvm::StringRef P) {
  return P.split('/').second;
}

/// Whether old and new names carry prefixes to strip (as `patch -p1`
/// would): their first components differ and the rest is the same file
/// (a/x b/x, old/x new/x, linux.orig/x linux/x). Absolute names never do.
bool havePrefixes(llvm::StringRef Old, llvm::StringRef New) {
  if (Old.starts_with("/") || New.starts_with("/"))
    return false;
  llvm::StringRef A = firstComponent(Old), B = firstComponent(New);
  return !A.empty() && !B.empty() && A != B &&
         dropFirstComponent(Old) == dropFirstComponent(New);
}

/// When one side is /dev/null there is nothing to compare with: git's a/
/// and b/ are taken for prefixes, anything else for a directory.
bool hasLonePrefix(llvm::StringRef P) {
  return P.starts_with("a/") || P.starts_with("b/");
}

struct Hunk {
  unsigned OldStart, OldCount, NewStart, NewCount;
};

std::optional<Hunk> parseHunkHeader(llvm::StringRef Line) {
  // @@ -OLD[,N] +NEW[,N] @@ optional section heading
  llvm::StringRef S = Line;
  if (!S.consume_front("@@ -"))
    return std::nullopt;
  auto Range = [&S](char End, unsigned &Start, unsigned &Count) {
    size_t Stop = S.find(End);
    if (Stop == llvm::StringRef::npos)
      return false;
    auto [First, Second] = S.take_front(Stop).split(',');
    Count = 1;
    if (First.getAsInteger(10, Start) ||
        (!Second.empty() && Second.getAsInteger(10, Count)) ||
        (S.take_front(Stop).contains(',') && Second.empty()))
      return false;
    S = S.drop_front(Stop + 1);
    return true;
  };
  Hunk H;
  if (!Range(' ', H.OldStart, H.OldCount) || !S.consume_front("+") ||
      !Range(' ', H.NewStart, H.NewCount) || !S.starts_with("@@"))
    return std::nullopt;
  return H;
}

class Parser {
public:
  explicit Parser(llvm::StringRef Text) {
    Text.consume_back("\n"); // the last line's end starts no line
    Text.split(Lines, '\n');
  }

  llvm::Expected<std::vector<FileChange>> run() {
    for (I = 0; I < Lines.size(); ++I) {
      llvm::StringRef L = line(I);
      if (OldLeft || NewLeft) {
        if (auto Err = hunkLine(L))
          return Err;
        continue;
      }
      if (auto Err = headerLine(L))
        return Err;
    }
    if (OldLeft || NewLeft)
      return error(Lines.size(), "the diff ends inside the hunk starting at "
                                 "line " + llvm::Twine(HunkLine) + ": " +
                                 llvm::Twine(OldLeft) + " old and " +
                                 llvm::Twine(NewLeft) +
                                 " new lines still expected (a cut diff?)");
    finishFile();
    if (!SawHeader && llvm::any_of(Lines, [](llvm::StringRef L) {
          return !L.trim().empty();
        }))
      return error(0, "no file header (`--- a/FILE` and `+++ b/FILE`, or "
                      "`diff --git`): this is not a unified diff");
    return std::move(Files);
  }

private:
  llvm::StringRef line(size_t N) const {
    llvm::StringRef L = Lines[N];
    return L.ends_with("\r") ? L.drop_back() : L;
  }

  llvm::Error error(size_t N, const llvm::Twine &Why) const {
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   (N ? "line " + llvm::Twine(N) + ": " + Why
                                      : Why)
                                       .str()
                                       .c_str());
  }

  /// A line inside a hunk; the counts say when the hunk is over.
  llvm::Error hunkLine(llvm::StringRef L) {
    char Kind = L.empty() ? ' ' : L[0]; // an empty line: context with its
                                        // blank stripped by a mailer
    if (Kind == '\\')
      return llvm::Error::success(); // \ No newline at end of file
    if (Kind == ' ' && OldLeft && NewLeft) {
      endDeletion();
      --OldLeft, --NewLeft, ++NewLine;
    } else if (Kind == '+' && NewLeft) {
      Deletion.reset(); // lines replaced: the added ones are what changed
      Current->AddedLines.push_back(NewLine);
      Current->TouchedLines.insert(NewLine);
      --NewLeft, ++NewLine;
    } else if (Kind == '-' && OldLeft) {
      if (!Deletion)
        Deletion = NewLine - 1;
      --OldLeft;
    } else {
      return error(I + 1, "the hunk starting at line " + llvm::Twine(HunkLine) +
                              " ends early: " + llvm::Twine(OldLeft) +
                              " old and " + llvm::Twine(NewLeft) +
                              " new lines still expected (a cut or edited diff?)");
    }
    if (!OldLeft && !NewLeft)
      endDeletion();
    return llvm::Error::success();
  }

  /// Lines removed and none added in their place: the lines on either side
  /// of the gap are what changed.
  void endDeletion() {
    if (!Deletion)
      return;
    if (*Deletion > 0)
      Current->TouchedLines.insert(*Deletion);
    Current->TouchedLines.insert(NewLine);
    Deletion.reset();
  }

  llvm::Error headerLine(llvm::StringRef L) {
    if (L.consume_front("diff --git ")) {
      finishFile();
      startFile();
      Git = gitHeaderPaths(L);
      return llvm::Error::success();
    }
    if (L.starts_with("--- ") && I + 1 < Lines.size() &&
        line(I + 1).starts_with("+++ ")) {
      if (!Current || Current->Binary || SawPlusPlus) {
        finishFile();
        startFile();
      }
      RawOld = headerPath(L.drop_front(4));
      RawNew = headerPath(line(I + 1).drop_front(4));
      SawPlusPlus = true;
      ++I;
      return llvm::Error::success();
    }
    if (L.starts_with("@@@"))
      return error(I + 1, "a combined diff (of a merge) is not a unified diff; "
                          "diff against one parent");
    if (L.starts_with("@@ ")) {
      std::optional<Hunk> H = parseHunkHeader(L);
      if (!H)
        return error(I + 1, "hunk header does not parse: " + L);
      if (!SawPlusPlus)
        return error(I + 1, "hunk without a `---`/`+++` file header");
      unsigned Start = H->NewCount == 0 ? H->NewStart + 1 : H->NewStart;
      // The lines after each hunk are numbered from its start: a hunk that
      // starts inside the one before makes every later line number a lie.
      if (HunksInFile && Start < NewLine)
        return error(I + 1, "hunk starts at new line " + llvm::Twine(Start) +
                                ", before the hunk above ended (new line " +
                                llvm::Twine(NewLine) +
                                "): hunks out of order (an edited diff?)");
      ++HunksInFile;
      OldLeft = H->OldCount;
      NewLeft = H->NewCount;
      NewLine = Start;
      HunkLine = I + 1;
      Deletion.reset();
      return llvm::Error::success();
    }
    if (!Current)
      return llvm::Error::success(); // a mail's headers and message
    if (L.consume_front("rename from ") || L.consume_front("copy from "))
      RenameFrom = L.starts_with("\"") ? unquote(L) : L.str();
    else if (L.consume_front("rename to ") || L.consume_front("copy to "))
      RenameTo = L.starts_with("\"") ? unquote(L) : L.str();
    else if (L.starts_with("new file mode"))
      Added = true;
    else if (L.starts_with("deleted file mode"))
      Deleted = true;
    else if (L.starts_with("Binary files ") || L == "GIT binary patch")
      Current->Binary = true;
    return llvm::Error::success();
  }

  void startFile() {
    Files.emplace_back();
    Current = &Files.back();
    SawHeader = true;
    SawPlusPlus = false;
    Git.reset();
    RawOld.clear(), RawNew.clear(), RenameFrom.clear(), RenameTo.clear();
    Added = Deleted = false;
    HunksInFile = 0;
  }

  /// Names the file now that all its headers are known.
  void finishFile() {
    if (!Current)
      return;
    std::string Old = RawOld, New = RawNew;
    bool Strip;
    if (Git) {
      if (!SawPlusPlus) { // no hunks: a mode change, a pure rename, binary
        Old = Added ? "" : Git->first;
        New = Deleted ? "" : Git->second;
      }
      Strip = Git->first != Git->second && havePrefixes(Git->first, Git->second);
      // A rename's header names differ beyond the prefix; git's default
      // prefixes are one letter.
      if (!Strip && !RenameFrom.empty())
        Strip = firstComponent(Git->first).size() == 1 &&
                firstComponent(Git->second).size() == 1;
    } else if (!Old.empty() && !New.empty()) {
      Strip = havePrefixes(Old, New);
    } else {
      Strip = hasLonePrefix(Old.empty() ? New : Old);
    }
    if (Strip) {
      Old = dropFirstComponent(Old).str();
      New = dropFirstComponent(New).str();
    }
    Current->OldPath = RenameFrom.empty() ? Old : RenameFrom;
    Current->NewPath = RenameTo.empty() ? New : RenameTo;
    Current = nullptr;
  }

  llvm::SmallVector<llvm::StringRef, 0> Lines;
  size_t I = 0;
  std::vector<FileChange> Files;
  FileChange *Current = nullptr;
  bool SawHeader = false, SawPlusPlus = false, Added = false, Deleted = false;
  std::optional<std::pair<std::string, std::string>> Git;
  std::string RawOld, RawNew, RenameFrom, RenameTo;
  unsigned OldLeft = 0, NewLeft = 0, NewLine = 0;
  size_t HunkLine = 0;
  unsigned HunksInFile = 0;
  /// In a run of removed lines: the new-file line before it (0: none).
  std::optional<unsigned> Deletion;
};

} // namespace

llvm::Expected<std::vector<FileChange>> parseUnifiedDiff(llvm::StringRef Text) {
  return Parser(Text).run();
}

} // namespace devlife
