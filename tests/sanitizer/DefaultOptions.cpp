//===- DefaultOptions.cpp - Options every instrumented devlife program has ===//
//
// Linked into every executable of a -DDEVLIFE_SANITIZE build. The runtime
// is a shared library (-shared-libsan), which the linker lists after
// libstdc++: it is loaded all the same, but its link-order check refuses to
// start the program, the tests' discovery at build time included.
//
//===----------------------------------------------------------------------===//
extern "C" const char *__asan_default_options() {
  return "verify_asan_link_order=0";
}
