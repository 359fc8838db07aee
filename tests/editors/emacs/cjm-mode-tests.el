;;; cjm-mode-tests.el --- ERT tests of editors/emacs/cjm-mode.el  -*- lexical-binding: t; -*-

;; Run by tests/editors/emacs/run.sh in Emacs in batch mode, with
;; CJM_EXECUTABLE (the cjm binary), CJM_SOURCE_DIR (the repository) and
;; CJM_TEST_TMP (a scratch directory) in the environment. Each test works
;; on real files: the examples, the standard library and the fixtures in
;; tests/editors/fixtures.

;;; Code:

(require 'ert)
(require 'cjm-mode)

(defconst cjm-test-src (file-name-as-directory (getenv "CJM_SOURCE_DIR")))
(defconst cjm-test-tmp (file-name-as-directory (getenv "CJM_TEST_TMP")))
(setq cjm-executable (getenv "CJM_EXECUTABLE"))

(defun cjm-test-file (name)
  "The file NAME of the repository."
  (expand-file-name name cjm-test-src))

(defmacro cjm-test-with-file (name &rest body)
  "Run BODY in a cjm-mode buffer holding the repository's file NAME,
fontified, visiting it."
  (declare (indent 1))
  `(with-current-buffer (find-file-noselect (cjm-test-file ,name))
     (unwind-protect
         (progn (cjm-mode) (font-lock-ensure) (goto-char (point-min)) ,@body)
       (set-buffer-modified-p nil)
       (kill-buffer))))

(defmacro cjm-test-with-text (text &rest body)
  "Run BODY in a fontified cjm-mode buffer holding TEXT."
  (declare (indent 1))
  `(with-temp-buffer
     (insert ,text)
     (cjm-mode)
     (font-lock-ensure)
     (goto-char (point-min))
     ,@body))

(defun cjm-test-faces (line-re re)
  "The faces of the characters of the first match of RE (its group 1 if
it has one) on the first line matching LINE-RE, without repeats, in order."
  (save-excursion
    (goto-char (point-min))
    (unless (re-search-forward line-re nil t)
      (error "No line matches %S" line-re))
    (beginning-of-line)
    (unless (re-search-forward re (line-end-position) t)
      (error "%S not found on line %d" re (line-number-at-pos)))
    (let ((group (if (match-beginning 1) 1 0)) faces)
      (dotimes (i (- (match-end group) (match-beginning group)))
        (let ((face (get-text-property (+ (match-beginning group) i) 'face)))
          (unless (member face faces) (push face faces))))
      (nreverse faces))))

(defmacro cjm-test-should-face (line-re re face)
  "Assert that every character of RE on the line LINE-RE has FACE (alone,
or first of a list of faces)."
  `(should (equal (list ',line-re ',re (mapcar (lambda (f) (if (consp f) (car f) f))
                                               (cjm-test-faces ,line-re ,re)))
                  (list ',line-re ',re (list ,face)))))

;;;; Font lock and syntax

(ert-deftest cjm-test-faces-smartphone ()
  (cjm-test-with-file "examples/smartphone.cjm"
    (cjm-test-should-face "^# Buying" "#" 'font-lock-comment-delimiter-face)
    (cjm-test-should-face "^# Buying" "Buying.*" 'font-lock-comment-face)
    (cjm-test-should-face "^journey" "journey" 'font-lock-keyword-face)
    (cjm-test-should-face "^journey" "\"Buying a smartphone\"" 'font-lock-string-face)
    (cjm-test-should-face "^  goal" "goal" 'font-lock-type-face)
    (cjm-test-should-face "^  status" "status" 'font-lock-keyword-face)
    (cjm-test-should-face "^  status" "as-is" 'font-lock-constant-face)
    (cjm-test-should-face "^  scale" "-2" 'cjm-number-face)
    (cjm-test-should-face "^  scale" "\\.\\." nil)
    (cjm-test-should-face "^  scale" "2$" 'cjm-number-face)
    (cjm-test-should-face "^persona mia" "mia" 'font-lock-function-name-face)
    (cjm-test-should-face "^lane backstage" "backstage" 'font-lock-function-name-face)
    (cjm-test-should-face "^  unit" "unit" 'font-lock-keyword-face)
    (cjm-test-should-face "^  target" "3\\.5" 'cjm-number-face)
    (cjm-test-should-face "^  step see_ad" "step" 'font-lock-keyword-face)
    (cjm-test-should-face "^  step see_ad" "see_ad" 'font-lock-function-name-face)
    (cjm-test-should-face "^  step see_ad" "\\_<by\\_>" 'font-lock-keyword-face)
    (cjm-test-should-face "^  step see_ad" "mia" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  step see_ad" "social$" 'font-lock-variable-name-face)
    (cjm-test-should-face "feel \\+1" "\\+1" 'cjm-number-face)
    (cjm-test-should-face "^    thought" "thought" 'font-lock-builtin-face)
    (cjm-test-should-face "^    opportunity" "opportunity" 'font-lock-builtin-face)
    (cjm-test-should-face "^    measure" "cvr" 'font-lock-variable-name-face)
    (cjm-test-should-face "^    measure" "1\\.8" 'cjm-number-face)
    (cjm-test-should-face "^    backstage" "backstage" 'font-lock-type-face)))

(ert-deftest cjm-test-faces-chinese ()
  (cjm-test-with-file "examples/tea_shop_zh.cjm"
    (cjm-test-should-face "^persona 小美" "小美" 'font-lock-function-name-face)
    (cjm-test-should-face "^persona 小美" "\"小美，大学生\"" 'font-lock-string-face)
    (cjm-test-should-face "^  step 等待出杯" "等待出杯" 'font-lock-function-name-face)
    (cjm-test-should-face "^  step 等待出杯" "by \\(小美\\)" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  step 等待出杯" "老陈" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  step 等待出杯" "门店$" 'font-lock-variable-name-face)
    (cjm-test-should-face "\"刷手机\" for" "小美$" 'font-lock-variable-name-face)
    (cjm-test-should-face "^    后台 \"收银台" "后台" 'font-lock-type-face)
    (cjm-test-should-face "^    measure 等待时长" "等待时长" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  quote \"\"\"" "\"\"\"" 'font-lock-string-face)
    (cjm-test-should-face "^    我一般先在小红书" "我.*" 'font-lock-string-face)
    (cjm-test-should-face "^persona 老陈" "persona" 'font-lock-keyword-face)))

(ert-deftest cjm-test-faces-cyrillic ()
  (cjm-test-with-file "examples/online_store_ru.cjm"
    (cjm-test-should-face "^persona потенциальный" "потенциальный" 'font-lock-function-name-face)
    (cjm-test-should-face "^metric брошенные_корзины" "брошенные_корзины" 'font-lock-function-name-face)
    (cjm-test-should-face "^  step видит_рекламу" "видит_рекламу" 'font-lock-function-name-face)
    (cjm-test-should-face "^  step видит_рекламу" "by \\(потенциальный\\)" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  step видит_рекламу" "соцсети$" 'font-lock-variable-name-face)
    (cjm-test-should-face "^    В последний раз курьер" "В.*" 'font-lock-string-face)))

(ert-deftest cjm-test-faces-corner-cases ()
  (cjm-test-with-file "tests/editors/fixtures/highlight.cjm"
    (cjm-test-should-face "^# TODO" "TODO" 'font-lock-warning-face)
    (cjm-test-should-face "^# TODO" "FIXME" 'font-lock-warning-face)
    (cjm-test-should-face "^# TODO" ": keep" 'font-lock-comment-face)
    (cjm-test-should-face "^journey" "\\\\\"" 'cjm-escape-face)
    (cjm-test-should-face "^journey" "\\\\u{1F600}" 'cjm-escape-face)
    (cjm-test-should-face "^journey" "# not a comment\"" 'font-lock-string-face)
    (cjm-test-should-face "^  status" "to-be" 'font-lock-constant-face)
    (cjm-test-should-face "^persona お客様" "お客様" 'font-lock-function-name-face)
    (cjm-test-should-face "^persona お客様" "# still text" 'font-lock-string-face)
    (cjm-test-should-face "^  need" "stage and by" 'font-lock-string-face)
    (cjm-test-should-face "^channel web-shop" "web-shop" 'font-lock-function-name-face)
    (cjm-test-should-face "^  pain-point" "pain-point" 'font-lock-type-face)
    (cjm-test-should-face "^  pain-point" "お客様" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  better" "lower" 'font-lock-constant-face)
    (cjm-test-should-face "^  step 比較する" "web-shop" 'font-lock-variable-name-face)
    (cjm-test-should-face "^  step 比較する" "# \\(trailing comment\\)" 'font-lock-comment-face)
    (cjm-test-should-face "Long text keeps" "\"quotes\", # hashes" 'font-lock-string-face)
    (cjm-test-should-face "and keywords" "stage step by via" 'font-lock-string-face)
    (cjm-test-should-face "^    measure 待ち時間" "measure" 'font-lock-keyword-face)
    (cjm-test-should-face "^    measure 待ち時間" "待ち時間" 'font-lock-variable-name-face)
    (cjm-test-should-face "^    measure 待ち時間" "12\\.5" 'cjm-number-face))
  ;; A built-in lane's name declaring a stage is a name.
  (cjm-test-with-file "stdlib/aisas.cjm"
    (cjm-test-should-face "^stage action" "action" 'font-lock-function-name-face))
  ;; Full-width punctuation outside strings; digits inside identifiers.
  (cjm-test-with-text "stage s\n  step pay by 小美，老板2\n"
    (cjm-test-should-face "step pay" "，" 'cjm-stray-face)
    (cjm-test-should-face "step pay" "老板2" nil)))

(ert-deftest cjm-test-syntax ()
  (cjm-test-with-file "tests/editors/fixtures/highlight.cjm"
    (cl-flet ((state-at (line-re re)
                (goto-char (point-min))
                (re-search-forward line-re)
                (beginning-of-line)
                (re-search-forward re (line-end-position))
                (syntax-ppss (match-beginning 0))))
      ;; # starts a comment in code, not in a string or long text.
      (should (nth 4 (state-at "^# TODO" "TODO")))
      (should-not (nth 4 (state-at "^journey" "# not")))
      (should (eq (nth 3 (state-at "^journey" "# not")) ?\"))
      (should (eq (nth 3 (state-at "Long text keeps" "# hashes")) t))
      (should-not (nth 4 (state-at "Long text keeps" "# hashes")))
      ;; After the closing """ the code goes on.
      (should-not (nth 3 (state-at "^    measure 待ち時間" "measure")))
      ;; Identifiers are symbols, dashes and all.
      (goto-char (point-min))
      (re-search-forward "web-sh")
      (should (equal (thing-at-point 'symbol t) "web-shop")))))

;;;; Imenu

(ert-deftest cjm-test-imenu ()
  (cjm-test-with-file "examples/smartphone.cjm"
    (let ((index (cjm-imenu-create-index)))
      (should (equal (mapcar #'car index) '("Stages" "Steps")))
      (should (equal (mapcar #'car (cdr (assoc "Stages" index))) '("discover" "buy")))
      (should (equal (mapcar #'car (cdr (assoc "Steps" index)))
                     '("see_ad" "compare_specs" "visit_store")))
      (dolist (item (append (cdr (assoc "Stages" index)) (cdr (assoc "Steps" index))))
        (goto-char (cdr item))
        (should (looking-at (regexp-quote (car item)))))))
  (cjm-test-with-file "examples/tea_shop_zh.cjm"
    (let ((index (cjm-imenu-create-index)))
      (should (equal (mapcar #'car (cdr (assoc "Stages" index)))
                     '("发现" "下单" "等待" "品尝" "复购")))
      (should (equal (car (cadr (assoc "Steps" index))) "刷到笔记"))
      (should (= (length (cdr (assoc "Steps" index))) 11))))
  ;; Stages and steps in comments and long text are not indexed.
  (cjm-test-with-text "# stage old\nstage s\n  note \"\"\"\n    stage fright\n    step back\n    \"\"\"\n  step a\n"
    (should (equal (mapcar (lambda (group) (cons (car group) (mapcar #'car (cdr group))))
                           (cjm-imenu-create-index))
                   '(("Stages" "s") ("Steps" "a"))))))

;;;; Indentation

(defun cjm-test-flatten ()
  "Remove the indentation of every line that does not start in long text."
  (goto-char (point-min))
  (while (not (eobp))
    (unless (cjm--line-in-long-text-p)
      (delete-horizontal-space))
    (forward-line 1)))

(ert-deftest cjm-test-indent-files ()
  (let ((files (append (directory-files (cjm-test-file "examples") t "\\.cjm\\'")
                       (directory-files (cjm-test-file "stdlib") t "\\.cjm\\'")
                       (list (cjm-test-file "tests/editors/fixtures/highlight.cjm")))))
    (should (>= (length files) 9))
    (dolist (file files)
      (with-temp-buffer
        (insert-file-contents file)
        (cjm-mode)
        (let ((original (buffer-string)))
          (cjm-test-flatten)
          (indent-region (point-min) (point-max))
          (should (equal (list file original) (list file (buffer-string)))))))))

(ert-deftest cjm-test-indent-typing ()
  (with-temp-buffer
    (cjm-mode)
    (insert "stage s \"S\"")
    (dolist (line '("need \"x\"" "step a \"A\" by mia," "cfo" "feel +1" "note \"\"\""
                    "Line one" "  deeper" "\"\"\"" "# closing comment" "" "stage t"))
      (newline-and-indent)
      (insert line)
      (indent-according-to-mode))
    (should (equal (buffer-string)
                   (concat "stage s \"S\"\n"
                           "  need \"x\"\n"
                           "  step a \"A\" by mia,\n"
                           "      cfo\n"
                           "    feel +1\n"
                           "    note \"\"\"\n"
                           "      Line one\n"
                           "        deeper\n"
                           "        \"\"\"\n"
                           "    # closing comment\n"
                           "\n"
                           "stage t")))))

;;;; Flymake

(defun cjm-test-column (pos)
  "The column of POS in characters, from 1, as cjm counts."
  (save-excursion (goto-char pos) (1+ (- pos (line-beginning-position)))))

(defun cjm-test-flymake (text)
  "Run the flymake backend on TEXT in a cjm-mode buffer visiting a file in
the scratch directory; return its diagnostics as (LINE COLUMN END-COLUMN
TYPE TEXT)."
  (let ((file (expand-file-name "flymake/journey.cjm" cjm-test-tmp))
        (reports nil))
    (make-directory (file-name-directory file) t)
    (with-current-buffer (find-file-noselect file)
      (unwind-protect
          (progn
            (erase-buffer)
            (insert text)
            (cjm-mode)
            (cjm-flymake (lambda (&rest args) (push args reports)))
            (with-timeout (20 (error "cjm check did not report"))
              (while (not reports) (accept-process-output nil 0.05)))
            (should (= (length reports) 1))
            (should (listp (car (car reports))))
            (mapcar (lambda (d)
                      (list (line-number-at-pos (flymake-diagnostic-beg d))
                            (cjm-test-column (flymake-diagnostic-beg d))
                            (cjm-test-column (flymake-diagnostic-end d))
                            (flymake-diagnostic-type d)
                            (flymake-diagnostic-text d)))
                    (car (car reports))))
        (set-buffer-modified-p nil)
        (kill-buffer)))))

(ert-deftest cjm-test-flymake-broken ()
  (let ((diagnostics (cjm-test-flymake
                      (with-temp-buffer
                        (insert-file-contents (cjm-test-file "tests/editors/fixtures/broken.cjm"))
                        (buffer-string)))))
    (should (equal diagnostics
                   '((11 31 34 :error "unknown persona 'mai' [unknown-ref]")
                     (8 9 12 :note "did you mean 'mia'?")
                     (14 25 27 :error "unknown persona '老王' [unknown-ref]")
                     (15 10 11 :error "feel 9 is outside the journey's scale -2..2 [scale]")
                     (4 1 8 :note "this journey sets no scale, so it is the default -2..2")
                     (16 10 14 :error "unexpected identifier 'oops', expected a string [syntax]")
                     (14 3 7 :note "in the 'step' block that starts here"))))))

(ert-deftest cjm-test-flymake-clean-and-modules ()
  ;; A clean journey: nothing to report.
  (should (equal (cjm-test-flymake
                  (with-temp-buffer
                    (insert-file-contents (cjm-test-file "examples/tea_shop_zh.cjm"))
                    (buffer-string)))
                 nil))
  ;; `use' finds a module next to the file; its errors go on line 1.
  (with-temp-file (expand-file-name "flymake/mod.cjm" cjm-test-tmp)
    (insert "stage s\n  step x by nobody\n"))
  (let ((diagnostics (cjm-test-flymake "use \"mod\"\njourney \"j\"\npersona mia\nstage t\n  step y by mia\n")))
    (should (= (length diagnostics) 1))
    (should (equal (butlast (car diagnostics)) '(1 1 10 :error)))
    (should (string-match-p "mod\\.cjm:2:13: unknown persona 'nobody'" (nth 4 (car diagnostics))))))

;;;; Compilation, formatting, eglot

(ert-deftest cjm-test-compilation ()
  (let ((default-directory (cjm-test-file "tests/editors/fixtures/")))
    (with-temp-buffer
      (call-process cjm-executable nil t nil "check" "--color=never" "broken.cjm")
      (compilation-mode)
      (compilation--ensure-parse (point-max))
      (let (found)
        (goto-char (point-min))
        (while (not (eobp))
          (let ((message (get-text-property (point) 'compilation-message)))
            (when message
              (let ((loc (compilation--message->loc message)))
                (push (list (compilation--loc->line loc) (compilation--loc->col loc)
                            (compilation--message->type message))
                      found))))
          (forward-line 1))
        ;; Errors are type 2, notes type 0 (info); snippet lines are not messages.
        (should (equal (nreverse found)
                       '((11 31 2) (8 9 0) (14 25 2) (15 10 2) (4 1 0) (16 10 2) (14 3 0))))))))

(ert-deftest cjm-test-format ()
  (let ((messy "journey \"x\"\n      scale -2..2\npersona mia\nstage s\nstep a by mia\nfeel +1\n")
        (expected (with-temp-buffer
                    (insert "journey \"x\"\n      scale -2..2\npersona mia\nstage s\nstep a by mia\nfeel +1\n")
                    (call-process-region (point-min) (point-max) cjm-executable t t nil "fmt" "-")
                    (buffer-string))))
    (should (string-match-p "^  step a by mia\n    feel \\+1\n\\'" expected))
    (cjm-test-with-text messy
      (should (cjm-format-buffer))
      (should (equal (buffer-string) expected)))
    (cjm-test-with-text (concat messy "pain oops\n")
      (should-not (cjm-format-buffer))
      (should (equal (buffer-string) (concat messy "pain oops\n")))
      (with-current-buffer "*cjm fmt*"
        (should (string-match-p ":7:6: error: .*\\[syntax\\]" (buffer-string)))))))

(ert-deftest cjm-test-mode-setup ()
  (should (eq (assoc-default "journey.cjm" auto-mode-alist #'string-match) 'cjm-mode))
  (cjm-test-with-file "examples/smartphone.cjm"
    (should (derived-mode-p 'prog-mode))
    (should (equal comment-start "# "))
    (should (memq #'cjm-flymake flymake-diagnostic-functions))
    (should (string-match-p "check --color=never smartphone\\.cjm\\'" compile-command))))

(ert-deftest cjm-test-eglot ()
  ;; eglot is built in from Emacs 29; before, Debian's elpa-eglot has it.
  (unless (require 'eglot nil t)
    (if (equal (getenv "CI") "true")
        (ert-fail "eglot is not installed (scripts/deps.sh installs elpa-eglot)")
      (ert-skip "eglot is not installed")))
  (let ((entry (assoc 'cjm-mode eglot-server-programs)))
    (should entry)
    (should (equal (funcall (cdr entry)) (list cjm-executable "lsp"))))
  (cjm-test-with-file "examples/smartphone.cjm"
    (let ((contact (nth 3 (eglot--guess-contact))))
      (should (equal contact (list cjm-executable "lsp"))))))

;;; cjm-mode-tests.el ends here
