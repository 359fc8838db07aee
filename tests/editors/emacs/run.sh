#!/bin/sh
# Runs the ERT tests of editors/emacs/cjm-mode.el (cjm-mode-tests.el) in
# Emacs in batch mode, with the real cjm binary for the flymake backend.
# Usage: tests/editors/emacs/run.sh CJM_BINARY SOURCE_DIR
set -eu
cjm=$1 src=$2
test_name="emacs/run.sh"
. "$(dirname "$0")/../lib.sh"
require emacs "the ERT tests of editors/emacs"
make_tmpdir
# cjm-mode.el byte-compiles without a warning (into the scratch directory).
emacs -Q --batch -L "$src/editors/emacs" --eval "(progn
  (setq byte-compile-error-on-warn t
        byte-compile-dest-file-function (lambda (_) \"$tmp/cjm-mode.elc\"))
  (unless (byte-compile-file \"$src/editors/emacs/cjm-mode.el\") (kill-emacs 1)))" || {
  echo "$test_name: cjm-mode.el does not byte-compile cleanly (above)" >&2
  exit 1
}
# eglot (built in from Emacs 29, Debian's elpa-eglot before) is looked for
# in Debian's and the user's package directories; CI must have it.
CJM_EXECUTABLE=$cjm CJM_SOURCE_DIR=$src CJM_TEST_TMP=$tmp HOME=$tmp \
  emacs -Q --batch -L "$src/editors/emacs" \
  --eval '(progn (require (quote package))
                 (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
                 (package-initialize))' \
  -l "$src/tests/editors/emacs/cjm-mode-tests.el" \
  -f ert-run-tests-batch-and-exit
