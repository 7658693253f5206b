//===- BodyFilter.cpp -----------------------------------------------------===//
#include "core/BodyFilter.h"

#include "clang/AST/Decl.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"

namespace devlife {

using namespace clang;

namespace {

using IdSet = llvm::DenseSet<const IdentifierInfo *>;

/// A directory of headers the whole tree shares (include/, arch/*/include,
/// the compiler's own): a header elsewhere belongs to the driver.
bool isSharedIncludeDir(llvm::StringRef Dir) {
  for (auto It = llvm::sys::path::begin(Dir), End = llvm::sys::path::end(Dir);
       It != End; ++It)
    if (*It == "include")
      return true;
  return false;
}

/// The identifiers a macro stands for, through the macros it uses.
struct MacroNames {
  bool Interesting = false; // reaches a name of the fixed interest
  std::vector<const IdentifierInfo *> Ids; // when not Interesting
};

/// The depth of braces while raw-lexing, with both sides of every #if: each
/// branch starts at the depth the #if had, and after #endif the depth is
/// the deepest any branch left, so a body is never taken to end early.
class BraceDepth {
public:
  explicit BraceDepth(int Start) : Depth(Start) {}
  void open() { ++Depth; }
  void close() { --Depth; }
  int depth() const { return Depth; }
  void directive(llvm::StringRef Name) {
    if (Name == "if" || Name == "ifdef" || Name == "ifndef") {
      Open.push_back({Depth, Depth});
    } else if (Open.empty()) {
      return;
    } else if (Name == "else" || Name.starts_with("elif")) {
      Open.back().Deepest = std::max(Open.back().Deepest, Depth);
      Depth = Open.back().AtIf;
    } else if (Name == "endif") {
      Depth = std::max(Depth, Open.back().Deepest);
      Open.pop_back();
    }
  }

private:
  struct Conditional {
    int AtIf, Deepest;
  };
  int Depth;
  std::vector<Conditional> Open;
};

/// Identifiers at file scope of a main file that declare something: the
/// name before `(`, `=`, `;`, `[` or `,` outside any braces and parentheses
/// (functions, globals), not a type or an attribute.
bool declaresAtFileScope(const Token &Next) {
  return Next.isOneOf(tok::l_paren, tok::equal, tok::semi, tok::l_square,
                      tok::comma);
}

} // namespace

class BodyFilter::Impl {
public:
  Impl(CompilerInstance &CI, BodyInterest Interest)
      : CI(CI), Interest(std::move(Interest)) {}

  void start();
  bool shouldSkip(const FunctionDecl &FD);
  void noteDeclaration(const Decl &D);
  BodyCounts Counts;

private:
  CompilerInstance &CI;
  BodyInterest Interest;
  SourceManager *SM = nullptr;
  Preprocessor *PP = nullptr;
  std::vector<std::string> SharedDirs; // canonical, with a trailing '/'

  IdSet Named;    // every identifier of the main file and local headers
  IdSet Fixed;    // the API model's names and the main file's declarations
  IdSet Kept;     // functions whose body was kept
  IdSet Pending;  // static functions declared, not yet defined
  llvm::DenseMap<FileID, bool> LocalFile;
  llvm::DenseMap<const MacroInfo *, std::unique_ptr<MacroNames>> Macros;
  llvm::DenseSet<const MacroInfo *> Expanding;

  IdentifierInfo *identifier(const Token &Tok) {
    IdentifierInfo *II = PP->getIdentifierInfo(Tok.getRawIdentifier());
    return II->isKeyword(CI.getLangOpts()) ? nullptr : II;
  }
  Lexer rawLexerAt(FileID FID, unsigned Offset) const {
    llvm::StringRef Buf = SM->getBufferData(FID);
    return Lexer(SM->getLocForStartOfFile(FID), CI.getLangOpts(), Buf.begin(),
                 Buf.begin() + std::min<size_t>(Offset, Buf.size()), Buf.end());
  }

