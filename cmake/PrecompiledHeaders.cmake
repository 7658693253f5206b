# One precompiled header for every C++ target of the build.
#
# Almost every devlife source includes Clang's AST, its matchers or
# nlohmann/json, and instantiates the same matcher templates: parsing and
# instantiating them again in every file is most of the build, which CI
# pays twice (the plain build and tests/sanitize.sh). One PCH, made once
# for the libraries and once for the executables, with the
# header's template instantiations done in it (CMake's default for clang),
# reused by the rest: the compile flags are the same everywhere (set at the
# top level), which is what REUSE_FROM needs. Measured on a check
# (DevmFamily.cpp, -O3): g++ 72.7 s, clang++-22 56.2 s, clang++-22 with the
# PCH 39.9 s; a file that includes none of the headers (Nolint.cpp) goes
# from 2.7 s to 4.1 s.
#
# Off by default with GCC: it loads a PCH this size (550 MB) in about 16 s
# per file, which costs the small files more than the large ones save.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(devlife_pch_default ON)
else()
  set(devlife_pch_default OFF)
endif()
option(DEVLIFE_PCH "Precompile the Clang and JSON headers the sources share"
       ${devlife_pch_default})

set(DEVLIFE_PCH_HEADERS
  <clang/AST/ASTContext.h>
  <clang/AST/Expr.h>
  <clang/AST/ParentMapContext.h>
  <clang/AST/RecursiveASTVisitor.h>
  <clang/ASTMatchers/ASTMatchFinder.h>
  <clang/ASTMatchers/ASTMatchers.h>
  <clang/Analysis/CFG.h>
  <clang/Basic/SourceManager.h>
  <clang/Frontend/CompilerInstance.h>
  <clang/Lex/Lexer.h>
  <clang/Tooling/Tooling.h>
  <llvm/ADT/DenseMap.h>
  <llvm/ADT/STLExtras.h>
  <llvm/ADT/SmallVector.h>
  <llvm/ADT/StringExtras.h>
  <llvm/ADT/StringMap.h>
  <llvm/Support/Error.h>
  <llvm/Support/FileSystem.h>
  <llvm/Support/MemoryBuffer.h>
  <llvm/Support/Path.h>
  <llvm/Support/raw_ostream.h>
  <nlohmann/json.hpp>)

# Every target defined in DIR and below it.
function(devlife_targets_under dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    devlife_targets_under(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Give LIBRARY_OWNER the PCH and every other library under the top-level
# directory a reuse of it; the same for executables from EXECUTABLE_OWNER
# (they are compiled -fPIE, libraries -fPIC, and clang takes a PCH only
# with the same one). Call once, after every add_subdirectory().
function(devlife_use_precompiled_headers library_owner executable_owner)
  if(NOT DEVLIFE_PCH)
    return()
  endif()
  # Every compiled source is C++ (the corpus' C is input, not built).
  target_precompile_headers(${library_owner} PRIVATE ${DEVLIFE_PCH_HEADERS})
  target_precompile_headers(${executable_owner} PRIVATE ${DEVLIFE_PCH_HEADERS})
  devlife_targets_under(${CMAKE_SOURCE_DIR} targets)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(target STREQUAL library_owner OR target STREQUAL executable_owner
       OR target STREQUAL devlife_sanitizer_defaults)
      continue()
    elseif(type STREQUAL "EXECUTABLE")
      target_precompile_headers(${target} REUSE_FROM ${executable_owner})
    elseif(type MATCHES "^(STATIC|MODULE|SHARED)_LIBRARY$")
      target_precompile_headers(${target} REUSE_FROM ${library_owner})
    endif()
  endforeach()
endfunction()
