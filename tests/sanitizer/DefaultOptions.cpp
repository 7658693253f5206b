//===- DefaultOptions.cpp - Options every instrumented devlife program has ===//
//
// Linked into every executable of a -DDEVLIFE_SANITIZE build.
// - The runtime is a shared library (-shared-libsan), which the linker
//   lists after libstdc++: it is loaded all the same, but its link-order
//   check refuses to start the program (the tests' discovery at build time
//   included).
// - LLVM's headers poison the free space of a BumpPtrAllocator slab when
//   compiled with ASan, as our code is; libclang-cpp, which is not, then
//   writes into that space (Builtin::Context::initializeBuiltins) and ASan
//   reports a use-after-poison that is no bug. Manual poisoning is off.
//
//===----------------------------------------------------------------------===//
extern "C" const char *__asan_default_options() {
  return "verify_asan_link_order=0:allow_user_poisoning=0";
}