  void collectSharedDirs();
  bool isLocal(FileID FID);
  void readLocalFile(FileID FID, llvm::DenseSet<FileID> &Seen);
  void readIncluded(llvm::StringRef Spelled, FileID From,
                    llvm::DenseSet<FileID> &Seen);
  bool keeps(const FunctionDecl &FD);
  bool isApiName(const IdentifierInfo *II) const;
  bool bodyIdentifiers(const FunctionDecl &FD,
                       llvm::SmallVectorImpl<IdentifierInfo *> &Out);
  bool lexBody(FileID FID, unsigned Offset, bool AfterDeclarator,
               llvm::SmallVectorImpl<IdentifierInfo *> &Out);
  bool mentionsInterest(llvm::ArrayRef<IdentifierInfo *> Ids);
  const MacroNames &namesOf(const MacroInfo *MI, unsigned Depth);
};

void BodyFilter::Impl::collectSharedDirs() {
  const HeaderSearchOptions &HSO = CI.getHeaderSearchOpts();
  std::vector<std::string> Dirs;
  for (const HeaderSearchOptions::Entry &E : HSO.UserEntries)
    Dirs.push_back(E.Path);
  if (!HSO.ResourceDir.empty())
    Dirs.push_back(HSO.ResourceDir + "/include");
  FileManager &FM = SM->getFileManager();
  for (const std::string &D : Dirs) {
    if (!isSharedIncludeDir(D))
      continue;
    if (auto Ref = FM.getOptionalDirectoryRef(D))
      SharedDirs.push_back(FM.getCanonicalName(*Ref).str() + "/");
  }
}

bool BodyFilter::Impl::isLocal(FileID FID) {
  auto [It, New] = LocalFile.try_emplace(FID, false);
  if (!New)
    return It->second;
  bool Local = FID == SM->getMainFileID();
  if (!Local)
    if (OptionalFileEntryRef FE = SM->getFileEntryRefForID(FID)) {
      llvm::StringRef Path = SM->getFileManager().getCanonicalName(*FE);
      Local = llvm::none_of(SharedDirs, [&](const std::string &D) {
        return Path.starts_with(D);
      });
    }
  return LocalFile[FID] = Local;
}

/// Collects the identifiers of a main file or local header, and follows its
/// `#include "..."` to the local headers it names.
void BodyFilter::Impl::readLocalFile(FileID FID, llvm::DenseSet<FileID> &Seen) {
  if (!Seen.insert(FID).second)
    return;
  Lexer L = rawLexerAt(FID, 0);
  Token Tok, Prev;
  Prev.startToken();
  int Braces = 0, Parens = 0;
  bool InDirective = false;
  IdentifierInfo *Candidate = nullptr; // a file-scope name, if what follows
                                       // makes it a declaration
  while (!L.LexFromRawLexer(Tok)) {
    if (Tok.isAtStartOfLine())
      InDirective = false;
    if (Candidate && !InDirective && declaresAtFileScope(Tok))
      Fixed.insert(Candidate);
    Candidate = nullptr;
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) {
      InDirective = true;
      Token Name, Spelled;
      if (L.LexFromRawLexer(Name) || !Name.is(tok::raw_identifier))
        continue;
      if (Name.getRawIdentifier() == "include" &&
          !L.LexFromRawLexer(Spelled) && Spelled.is(tok::string_literal) &&
          !Spelled.isAtStartOfLine())
        readIncluded(llvm::StringRef(Spelled.getLiteralData(),
                                     Spelled.getLength())
                         .drop_front()
                         .drop_back(),
                     FID, Seen);
      continue;
    }
    if (Tok.is(tok::l_brace))
      ++Braces;
    else if (Tok.is(tok::r_brace))
      Braces = std::max(0, Braces - 1);
    else if (Tok.is(tok::l_paren))
      ++Parens;
    else if (Tok.is(tok::r_paren))
      Parens = std::max(0, Parens - 1);
    else if (Tok.is(tok::raw_identifier))
      if (IdentifierInfo *II = identifier(Tok)) {
        Named.insert(II);
        if (Braces == 0 && Parens == 0 && !InDirective)
          Candidate = II;
      }
  }
}

void BodyFilter::Impl::readIncluded(llvm::StringRef Spelled, FileID From,
                                    llvm::DenseSet<FileID> &Seen) {
  OptionalFileEntryRef Includer = SM->getFileEntryRefForID(From);
  if (!Includer)
    return;
  llvm::SmallString<256> Path(Includer->getDir().getName());
  llvm::sys::path::append(Path, Spelled);
  OptionalFileEntryRef FE = SM->getFileManager().getOptionalFileRef(Path);
  if (!FE)
    return;
  FileID FID = SM->getOrCreateFileID(*FE, SrcMgr::C_User);
  if (FID.isValid() && isLocal(FID))
    readLocalFile(FID, Seen);
}

void BodyFilter::Impl::start() {
  SM = &CI.getSourceManager();
  PP = &CI.getPreprocessor();
  collectSharedDirs();
  for (const std::string &N : Interest.Names)
    Fixed.insert(PP->getIdentifierInfo(N));
  llvm::DenseSet<FileID> Seen;
  readLocalFile(SM->getMainFileID(), Seen);
}

