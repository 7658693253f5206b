;;; devlife-lsp.el --- `devlife lsp' beside clangd in lsp-mode  -*- lexical-binding: t -*-

;; lsp-mode runs an :add-on? server next to the main one (clangd) on the same
;; buffer; its diagnostics show with flycheck or flymake like clangd's, and
;; its fix-its come as code actions (lsp-execute-code-action). Eglot runs one
;; server per buffer: with Eglot and clangd, use devlife-flycheck.el instead.

(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    ;; Add "-p" "/path/to/build" if the database is not found above the file.
    :new-connection (lsp-stdio-connection '("devlife" "lsp"))
    :activation-fn (lsp-activate-on "c")
    :server-id 'devlife
    :add-on? t
    :priority -1)))

(provide 'devlife-lsp)
;;; devlife-lsp.el ends here
