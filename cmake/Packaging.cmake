# The Debian package: `cmake --build build --target package` (or `cpack -G
# DEB` in the build directory) gives build/devlife_VERSION-1_ARCH.deb.
#
# CPack rather than dpkg-buildpackage: the package is made from the same
# install rules as `cmake --install` and takes its version, description and
# homepage from project(), so there is no debian/ directory to keep in step
# (its changelog would be a second place for the version). What
# dpkg-buildpackage adds, a source package and the archive's
# conventions, matters for an upload to Debian, not for a .deb that CI
# images and kernel maintainers install with apt.
set(DEVLIFE_PACKAGE_MAINTAINER "devlife maintainers <devlife@localhost>" CACHE STRING
    "Maintainer field of the Debian package: set it to a real address to publish")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME devlife)
set(CPACK_PACKAGE_VENDOR devlife)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${DEVLIFE_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Stripped, as Debian ships binaries; the build tree keeps its own.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# The synopsis line is CPACK_PACKAGE_DESCRIPTION_SUMMARY (project()'s
# DESCRIPTION); this is the long description under it.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY ${PROJECT_DESCRIPTION})
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "devlife finds device-lifetime bugs in Linux kernel drivers: device-tree
node, firmware node and device references never released or released
twice, devm resources on the wrong device, attached outside probe or freed
by hand, and locks held across a wait for a callback that takes them or
taken in both orders, across functions and files.
.
It runs as `devlife audit` over a compile database (a whole kernel tree,
SARIF for GitHub code scanning), as `devlife check` inside a kernel build,
and as a clang-tidy-${LLVM_VERSION_MAJOR} module
(${CPACK_PACKAGING_INSTALL_PREFIX}/${DEVLIFE_INSTALL_MODULEDIR}/libdevlife-tidy.so).")
# Depends: what dpkg-shlibdeps reads off the binaries (libclang-cpp22,
# libllvm22, libc6, libstdc++6, libgcc-s1). clang-tidy is needed for the
# module only; the module must be loaded by the clang-tidy of the LLVM
# release it was built against (no ABI promise across releases).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(DEVLIFE_LLVM_RELEASE ${LLVM_VERSION_MAJOR}.${LLVM_VERSION_MINOR})
math(EXPR DEVLIFE_LLVM_NEXT_MINOR "${LLVM_VERSION_MINOR} + 1")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "clang-tidy-${LLVM_VERSION_MAJOR} (>= 1:${DEVLIFE_LLVM_RELEASE}), clang-tidy-${LLVM_VERSION_MAJOR} (<< 1:${LLVM_VERSION_MAJOR}.${DEVLIFE_LLVM_NEXT_MINOR}~)")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