bool BodyFilter::Impl::isApiName(const IdentifierInfo *II) const {
  if (Fixed.count(II))
    return true;
  llvm::StringRef Name = II->getName();
  return llvm::any_of(Interest.Prefixes, [&](const std::string &P) {
    return Name.starts_with(P);
  });
}

const MacroNames &BodyFilter::Impl::namesOf(const MacroInfo *MI,
                                            unsigned Depth) {
  auto It = Macros.find(MI);
  if (It != Macros.end())
    return *It->second;
  auto Names = std::make_unique<MacroNames>();
  Expanding.insert(MI);
  IdSet Seen;
  for (const Token &T : MI->tokens()) {
    if (Names->Interesting)
      break;
    const IdentifierInfo *II = T.getIdentifierInfo();
    if (!T.is(tok::identifier) || !II || !Seen.insert(II).second)
      continue;
    if (isApiName(II)) {
      Names->Interesting = true;
      break;
    }
    Names->Ids.push_back(II);
    const MacroInfo *Inner = II->hasMacroDefinition() ? PP->getMacroInfo(II)
                                                      : nullptr;
    if (!Inner || Expanding.count(Inner) || Depth > 32)
      continue;
    const MacroNames &Sub = namesOf(Inner, Depth + 1);
    Names->Interesting = Sub.Interesting;
    for (const IdentifierInfo *S : Sub.Ids)
      if (Seen.insert(S).second)
        Names->Ids.push_back(S);
  }
  Expanding.erase(MI);
  if (Names->Interesting)
    Names->Ids.clear();
  return *(Macros[MI] = std::move(Names));
}

bool BodyFilter::Impl::mentionsInterest(llvm::ArrayRef<IdentifierInfo *> Ids) {
  llvm::SmallPtrSet<const MacroInfo *, 16> MacrosUsed;
  for (const IdentifierInfo *II : Ids) {
    if (isApiName(II) || Kept.count(II) || Pending.count(II))
      return true;
    if (II->hasMacroDefinition())
      if (const MacroInfo *MI = PP->getMacroInfo(II))
        MacrosUsed.insert(MI);
  }
  for (const MacroInfo *MI : MacrosUsed) {
    const MacroNames &N = namesOf(MI, 0);
    if (N.Interesting)
      return true;
    for (const IdentifierInfo *II : N.Ids)
      if (Kept.count(II) || Pending.count(II))
        return true;
  }
  return false;
}

/// Raw-lexes from Offset to the brace that closes the body. After the
/// declarator's `)`, attributes may come first (identifiers, parentheses);
/// after a macro, only the brace itself. False when no body is found there.
bool BodyFilter::Impl::lexBody(FileID FID, unsigned Offset,
                               bool AfterDeclarator,
                               llvm::SmallVectorImpl<IdentifierInfo *> &Out) {
  Lexer L = rawLexerAt(FID, Offset);
  Token Tok;
  int Parens = 0;
  for (unsigned N = 0;; ++N) {
    if (L.LexFromRawLexer(Tok) || N > 256)
      return false;
    if (Tok.is(tok::l_brace) && Parens == 0)
      break;
    if (!AfterDeclarator)
      return false;
    if (Tok.is(tok::l_paren))
      ++Parens;
    else if (Tok.is(tok::r_paren))
      --Parens;
    else if (Parens == 0 && !Tok.is(tok::raw_identifier))
      return false;
  }
  BraceDepth Depth(1);
  while (!L.LexFromRawLexer(Tok)) {
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) {
      Token Name;
      if (L.LexFromRawLexer(Name))
        break;
      if (Name.is(tok::raw_identifier))
        Depth.directive(Name.getRawIdentifier());
      continue;
    }
    if (Tok.is(tok::l_brace)) {
      Depth.open();
    } else if (Tok.is(tok::r_brace)) {
      Depth.close();
      if (Depth.depth() <= 0)
        return true;
    } else if (Tok.is(tok::raw_identifier)) {
      if (IdentifierInfo *II = identifier(Tok))
        Out.push_back(II);
    }
  }
  return true; // the file ended first: what was read is all there is
}

