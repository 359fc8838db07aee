#!/bin/sh
# cjm serve refuses what it must (docs/preview.md, "Security"), checked
# with curl against a server on 127.0.0.1 (and ::1 when the machine has
# it): only GET and HEAD; only /, /picture.svg and /events, never a file
# by its path; a Host header that does not name the server; requests from
# another site; no header allowing cross-origin access. Also: a bad --host
# is a usage error, and so are a bad --port, no file, two files and
# standard input; a port in use ends the second server (status 2); an
# address other than the loopback warns (checked with 192.0.2.1, a
# documentation address no machine has, so nothing is bound), a journey
# that never loaded has no picture (503) and its long state arrives whole,
# one whose map is over the budget of cells none either (500),
# and SIGTERM ends the server (status 0) even with an event stream open.
# Usage: refusals.sh CJM
set -u
cjm=$1
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || fail "curl is not installed (scripts/deps.sh installs it)"
make_tmpdir
cd "$tmp" || exit 1
printf '%s\n' 'journey "Refusals"' 'persona ann "Ann"' 'persona bob "Bob"' 'stage s "S"' \
  '  step a "A step" by ann' '  step b "B step" by bob' >j.cjm

# start_server OUT ARGS...: starts cjm serve, sets pid and url.
start_server() {
  out=$1
  shift
  "$cjm" serve "$@" >"$out.url" 2>"$out.log" &
  pid=$!
  pids="$pids $pid"
  has_url() { grep -q '^http://' "$out.url" 2>/dev/null; }
  wait_for 10 has_url || fail "no URL printed: $(cat "$out.log")"
  url=$(head -n 1 "$out.url")
}

start_server v4 j.cjm --port 0 --host 127.0.0.1
case $url in http://127.0.0.1:[0-9]*/) ;; *) fail "unexpected URL $url" ;; esac
hostport=${url#http://}
hostport=${hostport%/}
port=${hostport#*:}

# code ARGS...: the status code of a request (curl, 5 s at most).
code() { curl -s -o body -D headers -m 5 "$@" -w '%{http_code}'; }
expect() { # expect CODE WHAT ARGS...
  want=$1 what=$2
  shift 2
  got=$(code "$@")
  [ "$got" = "$want" ] || fail "$what: status $got, not $want"
  if grep -qi '^access-control-' headers; then fail "$what: a cross-origin header: $(cat headers)"; fi
}

# what is served
expect 200 "the page" "$url"
grep -qi '^content-type: text/html' headers || fail "the page is not text/html"
grep -qi "^content-security-policy: default-src 'none'" headers || fail "the page has no CSP"
grep -qi '^x-frame-options: DENY' headers || fail "the page may be framed"
expect 200 "HEAD of the page" -I "$url"
expect 200 "the map" "${url}picture.svg"
grep -q '<svg' body || fail "the map is no SVG"
grep -qi '^content-type: image/svg+xml' headers || fail "the map is not image/svg+xml"
expect 200 "the flow of bob" "${url}picture.svg?view=flow&persona=bob&theme=dark"
grep -q 'B step' body || fail "bob's flow lacks his step"
grep -q 'A step' body && fail "bob's flow has ann's step"
expect 400 "a bad view" "${url}picture.svg?view=cube"
expect 400 "a bad theme" "${url}picture.svg?theme=neon"
expect 404 "an unknown persona" "${url}picture.svg?persona=nobody"
expect 200 "the map named" "${url}picture.svg?view=map&theme=light"
grep -q 'A step' body && grep -q 'B step' body || fail "the map lacks a step"
expect 200 "empty arguments" "${url}picture.svg?view=&theme=&persona="
grep -q 'A step' body && grep -q 'B step' body || fail "the map of empty arguments lacks a step"
long=$(printf '%01025d' 0)
expect 400 "a persona of 1025 bytes" "${url}picture.svg?persona=$long"
grep -q 'persona too long' body || fail "no reason for the long persona: $(cat body)"
expect 404 "an unknown path" "${url}nothing"
grep -q 'this server has /, /picture.svg and /events' body || fail "no list of paths: $(cat body)"
expect 405 "POST to the events" -X POST "${url}events"
got=$(curl -s -N -m 2 "${url}events" | head -c 200)
case $got in *"event: state"*'"status":"ok"'*) ;; *) fail "no state on /events: $got" ;; esac
expect 200 "HEAD of /events" -I "${url}events"
grep -qi '^content-type: text/event-stream' headers || fail "/events is not text/event-stream"

# only GET and HEAD
for method in POST PUT DELETE PATCH OPTIONS TRACE; do
  expect 405 "$method" -X "$method" "$url"
  grep -qi '^allow: GET, HEAD' headers || fail "$method: no Allow: GET, HEAD"
done
expect 405 "POST with a body" --data 'x=1' "${url}picture.svg"

