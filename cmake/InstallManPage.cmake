# Run by `cmake --install` (and CPack): installs devlife.1 with the FILES
# section naming the prefix of this install, which is known only now
# (`--prefix`, /usr for the Debian package). Compressed as Debian policy
# wants, reproducibly (gzip -n: no name, no date), when gzip is there.
# Set before: DEVLIFE_MAN_PAGE, DEVLIFE_GZIP, DEVLIFE_MANDIR.
file(READ "${DEVLIFE_MAN_PAGE}" page)
string(REPLACE "@DEVLIFE_PREFIX@" "${CMAKE_INSTALL_PREFIX}" page "${page}")
# A directory of this install's own: an install and a CPack run may go on
# at once from one build tree.
get_filename_component(dir "${DEVLIFE_MAN_PAGE}" DIRECTORY)
string(RANDOM LENGTH 12 tag)
set(stage "${dir}/install-${tag}")
set(staged "${stage}/devlife.1")
file(WRITE "${staged}" "${page}")
if(DEVLIFE_GZIP)
  execute_process(COMMAND "${DEVLIFE_GZIP}" -9nf "${staged}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${staged} failed")
  endif()
  set(staged "${staged}.gz")
endif()
file(INSTALL "${staged}" DESTINATION "${CMAKE_INSTALL_PREFIX}/${DEVLIFE_MANDIR}/man1")
file(REMOVE_RECURSE "${stage}")
