;;; cjm-mode.el --- Major mode for cjm customer journey maps  -*- lexical-binding: t; -*-

;; Part of cjm, customer journey maps as code (editors/emacs in its
;; repository).
;; Version: 0.1
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages

;;; Commentary:

;; A major mode for .cjm files, the text language of cjm, customer journey
;; maps as code (docs/language.md of the cjm repository describes it).
;;
;; - font-lock: block and entry keywords, declared identifiers, references
;;   (after by, via, for, next, measure), built-in lanes, attribute keys,
;;   strings and """long text""", escapes, numbers, TODO in comments, and
;;   the non-ASCII punctuation cjm rejects outside strings;
;; - a syntax table for # comments and "strings", and """ long text made
;;   one string by `syntax-propertize';
;; - indentation as `cjm fmt' lays a journey out (`cjm-indent-offset');
;; - imenu: the stages and steps of the buffer;
;; - a flymake backend running `cjm check -' on the buffer's text;
;; - `compilation-error-regexp-alist' entries for `cjm check' output
;;   (M-x compile), notes as info;
;; - `cjm-format-buffer' (C-c C-f), through `cjm fmt -';
;; - eglot: `cjm lsp' is registered as the server of cjm-mode.
;;
;; Install: put this file on the load-path and
;;   (require 'cjm-mode)
;; or (autoload 'cjm-mode "cjm-mode" nil t) with the auto-mode-alist entry
;; below.  Set `cjm-executable' when cjm is not on the PATH.

;;; Code:

