# Run by `cmake --install` (and CPack): installs devlife.1 with the FILES
# section naming the prefix of this install, which is known only now
# (`--prefix`, /usr for the Debian package). Compressed as Debian policy
# wants, reproducibly (gzip -n: no name, no date), when gzip is there.
# Set before: DEVLIFE_MAN_PAGE, DEVLIFE_GZIP, DEVLIFE_MANDIR.
file(READ "${DEVLIFE_MAN_PAGE}" page)
string(REPLACE "@DEVLIFE_PREFIX@" "${CMAKE_INSTALL_PREFIX}" page "${page}")
get_filename_component(dir "${DEVLIFE_MAN_PAGE}" DIRECTORY)
set(staged "${dir}/install/devlife.1")
file(WRITE "${staged}" "${page}")
if(DEVLIFE_GZIP)
  execute_process(COMMAND "${DEVLIFE_GZIP}" -9nf "${staged}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${staged} failed")
  endif()
  set(staged "${staged}.gz")
endif()
file(INSTALL "${staged}" DESTINATION "${CMAKE_INSTALL_PREFIX}/${DEVLIFE_MANDIR}/man1")
