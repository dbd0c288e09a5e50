#!/usr/bin/env bash
# Builds caviard's C library and checks the C interface:
#   1. tests/c/test_caviard.c statically linked with -fsanitize=address,undefined;
#   2. the same test dynamically linked (through the SONAME) under valgrind;
#   3. examples/redact.c, built and run under valgrind;
#   4. the example of README.md ("Using caviard from C"), built and run.
# Installs what it needs with apt-get when missing (CI runs as root on Debian).
# The PERSON-detector checks of the C test run by default (CAVIARD_TEST_PERSON=0 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

have cc || install gcc libc6-dev
have valgrind || install valgrind

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A compiler whose sanitizers link: gcc first, clang as a fallback.
printf 'int main(void) { return 0; }\n' >"$WORK/probe.c"
sanitizers_work() { "$1" -fsanitize=address,undefined "$WORK/probe.c" -o "$WORK/probe" 2>/dev/null && "$WORK/probe"; }
SAN_CC=cc
if ! sanitizers_work cc; then
    install libasan8 libubsan1 || install gcc || true
    if ! sanitizers_work cc; then
        have clang || install clang || true
        SAN_CC=clang
        sanitizers_work clang || { log "no compiler with working sanitizers"; exit 1; }
    fi
fi

log "cargo build --lib"
cargo build --lib --quiet
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || echo "$ROOT/target")
BUILD=$TARGET_DIR/debug
test -f "$BUILD/libcaviard.a" && test -f "$BUILD/libcaviard.so"

# The shared object is linked through its SONAME, as an installed library would be.
soname=$(readelf -d "$BUILD/libcaviard.so" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p' || true)
if have readelf; then
    [ "$soname" = "libcaviard.so.0" ] || { log "SONAME is '$soname', expected libcaviard.so.0"; exit 1; }
fi
mkdir -p "$WORK/lib"
cp "$BUILD/libcaviard.so" "$WORK/lib/libcaviard.so.0"
ln -s libcaviard.so.0 "$WORK/lib/libcaviard.so"

CFLAGS=(-std=c99 -g -Wall -Wextra -Werror -pedantic -I"$ROOT/include")
[ "${CAVIARD_TEST_PERSON:-1}" = 1 ] && CFLAGS+=(-DCAVIARD_TEST_PERSON=1)
STATIC_LIBS=(-lpthread -ldl -lm -lrt)
DYN=(-L"$WORK/lib" -lcaviard -Wl,-rpath,"$WORK/lib" -lpthread)
VALGRIND=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --num-callers=64 --suppressions=tests/c/valgrind.supp)

log "C test, static, AddressSanitizer + UBSan"
"$SAN_CC" "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer \
    -fno-sanitize-recover=undefined tests/c/test_caviard.c "$BUILD/libcaviard.a" \
    "${STATIC_LIBS[@]}" -o "$WORK/test_static"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 "$WORK/test_static"

log "C test, dynamic, valgrind"
cc "${CFLAGS[@]}" tests/c/test_caviard.c "${DYN[@]}" -o "$WORK/test_dynamic"
"${VALGRIND[@]}" "$WORK/test_dynamic"

log "examples/redact.c"
cc "${CFLAGS[@]}" examples/redact.c "${DYN[@]}" -o "$WORK/redact"
input='Mme Hélène Dupont écrit à helene.dupont@exemple.fr depuis Lyon.'
output=$(printf '%s\n' "$input" | "${VALGRIND[@]}" "$WORK/redact" -d 'Hélène Dupont')
case "$output" in
*Hélène* | *helene.dupont@* | '') log "redact leaked a value or printed nothing: $output"; exit 1 ;;
"Mme "*" écrit à "*" depuis Lyon.") ;;
*) log "redact changed the text around the values: $output"; exit 1 ;;
esac
status=0
printf 'ok \377\n' | "$WORK/redact" 2>"$WORK/err" >/dev/null || status=$?
[ "$status" = 2 ] && grep -q 'byte 3' "$WORK/err" || { log "redact: invalid UTF-8 gave status $status"; exit 1; }
echo "redact example: ok"

log "README.md C example"
awk '/^## Using caviard from C/{s=1} s && /^```c$/{p=1; next} p && /^```$/{exit} p' README.md >"$WORK/app.c"
test -s "$WORK/app.c"
cc "${CFLAGS[@]}" "$WORK/app.c" "${DYN[@]}" -o "$WORK/app"
"${VALGRIND[@]}" "$WORK/app" >"$WORK/app.out"
grep -q '^PERSON at bytes 4\.\.19 (UTF-16 4\.\.17)' "$WORK/app.out"
grep -q '^restored: *Mme Hélène Dupont' "$WORK/app.out"
echo "docs C example: ok"
