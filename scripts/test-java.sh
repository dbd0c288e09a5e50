#!/usr/bin/env bash
# Builds caviard's C library and the Java (JNA) binding, then runs, under LANG=C LC_ALL=C
# (a non-UTF-8 default charset, on purpose), the binding's test program and the example
# of README.md ("Using caviard from Java").
# Installs what it needs with apt-get when missing (CI runs as root on Debian).
# The PERSON-detector checks run by default (CAVIARD_TEST_PERSON=0 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

JNA=${JNA_JAR:-/usr/share/java/jna.jar}
[ -f "$JNA" ] || install libjna-java
if ! have javac || ! have java; then
    install default-jdk-headless || install openjdk-17-jdk-headless
fi
[ -f "$JNA" ] || { log "JNA not found at $JNA"; exit 1; }

log "cargo build --lib"
cargo build --lib --quiet
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || echo "$ROOT/target")
LIB=$TARGET_DIR/debug/libcaviard.so
test -f "$LIB"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/classes" "$WORK/app"

log "javac --release 8"
javac --release 8 -Xlint:all -Werror -encoding UTF-8 -cp "$JNA" -d "$WORK/classes" \
    bindings/java/src/fr/caviard/*.java bindings/java/test/fr/caviard/CaviardTest.java

PERSON=false
[ "${CAVIARD_TEST_PERSON:-1}" = 1 ] && PERSON=true
CP="$WORK/classes:$JNA"

log "Java test under LANG=C LC_ALL=C"
LANG=C LC_ALL=C java -Dcaviard.library="$LIB" -Dcaviard.test.person=$PERSON -cp "$CP" \
    fr.caviard.CaviardTest

log "README.md Java example"
awk '/^## Using caviard from Java/{s=1} s && /^```java$/{p=1; next} p && /^```$/{exit} p' \
    README.md >"$WORK/app/App.java"
test -s "$WORK/app/App.java"
javac --release 8 -Xlint:all -Werror -encoding UTF-8 -cp "$CP" -d "$WORK/app" "$WORK/app/App.java"
LANG=C LC_ALL=C java -Dcaviard.library="$LIB" -cp "$WORK/app:$CP" App >"$WORK/app.out"
cat "$WORK/app.out"
grep -q '^PERSON at 4\.\.17, confidence 1000, by deny-list' "$WORK/app.out"
grep -q '^EMAIL at 19\.\.43' "$WORK/app.out"
grep -q '^restored: true$' "$WORK/app.out"
echo "docs Java example: ok"
