-- `devlife lsp` beside clangd in Neovim: both servers attach to C buffers,
-- devlife's diagnostics carry the source "devlife" and its fix-its come as
-- code actions (vim.lsp.buf.code_action()). Put this in init.lua.
local cmd = { 'devlife', 'lsp' } -- add '-p', '/path/to/build' if the database is elsewhere

if vim.lsp.config then
  -- Neovim 0.11 and later.
  vim.lsp.config('devlife', {
    cmd = cmd,
    filetypes = { 'c' },
    root_markers = { 'compile_commands.json', '.git' },
  })
  vim.lsp.enable('devlife')
else
  -- Neovim 0.10.
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'c',
    callback = function(args)
      vim.lsp.start({
        name = 'devlife',
        cmd = cmd,
        root_dir = vim.fs.root(args.buf, { 'compile_commands.json', '.git' }),
      })
    end,
  })
end
