#!/usr/bin/env bash
# The git integration of `cjm diff` and `cjm fmt`, in a temporary
# repository:
#   git_review.sh CJM STDLIB PRE-COMMIT-HOOK
# 1. `*.cjm diff=cjm` in .gitattributes and diff.cjm.command = "cjm diff":
#    `git diff` of a changed journey shows the semantic diff (a/ b/ names,
#    a changed feel with its shift, an added step, a moved step, the
#    experience summary) and exits 0; a reformatted journey with new
#    comments shows "no change in meaning"; an added file diffs against
#    nothing; a renamed one shows both names; a broken one says so and git
#    goes on; `use` of a module next to the journey resolves for the old
#    side too (git's copy of it lives in a temporary directory).
# 2. diff.cjm.textconv = "cjm fmt --textconv": `git diff --no-ext-diff`
#    of a reformatting shows no line, of a real change the changed lines.
# 3. The pre-commit hook: refuses an unformatted and a broken journey,
#    accepts a formatted one, and checks the staged text, not the file;
#    a module changed or deleted is checked through every journey, never
#    alone (it may name what a sibling module declares).
set -u
cjm=$(realpath "$1")
stdlib=$(realpath "$2")
hook=$(realpath "$3")
export CJM_STDLIB=$stdlib NO_COLOR=1 GIT_PAGER=cat PAGER=cat
unset CJM_PATH GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null 2>&1 || fail "git not found: install it (scripts/deps.sh does)"
make_tmpdir cjm-git-test
cd "$tmp" || exit 2
keep_going
# expect_in OUTPUT TEXT: OUTPUT contains the line TEXT.
expect_in() {
  if ! grep -qxF -- "$2" <<<"$1"; then
    fail "expected the line '$2' in:"
    echo "$1" | sed 's/^/    | /'
  fi
}

git init -q -b main . || exit 2
echo '*.cjm diff=cjm' >.gitattributes
git config diff.cjm.command "$cjm diff"
mkdir -p maps
cat >maps/stages.cjm <<'EOF'
stage look "Look around"

stage buy "Buy"
EOF
cat >maps/shop.cjm <<'EOF'
# The shop journey
use "stages"

journey "Shop"

persona mia "Mia"

stage look
  step browse "Browses" by mia
    feel +1 "curious"

  step compare "Compares prices" by mia
    feel -1 "lost"

stage buy
  step pay "Pays" by mia
    feel 0
EOF
git add . && git commit -qm "first map" || exit 2

# ---- 1. the semantic diff -------------------------------------------------------
cat >maps/shop.cjm <<'EOF'
# The shop journey
use "stages"

journey "Shop"

persona mia "Mia"

stage look
  step compare "Compares prices" by mia
    feel +1 "helped"

  step browse "Browses" by mia
    feel +1 "curious"

  step ask "Asks the staff" by mia
    feel +2 "reassured"

stage buy
  step pay "Pays" by mia
    feel 0
EOF
out=$(git diff maps/shop.cjm)
status=$?
[ "$status" = 0 ] || fail "git diff exited $status"
expect_in "$out" "--- a/maps/shop.cjm"
expect_in "$out" "+++ b/maps/shop.cjm"
expect_in "$out" "  ~ step compare \"Compares prices\" (moved to the start of its stage)"
expect_in "$out" "      ~ feel mia -1 \"lost\" → +1 \"helped\" (+2)"
expect_in "$out" "  + step ask \"Asks the staff\""
expect_in "$out" "experience: mean feel, old → new"
git commit -qam "helped comparison" || exit 2

# Layout and comments only.
"$cjm" fmt maps/shop.cjm | sed 's/^# The shop journey$/# The shop journey, reformatted/' >maps/shop.tmp
mv maps/shop.tmp maps/shop.cjm
sed -i 's/^  step ask "Asks the staff" by mia$/  step ask "Asks the staff" by mia # new comment/' maps/shop.cjm
[ -n "$(git diff --no-ext-diff maps/shop.cjm)" ] || fail "the reformatting changed no line"
out=$(git diff maps/shop.cjm)
expect_in "$out" "  no change in meaning (layout and comments only)"
git commit -qam "comments" || exit 2

# A new file diffs against nothing; a rename shows both names.
printf 'persona ceo "CEO"\n  role "Signs every purchase above 5 million yen"\n  goal "Productivity gains he can show the board"\n  fear "Paying for licences nobody uses"\n' >maps/people.cjm
git add maps/people.cjm
out=$(git diff --cached)
expect_in "$out" "+++ b/maps/people.cjm"
expect_in "$out" "+ persona ceo \"CEO\""
git commit -qm "people" || exit 2
git mv maps/people.cjm maps/team.cjm
sed -i 's/^persona ceo "CEO"$/persona ceo "Chief executive"/' maps/team.cjm
git add maps/team.cjm
out=$(git diff --cached -M50%)
expect_in "$out" "--- a/maps/people.cjm"
expect_in "$out" "+++ b/maps/team.cjm"
expect_in "$out" "~ persona ceo \"Chief executive\" (was \"CEO\")"
git commit -qm "rename" || exit 2

