;;; devlife-flycheck.el --- devlife's rules through flycheck-clang-tidy  -*- lexical-binding: t -*-

;; flycheck-clang-tidy (https://github.com/ch1bo/flycheck-clang-tidy) runs
;;   clang-tidy -p BUILD-PATH -extra-arg=-IDIR/ -config=<.clang-tidy> EXTRA FILE
;; with the .clang-tidy found above the file (integrations/editors/.clang-tidy
;; copied to the tree's root) and EXTRA passed as one argument. Put this in
;; your init file after flycheck.

(with-eval-after-load 'flycheck
  (require 'flycheck-clang-tidy)
  (add-hook 'flycheck-mode-hook #'flycheck-clang-tidy-setup)
  ;; The LLVM 22 clang-tidy the module was built against.
  (setq flycheck-clang-tidy-executable "/usr/lib/llvm-22/bin/clang-tidy")
  (setq flycheck-clang-tidy-extra-options "--load=/usr/lib/devlife/libdevlife-tidy.so")
  ;; A kernel tree keeps compile_commands.json at its root, flycheck's
  ;; working directory here.
  (setq flycheck-clang-tidy-build-path "."))

(provide 'devlife-flycheck)
;;; devlife-flycheck.el ends here
