#!/usr/bin/env bash
# Checks an installed BYOK Studio command the way a person at a terminal uses it, on Linux, macOS and Windows
# (Git Bash). packaging/check-deb.sh runs it on the installed .deb; the installers workflow runs it on each
# runner after installing that runner's .deb, .msi or .dmg.
#
#   packaging/check-command.sh COMMAND
#     Linux:   /usr/bin/byok-studio
#     macOS:   /Applications/byok-studio.app/Contents/MacOS/byok-studio
#     Windows: "/c/Program Files/byok-studio/byok-studio-cli.exe"
#
# Checks: --version; --help names COMMAND; the start-up archive is used where it is installed (the JVM is told
# to refuse to start without it); check-material's exit status 0 for 32 bytes of AES material and 1 for 31;
# --serve listens and, where an AWS CLI is found (AWS=path, else /usr/bin/aws, else aws on PATH), answers
# create-key and list-keys. No display needed. Exit status 0 when every check passed. Written for bash 3.2 too
# (macOS's /bin/bash).
set -euo pipefail
CMD=${1:?usage: check-command.sh COMMAND}

ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW* | MSYS* | CYGWIN*) OS=windows ;;
  *) fail "unsupported OS: $(uname -s)" ;;
esac
[ -x "$CMD" ] || fail "no such command: $CMD"
case $CMD in /*) ;; *) CMD=$PWD/$CMD ;; esac # the archive check runs it from another directory
# A path as the command (a native program on Windows) and the AWS CLI take it.
native() { if [ $OS = windows ]; then cygpath -m "$1"; else printf '%s' "$1"; fi; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/byok-command.XXXXXX")
SERVE_PID=''
cleanup() {
  [ -z "$SERVE_PID" ] || kill "$SERVE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step "$CMD --version and --help"
version=$("$CMD" --version 2>/dev/null | tr -d '\r')
case $version in "BYOK Studio "*) ok "$version" ;; *) fail "--version printed '$version'" ;; esac
expected=$(basename "$CMD"); expected=${expected%.exe}
usage=$("$CMD" --help 2>/dev/null | head -1 | tr -d '\r')
case $usage in "Usage: $expected "*) ok "--help: $usage" ;; *) fail "--help does not name $expected: '$usage'" ;; esac

step "the start-up archive, from where it is installed"
# Linux: the runtime's default archive and the one on top (-Xshare:on); Windows and macOS: the AOT cache
# (-XX:AOTMode=on). Either way the JVM stops with an error rather than start without them.
if [ $OS = linux ]; then strict=-Xshare:on; else strict=-XX:AOTMode=on; fi
(cd "$WORK" && JAVA_TOOL_OPTIONS="$strict -Xlog:class+load=info:file=classes.log" "$CMD" --version >archive.out 2>&1) \
  || { cat "$WORK/archive.out"; fail "with $strict the JVM did not start: the installed archive cannot be used"; }
grep -q 'dev.byokstudio.app.Main source: shared objects file' "$WORK/classes.log" \
  || { grep 'dev.byokstudio' "$WORK/classes.log" | head -3; fail "Main was not loaded from the archive"; }
ok "$strict: started, Main from the archive; $(grep -c 'source: shared objects file' "$WORK/classes.log") classes from archives"

step "check-material"
head -c 32 /dev/urandom >"$WORK/material.bin"
"$CMD" check-material "$(native "$WORK/material.bin")" --key-spec SYMMETRIC_DEFAULT >"$WORK/check.out" 2>&1 \
  || { cat "$WORK/check.out"; fail "check-material refused 32 random bytes for SYMMETRIC_DEFAULT"; }
ok "32 bytes for SYMMETRIC_DEFAULT: exit 0, $(grep -m1 -i 'import' "$WORK/check.out" | tr -d '\r' | cut -c1-80)"
head -c 31 /dev/urandom >"$WORK/short.bin"
rc=0; "$CMD" check-material "$(native "$WORK/short.bin")" --key-spec SYMMETRIC_DEFAULT >"$WORK/short.out" 2>&1 || rc=$?
[ $rc = 1 ] || { cat "$WORK/short.out"; fail "check-material gave exit $rc for 31 bytes (expected 1)"; }
ok "31 bytes for SYMMETRIC_DEFAULT: exit 1, refused"

step "--serve"
"$CMD" --serve --port 0 --workspace "$(native "$WORK/serve-workspace")" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
url=''
for _ in $(seq 300); do
  url=$(sed -n 's/.*Listening on \(http[^ ]*\).*/\1/p' "$WORK/serve.log" | tr -d '\r' | head -1)
  [ -n "$url" ] && break
  kill -0 $SERVE_PID 2>/dev/null || { cat "$WORK/serve.log"; fail "--serve exited"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$WORK/serve.log"; fail "--serve did not listen within 30 s"; }
ok "$(grep -m1 'Listening on' "$WORK/serve.log" | tr -d '\r')"
AWS=${AWS:-$( [ -x /usr/bin/aws ] && echo /usr/bin/aws || command -v aws || true)}
if [ -n "$AWS" ]; then
  : >"$WORK/aws-config"
  export AWS_SHARED_CREDENTIALS_FILE AWS_CONFIG_FILE
  AWS_SHARED_CREDENTIALS_FILE=$(native "$WORK/serve-workspace/credentials")
  AWS_CONFIG_FILE=$(native "$WORK/aws-config")
  key=$("$AWS" --region us-east-1 --endpoint-url "$url" kms create-key --origin EXTERNAL \
    --query KeyMetadata.KeyId --output text | tr -d '\r')
  ok "aws kms create-key --origin EXTERNAL: $key"
  "$AWS" --region us-east-1 --endpoint-url "$url" kms list-keys --output json >"$WORK/list-keys.json"
  grep -q "\"KeyId\": \"$key\"" "$WORK/list-keys.json" || { cat "$WORK/list-keys.json"; fail "list-keys does not list $key"; }
  ok "aws kms list-keys: $(grep -c '"KeyId"' "$WORK/list-keys.json") key(s), $key among them"
else
  echo "note: no AWS CLI found: --serve checked as far as listening"
fi
kill -TERM $SERVE_PID
status=0; wait $SERVE_PID || status=$?
SERVE_PID=''
ok "--serve stopped on SIGTERM (exit status $status)"

printf '\nAll command checks passed.\n'