# nothing by path
for path in /../../../../etc/passwd /%2e%2e/%2e%2e/%2e%2e/etc/passwd /picture.svg/../../j.cjm /j.cjm \
  //etc/passwd /%2fetc%2fpasswd /events/../../j.cjm '/index.html' '/.%2e/j.cjm'; do
  got=$(code --path-as-is "http://$hostport$path")
  [ "$got" = 404 ] || [ "$got" = 400 ] || fail "$path: status $got, not 404"
  if grep -q 'root:\|journey "Refusals"' body; then fail "$path served a file"; fi
done

# the Host header must name this server (DNS rebinding)
expect 403 "Host of another name" -H "Host: attacker.example:$port" "$url"
expect 403 "Host of another name, picture" -H "Host: attacker.example:$port" "${url}picture.svg"
expect 403 "Host of another name, events" -H "Host: attacker.example" "${url}events"
expect 403 "Host with another port" -H "Host: 127.0.0.1:1" "$url"
expect 403 "Host of another address" -H "Host: 127.0.0.2:$port" "$url"
expect 403 "no Host" -H "Host:" "$url"
expect 403 "no Host, HTTP/1.0" -0 -H "Host:" "$url"
# two Host headers (curl sends one: a raw request through python3)
if command -v python3 >/dev/null 2>&1; then
  got=$(python3 -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(("GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nHost: attacker.example\r\nConnection: close\r\n\r\n" % sys.argv[1]).encode())
print(s.recv(12).decode())' "$port")
  [ "$got" = "HTTP/1.1 403" ] || fail "two Host headers: $got, not 403"
  got=$(python3 -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n")
print(s.recv(12).decode())' "$port")
  [ "$got" = "HTTP/1.1 403" ] || fail "an empty Host header: $got, not 403"
fi
expect 200 "Host localhost" -H "Host: localhost:$port" "$url"
expect 403 "Host of IPv6 loopback on IPv4" -H "Host: [::1]:$port" "$url"
expect 403 "Host [::1] without a port" -H "Host: [::1]" "$url"
expect 403 "Host with an unclosed bracket" -H "Host: [::1:$port" "$url"
expect 403 "Host with text after the bracket" -H "Host: [::1]x:$port" "$url"
expect 403 "Host of IPv6 without brackets" -H "Host: ::1:$port" "$url"
expect 403 "Host with an empty port" -H "Host: 127.0.0.1:" "$url"
expect 403 "Host with a port of six digits" -H "Host: 127.0.0.1:123456" "$url"
expect 403 "Host with a port not a number" -H "Host: 127.0.0.1:8a" "$url"
expect 403 "Host without the port" -H "Host: 127.0.0.1" "$url"
expect 403 "Host of a long name" \
  -H "Host: a-very-long-name-of-a-host-that-is-no-address.example.org:$port" "$url"

# no cross-origin access
expect 403 "a request from another origin" -H "Origin: http://attacker.example" "${url}picture.svg"
expect 403 "another origin, events" -H "Origin: http://attacker.example" "${url}events"
expect 403 "another port of this host" -H "Origin: http://127.0.0.1:1" "${url}picture.svg"
expect 200 "the page's own origin" -H "Origin: http://$hostport" "${url}picture.svg"
expect 403 "a cross-site fetch" -H "Sec-Fetch-Site: cross-site" -H "Sec-Fetch-Mode: no-cors" "${url}picture.svg"
expect 200 "a link followed to the page" -H "Sec-Fetch-Site: cross-site" -H "Sec-Fetch-Mode: navigate" "$url"
expect 403 "the page's origin over https" -H "Origin: https://$hostport" "${url}picture.svg"
expect 403 "a cross-site request of no mode" -H "Sec-Fetch-Site: cross-site" "$url"
expect 403 "a link followed to the picture" -H "Sec-Fetch-Site: cross-site" -H "Sec-Fetch-Mode: navigate" \
  "${url}picture.svg"
expect 403 "another port of this host (same-site)" -H "Sec-Fetch-Site: same-site" "${url}events"
expect 200 "a fetch of the page's own" -H "Sec-Fetch-Site: same-origin" "${url}picture.svg"
expect 200 "an address typed by the user" -H "Sec-Fetch-Site: none" "$url"

# SIGTERM ends it, with an event stream open
curl -s -N -m 20 "${url}events" >/dev/null 2>&1 &
sleep 0.5
stop_process "$pid"
status=$?
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM, not 0"

# IPv6 loopback, when the machine has it
if [ -f /proc/net/if_inet6 ] && grep -q '00000000000000000000000000000001' /proc/net/if_inet6; then
  start_server v6 j.cjm --port 0 --host ::1
  case $url in http://\[::1\]:[0-9]*/) ;; *) fail "unexpected IPv6 URL $url" ;; esac
  expect 200 "the page on ::1" -g "$url"
  expect 403 "Host 127.0.0.1 on ::1" -g -H "Host: 127.0.0.1:${url##*:}" "$url"
  stop_process "$pid" || fail "the IPv6 server did not exit 0"
fi

# --port, and the files served
for bad in '' 12x -1 65536; do
  "$cjm" serve j.cjm --port "$bad" 2>err
  [ $? -eq 2 ] || fail "--port '$bad': not a usage error"
  grep -q "cjm serve: --port takes a port number from 0 (any free port) to 65535, not '$bad'" err ||
    fail "--port '$bad': $(cat err)"
done
"$cjm" serve 2>err
[ $? -eq 2 ] || fail "no file: not a usage error"
grep -q 'cjm serve: no file to serve' err || fail "no file: $(cat err)"
"$cjm" serve j.cjm j.cjm 2>err
[ $? -eq 2 ] || fail "two files: not a usage error"
grep -q 'cjm serve: serves one file at a time' err || fail "two files: $(cat err)"
"$cjm" serve - </dev/null 2>err
[ $? -eq 2 ] || fail "standard input: not a usage error"
grep -q 'cjm serve: cannot serve standard input' err || fail "standard input: $(cat err)"
# a port in use: the second server says so and ends (status 2)
start_server first j.cjm --port 0 --host 127.0.0.1
used=${url##*:}
used=${used%/}
"$cjm" serve j.cjm --port "$used" --host 127.0.0.1 >url2 2>err
[ $? -eq 2 ] || fail "a port in use: not status 2"
grep -q "cjm serve: cannot listen on 127.0.0.1 port $used: " err || fail "a port in use: $(cat err)"
[ -s url2 ] && fail "a URL printed for a port in use: $(cat url2)"
stop_process "$pid" || fail "exit status after SIGTERM not 0"

# --host
"$cjm" serve j.cjm --host attacker.example 2>err
[ $? -eq 2 ] || fail "--host with a name: not a usage error"
"$cjm" serve j.cjm --port 0 --host 192.0.2.1 >/dev/null 2>err &
p=$!
pids="$pids $p"
gone() { ! kill -0 "$p" 2>/dev/null; }
wait_for 10 gone || kill -TERM "$p"
grep -q 'warning: listening on 192.0.2.1, not on the loopback' err || fail "no warning for --host 192.0.2.1: $(cat err)"
"$cjm" serve j.cjm --port 0 --host 127.0.0.1 >url3 2>err &
p=$!
pids="$pids $p"
has_url3() { grep -q '^http://' url3 2>/dev/null; }
wait_for 10 has_url3 || fail "no URL for 127.0.0.1"
grep -q 'warning: listening' err && fail "a warning for the loopback: $(cat err)"
stop_process "$p" || fail "exit status after SIGTERM not 0"

# a journey that never loaded: the page says so, there is no picture yet
# (with 300 long errors, its state is longer than the buffer libmicrohttpd
# hands the stream at each call: it arrives whole all the same)
{
  printf 'journey "Broken"\nstage s "S"\n'
  n=1
  while [ "$n" -le 300 ]; do
    printf '  step s%s "A step with a label long enough to make the state of the page long" by nobody%s\n' "$n" "$n"
    n=$((n + 1))
  done
} >broken.cjm
start_server broken broken.cjm --port 0 --max-errors 0
expect 503 "the picture of a journey that never loaded" "${url}picture.svg"
got=$(curl -s -N -m 2 "${url}events" | head -c 400000)
case $got in *'"status":"errors"'*'"picture":0'*) ;; *) fail "no errors state on /events: $got" ;; esac
[ "${#got}" -gt 65536 ] || fail "the state is not longer than 64 KiB (${#got} bytes): the test misses its aim"
case $got in *"unknown persona 'nobody300'"*) ;; *) fail "the state lacks the last error: $got" ;; esac
grep -q 'broken.cjm has errors; the page keeps the last good picture' broken.log ||
  fail "no line saying the page keeps the picture: $(cat broken.log)"
stop_process "$pid" || fail "exit status after SIGTERM not 0"
# a journey whose map is over the budget of cells: 500, and the reason in the log
awk 'BEGIN { print "journey \"Wide\""; for (i = 0; i < 3200; i++) print "persona p" i
             for (i = 0; i < 1600; i++) { print "stage s" i; print "  step t" i } }' >wide.cjm
start_server wide wide.cjm --port 0 -Wno-unused
expect 500 "the map of a journey over the budget" "${url}picture.svg"
grep -q 'the picture could not be drawn' body || fail "no reason for the 500: $(cat body)"
grep -q 'error: the map would have 10,268,800 cells' wide.log || fail "the log lacks the reason: $(cat wide.log)"
stop_process "$pid" || fail "exit status after SIGTERM not 0"
for f in *.log; do
  if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$f"; then fail "sanitizer report: $(cat "$f")"; fi
done
echo "$test_name: ok"
