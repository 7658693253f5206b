" devlife's rules through ALE's clang-tidy linter. ALE runs
"   clang-tidy [-checks=...] 'EXTRA' FILE -p BUILD-DIR
" with BUILD-DIR the nearest compile_commands.json above the file (or in a
" build/ beside it) and EXTRA one shell word: one option fits. The checks
" come from the .clang-tidy at the tree's root (integrations/editors/.clang-tidy).
" Source this from your vimrc, or copy the lines.
let g:ale_linters = get(g:, 'ale_linters', {})
let g:ale_linters.c = ['clangtidy']
let g:ale_c_clangtidy_executable = '/usr/lib/llvm-22/bin/clang-tidy'
let g:ale_c_clangtidy_extra_options = '--load=/usr/lib/devlife/libdevlife-tidy.so'
