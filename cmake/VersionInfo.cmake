# cmake -DIN=VersionInfo.h.in -DOUT=VersionInfo.h -DSOURCE_DIR=... -DGIT=git
#       -DDEVLIFE_VERSION=x.y.z -DDEVLIFE_HOMEPAGE=URL -DDEVLIFE_LLVM_VERSION=x.y.z
#       [-DDEVLIFE_GIT_REVISION=REV] -P VersionInfo.cmake
#
# Run at every build, not only at configure time, so a commit after the last
# cmake run still shows in `devlife --version`. configure_file() rewrites OUT
# only when its text changes, so an unchanged revision recompiles nothing.
#
# DEVLIFE_GIT_REVISION given (a source tarball of a known commit) wins; else
# `git describe` of SOURCE_DIR; else no revision (not a checkout, no git, or
# a repository git refuses to read).
if(NOT DEVLIFE_GIT_REVISION AND GIT AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(
    COMMAND "${GIT}" -C "${SOURCE_DIR}" describe --always --dirty
    OUTPUT_VARIABLE DEVLIFE_GIT_REVISION
    OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    set(DEVLIFE_GIT_REVISION "")
  endif()
endif()
configure_file("${IN}" "${OUT}" @ONLY)
