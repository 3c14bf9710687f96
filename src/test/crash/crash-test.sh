#!/usr/bin/env bash
# The crash test: runs `byok-studio --serve` on a new workspace, streams imports, reimports, deletions,
# aliases and tags at it through the AWS SDK for Java v2, kills it with SIGKILL at random moments,
# restarts it each time, and checks after every restart that each acknowledged operation is still there
# (dev.byokstudio.crash.CrashTest; CrashRecoveryTest runs a 5-kill version in the test suite).
# Ciphertexts are not checked yet: Encrypt/Decrypt are not served (extension point CrashTest.CiphertextCheck).
#
# Usage:   src/test/crash/crash-test.sh [CrashTest options...]
#          KILLS=300 SEED=1234 src/test/crash/crash-test.sh
#          src/test/crash/crash-test.sh --max-stream-ms 1000     (stream up to 1 s before each kill)
#
#   KILLS  how many SIGKILLs (default 100)
#   SEED   seed of the operation stream and of the kill moments (default: $RANDOM, printed)
#   KEEP   1 keeps the temporary workspace and server output even when nothing was lost
#   JAVA   the java to run (default: java on the PATH); the server runs on the same one
# Further arguments go to CrashTest: --min-stream-ms MS and --max-stream-ms MS (default 20 and 400) bound
# how long operations stream, from the first acknowledged one, before each kill.
#
# It builds nothing itself beyond compiling the tests when their classes are missing
# (./mvnw -q -o -B test-compile); build the application first if target/classes is stale.
# Needs Linux or macOS. Prints a progress line per kill and ends with the summary, e.g.
#   CRASH TEST: 100 kills, 2,345 acknowledged operations, 0 lost
# Exit status: the program's: 0 nothing lost, 1 acknowledged operations lost or changed (the findings are
# printed, and the workspace is kept), 2 the test could not run.
set -euo pipefail
cd "$(dirname "$0")/../../.."

KILLS="${KILLS:-100}"
SEED="${SEED:-$RANDOM}"
JAVA="${JAVA:-java}"

if [[ ! -f target/test-classes/dev/byokstudio/crash/CrashTest.class || ! -d target/classes ]]; then
    echo "crash-test.sh: compiling the tests (./mvnw -q -o -B test-compile)"
    ./mvnw -q -o -B test-compile
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/byok-crash-test.XXXXXX")"
cp_file="$work/classpath.txt"
./mvnw -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

started=$(date +%s)
status=0
# slf4j.internal.verbosity: the AWS SDK's SLF4J has no provider here, and need not say so.
"$JAVA" -Dslf4j.internal.verbosity=ERROR -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
    dev.byokstudio.crash.CrashTest --kills "$KILLS" --seed "$SEED" --workspace "$work/workspace" --logs "$work/logs" \
    "$@" || status=$?
elapsed=$(( $(date +%s) - started ))

if [[ $status -eq 0 && "${KEEP:-0}" != 1 ]]; then
    rm -rf "$work"
    echo "crash-test.sh: seed $SEED, ${elapsed} s"
else
    echo "crash-test.sh: seed $SEED, ${elapsed} s; workspace and server output kept in $work"
fi
exit "$status"