(require 'rx)
(require 'flymake)
(require 'compile)
(require 'imenu)

(defgroup cjm nil
  "Customer journey maps written in cjm."
  :group 'languages
  :prefix "cjm-")

(defcustom cjm-executable "cjm"
  "The cjm program: its name on the PATH or its file name."
  :type 'string)

(defcustom cjm-check-arguments nil
  "Extra arguments of `cjm check' for flymake, such as (\"-I\" \"modules\")."
  :type '(repeat string))

(defcustom cjm-indent-offset 2
  "Columns per indentation level; `cjm fmt' uses 2."
  :type 'integer
  :safe #'integerp)

;;;; The words of the language (docs/language.md, sections 2 and 4)

(defconst cjm-top-level-keywords
  '("use" "journey" "persona" "channel" "lane" "metric" "stage")
  "Keywords that open a top-level block.")

(defconst cjm-block-keywords (append cjm-top-level-keywords '("step"))
  "Keywords that open a block.")

(defconst cjm-entry-keywords
  '("by" "via" "feel" "for" "measure" "next" "scale" "status" "kind" "unit"
    "target" "better")
  "Keywords that open an entry, or (for) qualify one.")

(defconst cjm-builtin-lanes
  '("action" "touchpoint" "thought" "need" "pain" "opportunity" "note")
  "The lanes every journey has.")

(defconst cjm-values '("as-is" "to-be" "person" "company" "higher" "lower")
  "The words `status', `kind' and `better' take.")

;;;; Faces

(defface cjm-number-face '((t :inherit font-lock-constant-face))
  "Face for numbers and scales.")

(defface cjm-escape-face '((t :inherit font-lock-regexp-grouping-backslash))
  "Face for escapes in strings: \\\" \\\\ \\n \\t \\u{XXXX}.")

(defface cjm-stray-face '((t :inherit font-lock-warning-face))
  "Face for non-ASCII punctuation and spaces outside strings, an error for cjm.")

;;;; Syntax

(defconst cjm--identifier
  "\\(?:[[:alpha:]_]\\|[^[:ascii:][:space:][:punct:]]\\)\\(?:[[:alnum:]_-]\\|[^[:ascii:][:space:][:punct:]]\\)*"
  "An identifier: a letter, _ or a non-ASCII character that is neither space
nor punctuation, then those, digits and -.")

(defconst cjm--stray-chars
  "[\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f\u3000-\u3004\u3008-\u3020\ufeff\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
  "The most common characters cjm rejects outside strings (stray-char):
non-ASCII spaces, punctuation and invisible characters.")

(defvar cjm-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    (dolist (c '(?, ?. ?% ?+ ?' ?: ?\; ?= ?< ?> ?/ ?* ?& ?| ?$ ?@ ?! ??))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table of `cjm-mode': # comments, strings with \\ escapes,
identifiers made of words and the symbol characters _ and -.")

(defun cjm--syntax-propertize-long-text (start end)
  "Make each \"\"\" ... \"\"\" between START and END one string.
The first quote of an opening \"\"\" and the last of a closing one become
string fences, so the quotes inside long text are text."
  (goto-char start)
  (while (re-search-forward "\"\"\"" end t)
    (let* ((quotes (match-beginning 0))
           (ppss (save-excursion (syntax-ppss quotes))))
      (cond
       ;; Opening quotes, outside any string or comment.
       ((not (or (nth 3 ppss) (nth 4 ppss)))
        (put-text-property quotes (1+ quotes) 'syntax-table (string-to-syntax "|")))
       ;; Closing quotes of long text, unless escaped.
       ((and (eq (nth 3 ppss) t)
             (not (eq (char-before quotes) ?\\)))
        (put-text-property (1- (point)) (point) 'syntax-table (string-to-syntax "|")))
       ;; Inside a one-line string "" followed by ": leave the rest alone.
       (t (goto-char (1+ quotes)))))))

;;;; Font lock

(defun cjm--in-code-p (pos)
  "Whether POS is outside strings and comments."
  (let ((ppss (save-excursion (syntax-ppss pos))))
    (not (or (nth 3 ppss) (nth 4 ppss)))))

(defun cjm--match-in (regexp limit test)
  "Search for REGEXP up to LIMIT where TEST holds for the syntax state."
  (let (found)
    (while (and (not found) (re-search-forward regexp limit t))
      (when (funcall test (save-excursion (syntax-ppss (match-beginning 0))))
        (setq found t)))
    found))

(defun cjm--match-escape (limit)
  "Font-lock matcher: the next escape inside a string, up to LIMIT."
  (cjm--match-in "\\\\\\(?:[\"\\\\nt]\\|u{[[:xdigit:]]\\{1,6\\}}\\)" limit
                 (lambda (ppss) (nth 3 ppss))))

(defun cjm--match-todo (limit)
  "Font-lock matcher: the next TODO, FIXME or XXX in a comment, up to LIMIT."
  (cjm--match-in "\\_<\\(?:TODO\\|FIXME\\|XXX\\)\\_>" limit
                 (lambda (ppss) (nth 4 ppss))))

(defun cjm--match-stray (limit)
  "Font-lock matcher: the next stray character outside strings, up to LIMIT."
  (cjm--match-in cjm--stray-chars limit
                 (lambda (ppss) (not (or (nth 3 ppss) (nth 4 ppss))))))

(defvar cjm--list-first nil
  "Whether the next reference matched is the first of its list.")

(defun cjm--match-reference (limit)
  "Anchored font-lock matcher: the next name of a list (a, b, c), up to LIMIT.
The first follows the keyword after blanks, each next one after a comma."
  (when (looking-at (concat (if cjm--list-first "[ \t]+" "[ \t]*,[ \t]*")
                            "\\(" cjm--identifier "\\)"))
    (let ((name (match-string 1)))
      (when (and (<= (match-end 0) limit)
                 (not (member name cjm-block-keywords))
                 (not (member name cjm-entry-keywords)))
        (setq cjm--list-first nil)
        (goto-char (match-end 0))
        t))))

(defconst cjm-font-lock-keywords
  `(;; Keywords first: nothing after them recolours them.
    (,(concat "\\_<" (regexp-opt cjm-block-keywords) "\\_>") . font-lock-keyword-face)
    (,(concat "\\_<" (regexp-opt cjm-entry-keywords) "\\_>") . font-lock-keyword-face)
    ;; The identifier a block declares.
    (,(concat "\\_<" (regexp-opt '("persona" "channel" "lane" "metric" "stage" "step"))
              "[ \t]+\\(" cjm--identifier "\\)")
     1 font-lock-function-name-face)
    ;; References: the lists after by, via, for, next, and measure's metric.
    (,(concat "\\_<" (regexp-opt '("by" "via" "for" "next" "measure")) "\\_>")
     (cjm--match-reference (setq cjm--list-first t) nil
                           (1 font-lock-variable-name-face)))
    ;; The words of status, kind and better.
    (,(concat "\\_<" (regexp-opt '("status" "kind" "better")) "[ \t]+\\("
              (regexp-opt cjm-values) "\\)\\_>")
     1 font-lock-constant-face)
    ;; The head of an entry line: a built-in lane, or a key followed by text.
    (,(concat "^[ \t]*\\(" (regexp-opt cjm-builtin-lanes) "\\)\\_>")
     1 font-lock-builtin-face)
    (,(concat "^[ \t]*\\(" cjm--identifier "\\)[ \t]*\"")
     1 font-lock-type-face)
    ;; Numbers (-2..2, +1, 3.5, 12%), not inside identifiers.
    ("\\(?:^\\|[^[:alnum:]_-]\\)\\([+-]?[0-9]+\\(?:\\.[0-9]+\\)?%?\\)" 1 'cjm-number-face)
    (cjm--match-escape 0 'cjm-escape-face prepend)
    (cjm--match-todo 0 font-lock-warning-face prepend)
    (cjm--match-stray 0 'cjm-stray-face))
  "Highlighting of `cjm-mode'.")

;;;; Indentation

(defconst cjm--top-level-re
  (concat "[ \t]*" (regexp-opt cjm-top-level-keywords) "\\(?:[ \t#]\\|$\\)"))

(defconst cjm--step-re "[ \t]*step\\(?:[ \t#]\\|$\\)")

(defun cjm--line-in-long-text-p ()
  "Whether the current line starts inside long text."
  (eq (nth 3 (syntax-ppss (line-beginning-position))) t))

(defun cjm--blank-or-comment-line-p ()
  "Whether the current line is blank or only a comment."
  (save-excursion (beginning-of-line) (looking-at "[ \t]*\\(?:#.*\\)?$")))

(defun cjm--previous-code-line ()
  "Move to the nearest line above that is code, not blank, comment or long
text.  Return nil when there is none."
  (let (found)
    (while (and (not found) (zerop (forward-line -1)))
      (unless (or (cjm--blank-or-comment-line-p) (cjm--line-in-long-text-p))
        (setq found t)))
    found))

(defun cjm--continues-list-p ()
  "Whether the current code line ends with a comma, its comment aside."
  (save-excursion
    (end-of-line)
    (let ((comment (nth 8 (syntax-ppss))))
      (when (and comment (nth 4 (syntax-ppss))) (goto-char comment)))
    (skip-chars-backward " \t")
    (eq (char-before) ?,)))

(defun cjm--code-indentation ()
  "The indentation of the current line as code, from its first word."
  (save-excursion
    (beginning-of-line)
    (cond
     ((looking-at cjm--top-level-re) 0)
     ((looking-at cjm--step-re) cjm-indent-offset)
     (t
      (let ((list-start nil) (head nil))
        ;; A list that goes on from the lines above: under its first line.
        (save-excursion
          (while (and (cjm--previous-code-line) (cjm--continues-list-p))
            (setq list-start (point))))
        (if list-start
            (save-excursion
              (goto-char list-start)
              ;; Two levels under a block head, one under an entry.
              (+ (current-indentation)
                 (* (if (or (looking-at cjm--top-level-re) (looking-at cjm--step-re)) 2 1)
                    cjm-indent-offset)))
          ;; An entry: under the nearest block head above.
          (while (and (not head) (cjm--previous-code-line))
            (cond ((looking-at cjm--step-re) (setq head 'step))
                  ((looking-at cjm--top-level-re) (setq head 'top))))
          (pcase head
            ('step (* 2 cjm-indent-offset))
            ('top cjm-indent-offset)
            (_ 0))))))))

(defun cjm--comment-indentation ()
  "The indentation of the comment line at point, as `cjm fmt' places it."
  (save-excursion
    (beginning-of-line)
    (let ((first (point)) (last (point)) ends-block next)
      (save-excursion
        (while (and (zerop (forward-line -1)) (looking-at "[ \t]*#"))
          (setq first (point))))
      (save-excursion
        (while (and (zerop (forward-line 1)) (not (eobp)) (looking-at "[ \t]*#"))
          (setq last (point))))
      (setq ends-block
            (and (save-excursion (goto-char first)
                                 (and (zerop (forward-line -1))
                                      (not (looking-at "[ \t]*$"))))
                 (save-excursion (goto-char last)
                                 (or (not (zerop (forward-line 1))) (eobp)
                                     (looking-at "[ \t]*$")))))
      (save-excursion
        (goto-char last)
        (while (and (not next) (zerop (forward-line 1)) (not (eobp)))
          (unless (cjm--blank-or-comment-line-p) (setq next (point)))))
      (if (and next (not ends-block))
          (progn (goto-char next) (cjm--code-indentation))
        (if (cjm--previous-code-line) (current-indentation) 0)))))

(defun cjm-indent-line ()
  "Indent the current line as `cjm fmt' would.
Long text is left as written, except that an empty line in it starts where
the line above does, the first one a level deeper than the opening quotes."
  (interactive)
  (let ((column
         (save-excursion
           (beginning-of-line)
           (cond
            ((cjm--line-in-long-text-p)
             (if (not (looking-at "[ \t]*$"))
                 'noindent
               (let ((open (nth 8 (syntax-ppss))))
                 (if (= (line-number-at-pos open) (1- (line-number-at-pos)))
                     (progn (goto-char open) (+ (current-indentation) cjm-indent-offset))
                   (forward-line -1)
                   (while (and (looking-at "[ \t]*$") (zerop (forward-line -1))))
                   (current-indentation)))))
            ((looking-at "[ \t]*#") (cjm--comment-indentation))
            (t (cjm--code-indentation))))))
    (if (eq column 'noindent)
        'noindent
      (if (<= (current-column) (current-indentation))
          (indent-line-to column)
        (save-excursion (indent-line-to column))))))

;;;; Imenu

(defun cjm-imenu-create-index ()
  "The stages and steps of the buffer, in order, for imenu.
Names in comments and long text do not count."
  (let (stages steps)
    (save-excursion
      (goto-char (point-min))
      (while (re-search-forward
              (concat "^[ \t]*\\(stage\\|step\\)[ \t]+\\(" cjm--identifier "\\)") nil t)
        (when (cjm--in-code-p (match-beginning 1))
          (let ((item (cons (match-string-no-properties 2) (match-beginning 2))))
            (if (equal (match-string 1) "stage") (push item stages) (push item steps))))))
    (delq nil (list (and stages (cons "Stages" (nreverse stages)))
                    (and steps (cons "Steps" (nreverse steps)))))))

;;;; Flymake

(defvar-local cjm--flymake-process nil
  "The running `cjm check' of this buffer, if any.")

(defconst cjm--diagnostic-re
  "^\\(.+?\\):\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|note\\): \\(.*\\)$"
  "A diagnostic line of cjm: FILE:LINE:COLUMN: SEVERITY: MESSAGE.")

(defun cjm--flymake-diagnostics (source output)
  "The flymake diagnostics for buffer SOURCE in the text OUTPUT of cjm check.
Diagnostics of <stdin> go where they point (columns are characters, as
cjm counts them); those of used files go on the first line, naming the
file."
  (let (diagnostics)
    (with-temp-buffer
      (insert output)
      (goto-char (point-min))
      (while (re-search-forward cjm--diagnostic-re nil t)
        (let* ((file (match-string 1))
               (line (string-to-number (match-string 2)))
               (column (string-to-number (match-string 3)))
               (type (pcase (match-string 4)
                       ("error" :error) ("warning" :warning) (_ :note)))
               (message (match-string 5))
               (here (equal file "<stdin>"))
               (region (with-current-buffer source
                         (if here
                             (cjm--diagnostic-region line column)
                           (cons (point-min)
                                 (save-excursion (goto-char (point-min))
                                                 (line-end-position)))))))
          (push (flymake-make-diagnostic
                 source (car region) (cdr region) type
                 (if here message (format "%s:%d:%d: %s" file line column message)))
                diagnostics))))
    (nreverse diagnostics)))

(defun cjm--diagnostic-region (line column)
  "The region of the current buffer a diagnostic at LINE and COLUMN marks:
the identifier, number or string there, else the character."
  (save-excursion
    (save-restriction
      (widen)
      (goto-char (point-min))
      (forward-line (1- line))
      (let ((eol (line-end-position)))
        (forward-char (min (1- column) (- eol (point))))
        (let ((start (point)))
          (cond ((looking-at cjm--identifier) (cons start (match-end 0)))
                ((looking-at "[+-]?[0-9]+\\(?:\\.[0-9]+\\)?%?") (cons start (match-end 0)))
                ((looking-at "\"\\(?:[^\"\\\\\n]\\|\\\\.\\)*\"?") (cons start (match-end 0)))
                ((< start eol) (cons start (1+ start)))
                (t (cons (max (line-beginning-position) (1- start)) start))))))))

(defun cjm-flymake (report-fn &rest _args)
  "Flymake backend: run `cjm check -' on the buffer and report to REPORT-FN.
It runs in the buffer's directory, so that `use' finds modules next to it."
  (unless (executable-find cjm-executable)
    (error "Cannot find the cjm program %S (see `cjm-executable')" cjm-executable))
  (when (process-live-p cjm--flymake-process)
    (kill-process cjm--flymake-process))
  (let* ((source (current-buffer))
         (default-directory (if buffer-file-name
                                (file-name-directory buffer-file-name)
                              default-directory))
         (process
          (make-process
           :name "cjm-flymake"
           :noquery t
           :connection-type 'pipe
           :buffer (generate-new-buffer " *cjm-flymake*")
           :command (append (list cjm-executable "check" "--color=never")
                            cjm-check-arguments '("-"))
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (if (with-current-buffer source (eq proc cjm--flymake-process))
                       (let ((status (process-exit-status proc))
                             (output (with-current-buffer (process-buffer proc)
                                       (buffer-string))))
                         (if (memq status '(0 1))
                             (funcall report-fn (cjm--flymake-diagnostics source output))
                           (funcall report-fn :panic
                                    :explanation (format "cjm check exited with %d: %s"
                                                         status (string-trim output)))))
                     (flymake-log :warning "Canceling obsolete check %s" proc))
                 (kill-buffer (process-buffer proc))))))))
    (setq cjm--flymake-process process)
    (save-restriction
      (widen)
      (process-send-region process (point-min) (point-max)))
    (process-send-eof process)))

;;;; Formatting

(defun cjm-format-buffer ()
  "Format the buffer with `cjm fmt -'.
On an error the buffer is left as it is and cjm's diagnostics are shown
in the buffer *cjm fmt*, where \\[next-error] visits them."
  (interactive)
  (let ((output (generate-new-buffer " *cjm-fmt-output*"))
        (stderr (make-temp-file "cjm-fmt"))
        (name (or buffer-file-name (buffer-name))))
    (unwind-protect
        (let ((status (save-restriction
                        (widen)
                        (call-process-region (point-min) (point-max) cjm-executable
                                             nil (list output stderr) nil "fmt" "-"))))
          (if (eq status 0)
              (progn
                (if (fboundp 'replace-buffer-contents)
                    (save-restriction (widen) (replace-buffer-contents output))
                  (let ((p (point)))
                    (erase-buffer) (insert-buffer-substring output) (goto-char p)))
                (message "cjm fmt: formatted")
                t)
            (with-current-buffer (get-buffer-create "*cjm fmt*")
              (let ((inhibit-read-only t))
                (erase-buffer)
                (insert-file-contents stderr)
                (goto-char (point-min))
                ;; Diagnostics of standard input are this buffer's.
                (while (re-search-forward "^<stdin>:" nil t)
                  (replace-match (concat name ":") t t)))
              (compilation-mode)
              (display-buffer (current-buffer)))
            (message "cjm fmt: the buffer has errors (see *cjm fmt*); left as it was")
            nil))
      (kill-buffer output)
      (delete-file stderr))))

;;;; Compilation

(defun cjm--setup-compilation ()
  "Teach M-x compile the diagnostics of `cjm check': errors, warnings and
notes (as info).  Columns count characters; for text in Chinese or
Japanese set `compilation-error-screen-columns' to nil."
  (add-to-list 'compilation-error-regexp-alist-alist
               '(cjm "^\\([^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(note\\)\\): "
                     1 2 3 (4 . 5)))
  (add-to-list 'compilation-error-regexp-alist 'cjm))

(cjm--setup-compilation)

;;;; The mode

(defvar cjm-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-f") #'cjm-format-buffer)
    map)
  "Keys of `cjm-mode'.")

;;;###autoload
(define-derived-mode cjm-mode prog-mode "cjm"
  "Major mode for cjm customer journey maps.

\\{cjm-mode-map}"
  :syntax-table cjm-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local syntax-propertize-function #'cjm--syntax-propertize-long-text)
  (setq-local font-lock-defaults '(cjm-font-lock-keywords nil nil))
  (setq-local indent-line-function #'cjm-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 8)
  (setq-local electric-indent-chars (append '(?\n) electric-indent-chars))
  (setq-local imenu-create-index-function #'cjm-imenu-create-index)
  (setq-local compile-command
              (concat cjm-executable " check --color=never "
                      (if buffer-file-name
                          (shell-quote-argument (file-name-nondirectory buffer-file-name))
                        "")))
  (add-hook 'flymake-diagnostic-functions #'cjm-flymake nil t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.cjm\\'" . cjm-mode))

;;;; Eglot

(defun cjm-eglot-contact (&optional _interactive)
  "The command eglot starts for cjm-mode: `cjm lsp', with `cjm-executable'."
  (list cjm-executable "lsp"))

;; `cjm lsp' for cjm-mode buffers in eglot, once eglot is loaded.
(defvar eglot-server-programs)
;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(cjm-mode . cjm-eglot-contact)))

(provide 'cjm-mode)

;;; cjm-mode.el ends here