/// The identifiers of FD's body as written, and of the macro invocation
/// that wrote it, if a macro did. False when the body cannot be found.
bool BodyFilter::Impl::bodyIdentifiers(
    const FunctionDecl &FD, llvm::SmallVectorImpl<IdentifierInfo *> &Out) {
  FunctionTypeLoc FTL = FD.getFunctionTypeLoc();
  if (!FTL || FTL.getRParenLoc().isInvalid())
    return false;
  SourceLocation RParen = FTL.getRParenLoc();
  if (RParen.isFileID()) {
    auto [FID, Offset] = SM->getDecomposedLoc(RParen);
    return lexBody(FID, Offset + 1, /*AfterDeclarator=*/true, Out);
  }
  // DEFINE_FOO(name, args): the macro's name stands for the body, and the
  // body may also follow the invocation.
  CharSourceRange Invocation = SM->getExpansionRange(RParen);
  auto [FID, Begin] = SM->getDecomposedLoc(Invocation.getBegin());
  auto [EndFID, End] = SM->getDecomposedLoc(Invocation.getEnd());
  if (FID != EndFID || End < Begin)
    return false;
  Lexer L = rawLexerAt(FID, Begin);
  Token Tok;
  while (!L.LexFromRawLexer(Tok) &&
         SM->getFileOffset(Tok.getLocation()) <= End)
    if (Tok.is(tok::raw_identifier))
      if (IdentifierInfo *II = identifier(Tok))
        Out.push_back(II);
  unsigned After = End + Lexer::MeasureTokenLength(Invocation.getEnd(), *SM,
                                                   CI.getLangOpts());
  lexBody(FID, After, /*AfterDeclarator=*/false, Out);
  return true;
}

bool BodyFilter::Impl::keeps(const FunctionDecl &FD) {
  const IdentifierInfo *Name = FD.getIdentifier();
  if (!Name || isLocal(SM->getFileID(SM->getExpansionLoc(FD.getLocation()))))
    return true;
  if (Named.count(Name) || isApiName(Name))
    return true;
  llvm::SmallVector<IdentifierInfo *, 128> Ids;
  return !bodyIdentifiers(FD, Ids) || mentionsInterest(Ids);
}

bool BodyFilter::Impl::shouldSkip(const FunctionDecl &FD) {
  bool Keep = keeps(FD);
  if (const IdentifierInfo *Name = FD.getIdentifier()) {
    Pending.erase(Name);
    if (Keep)
      Kept.insert(Name);
  }
  Counts.Skipped += !Keep;
  return !Keep;
}

void BodyFilter::Impl::noteDeclaration(const Decl &D) {
  const auto *FD = dyn_cast<FunctionDecl>(&D);
  if (!FD)
    return;
  if (FD->isThisDeclarationADefinition()) {
    ++Counts.Definitions;
    return;
  }
  // A static prototype: its body comes later, and a body that calls it in
  // between cannot know yet whether it is kept.
  if (FD->getIdentifier() && !FD->isDefined() &&
      (FD->getStorageClass() == SC_Static || FD->isInlineSpecified()))
    Pending.insert(FD->getIdentifier());
}

BodyFilter::BodyFilter(CompilerInstance &CI, BodyInterest Interest)
    : I(std::make_unique<Impl>(CI, std::move(Interest))) {}
BodyFilter::~BodyFilter() = default;
void BodyFilter::start() { I->start(); }
bool BodyFilter::shouldSkip(const FunctionDecl &FD) { return I->shouldSkip(FD); }
void BodyFilter::noteDeclaration(const Decl &D) { I->noteDeclaration(D); }
BodyCounts BodyFilter::counts() const { return I->Counts; }

namespace {

class FilteringConsumer : public MultiplexConsumer {
public:
  FilteringConsumer(std::unique_ptr<ASTConsumer> Inner, BodyFilter &Filter)
      : MultiplexConsumer(std::move(Inner)), Filter(Filter) {}

  void Initialize(ASTContext &Ctx) override {
    MultiplexConsumer::Initialize(Ctx);
    Filter.start();
  }
  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (const Decl *D : Group)
      Filter.noteDeclaration(*D);
    return MultiplexConsumer::HandleTopLevelDecl(Group);
  }
  bool shouldSkipFunctionBody(Decl *D) override {
    const FunctionDecl *FD = D->getAsFunction();
    return FD && Filter.shouldSkip(*FD);
  }

private:
  BodyFilter &Filter;
};

} // namespace

std::unique_ptr<ASTConsumer>
withBodyFilter(std::unique_ptr<ASTConsumer> Inner, BodyFilter &Filter) {
  return std::make_unique<FilteringConsumer>(std::move(Inner), Filter);
}

} // namespace devlife