# A broken journey: reported, and git goes on.
printf 'persona ceo "Chief executive\n' >maps/team.cjm
out=$(git diff 2>&1)
status=$?
[ "$status" = 0 ] || fail "git diff of a broken journey exited $status"
expect_in "$out" "cjm diff: cannot compare maps/team.cjm by meaning; 'git diff --no-ext-diff' shows its lines"
git checkout -q maps/team.cjm

# ---- 2. textconv -----------------------------------------------------------------------
git config --unset diff.cjm.command
git config diff.cjm.textconv "$cjm fmt --textconv"
sed -i 's/^    feel +1 "curious"$/    feel    1 "curious"   # spaced out/' maps/shop.cjm
out=$(git diff --no-ext-diff maps/shop.cjm)
expect_in "$out" "-    feel +1 \"curious\""
expect_in "$out" "+    feel +1 \"curious\" # spaced out"
git checkout -q maps/shop.cjm
sed -i 's/^    feel +1 "curious"$/      feel  +1   "curious"/' maps/shop.cjm
out=$(git diff --no-ext-diff maps/shop.cjm)
[ -z "$out" ] || fail "textconv: a reformatting shows lines: $out"
printf 'persona ceo "broken\n' >maps/team.cjm
out=$(git diff --no-ext-diff maps/team.cjm 2>.git/textconv.err)
expect_in "$out" "+persona ceo \"broken"
[ "$(wc -l <.git/textconv.err)" -le 1 ] || fail "textconv of a broken file wrote more than a line: $(cat .git/textconv.err)"
git checkout -q maps/

# ---- 3. the pre-commit hook --------------------------------------------------------------
cp "$hook" .git/hooks/pre-commit
export CJM=$cjm
printf 'channel web    "Web"\n' >maps/channels.cjm
git add maps/channels.cjm
if out=$(git commit -qm "unformatted" 2>&1); then fail "the hook let an unformatted journey through"; fi
expect_in "$out" "maps/channels.cjm:1: not in the canonical layout; 'cjm fmt -w' rewrites it"
"$cjm" fmt -w maps/channels.cjm
# Formatted in the work tree but not staged: the staged text is what counts.
if git commit -qm "still unformatted" 2>/dev/null; then fail "the hook read the work tree, not the index"; fi
git add maps/channels.cjm
git commit -qm "formatted" || fail "the hook refused a formatted journey"
printf 'journey "Board"\n\npersona ceo "CEO"\n\nstage look\n  step meet "Meets" by cfo\n' >maps/bad.cjm
git add maps/bad.cjm
if out=$(git commit -qm "unknown persona" 2>&1); then fail "the hook let a broken journey through"; fi
expect_in "$out" "maps/bad.cjm:6:24: error: unknown persona 'cfo' [unknown-ref]"
git rm -q --cached maps/bad.cjm
rm maps/bad.cjm
# A module change is checked through the journeys that use it: a step
# the module now declares clashes with shop.cjm's, which is not staged.
printf 'stage look "Look around"\n  step browse "Browses"\n\nstage buy "Buy"\n' >maps/stages.cjm
git add maps/stages.cjm
if out=$(git commit -qm "a clashing persona" 2>&1); then fail "the hook let a module break a journey"; fi
expect_in "$out" "maps/shop.cjm:12:8: error: step 'browse' is already declared [duplicate]"
git checkout -q HEAD -- maps/stages.cjm
# Moving mia into a module shop.cjm uses: fine as a whole; then the module
# loses her (staged alone, shop.cjm untouched), and then it is deleted.
printf 'persona mia "Mia"\n' >maps/common.cjm
sed -i 's/^use "stages"$/use "stages"\n\nuse "common"/; /^persona mia "Mia"$/d' maps/shop.cjm
"$cjm" fmt -w maps/shop.cjm
"$cjm" check maps/shop.cjm || fail "the test's shop.cjm with common.cjm does not check"
git add maps/common.cjm maps/shop.cjm
CJM_HOOK_CHECK=-Werror git commit -qm "mia in common" ||
  fail "the hook refused a module for what only its journey uses (-Werror)"
printf 'persona leo "Leo"\n' >maps/common.cjm
git add maps/common.cjm
if out=$(git commit -qm "no more mia" 2>&1); then fail "the hook let a module change break a journey using it"; fi
expect_in "$out" "maps/shop.cjm:8:37: error: unknown persona 'mia' [unknown-ref]"
git checkout -q HEAD -- maps/common.cjm
git rm -q maps/common.cjm
if out=$(git commit -qm "no common" 2>&1); then fail "the hook let a deleted module break a journey using it"; fi
expect_in "$out" "pre-commit: 'cjm check' found errors in the journeys as staged (above)"
git reset -q HEAD -- maps/common.cjm
git checkout -q -- maps/common.cjm
# A module may name what a sibling module of the same journey declares:
# it is not checked alone.
printf 'stage look "Look around"\n  step glance "Glances" by mia\n\nstage buy "Buy"\n' >maps/stages.cjm
printf 'use "common"\nuse "stages"\n\njourney "Glance"\n' >maps/glance.cjm
"$cjm" check maps/glance.cjm || fail "the test's glance.cjm does not check"
git add maps/stages.cjm maps/glance.cjm
git commit -qm "a step naming a sibling's persona" 2>&1 ||
  fail "the hook checked a module alone"

finish "git integration"
