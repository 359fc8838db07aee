#!/usr/bin/env bash
# Builds the Debian package of cjm and tries it:
#
#   scripts/package.sh              # builds in build-package/, writes build-package/cjm_VERSION_ARCH.deb
#   scripts/package.sh BUILD_DIR
#
# Configures a Release build for the prefix /usr (without the tests),
# makes the package with CPack's DEB generator (Depends from the linked
# libraries, by dpkg-shlibdeps), then checks it: its fields, that it holds
# the binary, the standard library, the manual page (gzip -9n, as Debian
# policy wants) and the completions and nothing outside /usr, and,
# unpacked with `dpkg -x` into a temporary root, that its cjm run from
# elsewhere with CJM_STDLIB unset checks and renders the flagship example
# with the standard library it brought. As
# root, `dpkg --dry-run -i` also checks that it would install (its
# dependencies are met). Not part of CTest: it builds from scratch.
# Exit status: 0, or 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build-package}

die() {
  echo "package.sh: $*" >&2
  exit 1
}

scripts/deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DCJM_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >/dev/null) || die "cpack failed (see $build/_CPack_Packages)"
deb=$(ls "$build"/*.deb)
echo "package: $deb"

fields=$(dpkg-deb -f "$deb" Package Version Architecture Depends Recommends Section)
echo "$fields"
grep -q '^Package: cjm$' <<<"$fields" || die "the package is not called cjm"
for library in libgvc libcgraph libcairo2 libjansson libc6; do
  grep -q "^Depends:.*$library" <<<"$fields" || die "Depends does not name $library"
done

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
for file in /usr/bin/cjm /usr/share/cjm/stdlib/b2b.cjm /usr/share/man/man1/cjm.1.gz \
  /usr/share/bash-completion/completions/cjm /usr/share/zsh/vendor-completions/_cjm \
  /usr/share/fish/vendor_completions.d/cjm.fish; do
  grep -qxF "$file" <<<"$contents" || die "the package lacks $file"
done
outside=$(grep -v -e '^/$' -e '^/usr/' -e '^/usr$' <<<"$contents" || true)
[ -z "$outside" ] || die "files outside /usr: $outside"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$deb" "$tmp/root"
mkdir "$tmp/work"
cp examples/dx_b2b.cjm "$tmp/work/"
(
  cd "$tmp/work"
  unset CJM_STDLIB CJM_PATH
  cjm=$tmp/root/usr/bin/cjm
  "$cjm" --version
  "$cjm" check -Werror dx_b2b.cjm
  "$cjm" render dx_b2b.cjm -o map.svg
  "$cjm" render dx_b2b.cjm -T text --width 80 >grid.txt
  "$cjm" check --list=personas dx_b2b.cjm >personas.txt
  [ -s map.svg ] && [ -s grid.txt ] && [ -s personas.txt ] || exit 1
  # the standard library it names is the one it brought, not this tree's
  printf 'use "b2b"\njourney "J"\nchannel web "Other label"\n  owner "x"\n' >bad.cjm
  errors=$("$cjm" check bad.cjm 2>&1 || true)
  case $errors in *"$tmp/root/usr/share/cjm/stdlib/b2b.cjm"*) ;; *) echo "not the package's stdlib: $errors" >&2; exit 1 ;; esac
  case $errors in *"$root"*) echo "the source tree: $errors" >&2; exit 1 ;; esac
) || die "the unpacked cjm does not work"
# Debian policy: manual pages compressed with gzip -9, and nothing else there
page=$tmp/root/usr/share/man/man1/cjm.1.gz
gzip -t "$page" || die "cjm.1.gz is not gzip data"
[ "$(od -An -tu4 -j4 -N4 "$page" | tr -d ' ')" = 0 ] || die "cjm.1.gz has a time stamp (gzip -n)"
uncompressed=$(grep '/share/man/' <<<"$contents" | grep -v -e '/$' -e '\.gz$' || true)
[ -z "$uncompressed" ] || die "uncompressed manual pages: $uncompressed"
gzip -dc "$page" | cmp -s - docs/cjm.1 || die "cjm.1.gz is not docs/cjm.1"
man -l "$page" >/dev/null 2>&1 || gzip -dc "$page" | groff -man -Tutf8 -z ||
  die "the manual page does not format"
echo "unpacked into a temporary root: cjm checks and renders examples/dx_b2b.cjm with its own standard library"

if [ "$(id -u)" -eq 0 ]; then
  dpkg --dry-run -i "$deb" >/dev/null || die "dpkg --dry-run -i refuses it"
  echo "dpkg --dry-run -i: it would install"
fi
echo "package.sh: $deb is good"
