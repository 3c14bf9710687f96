#!/usr/bin/env bash
# Time to BYOK Studio's main window against a minimal JavaFX window started the same way, both measured in
# one run under one Xvfb server. Target (issue 9): BYOK Studio's median at most 1.3 x the baseline's.
#
#   packaging/startup/measure.sh --jar target/byok-studio.jar [--cds]    # development: java -jar, the system JDK
#   packaging/startup/measure.sh --installed /opt/byok-studio            # after apt-get install: the jpackage launcher
#
# Options:
#   --runs N            measured starts of each (default 10), after --warmup N unrecorded ones of each (default 2)
#   --cds               (--jar) make a dynamic AppCDS archive for the application and one for the baseline, each by a
#                       training run of its own (-XX:ArchiveClassesAtExit), and start both with it
#   --java-options STR  more JVM options, given to both
#   --gate existing|new|both   which ratio must be within the target for exit status 0 (default existing)
#   --work DIR          keep the archives, logs and per-run figures there (default: a temporary directory, removed)
#
# Method: each start is timed from just before the process is launched until the process prints its
# "... main window shown" line, which both print from Platform.runLater right after stage.show() (DesktopApp and
# MinimalWindow, -Dbyok-studio.exitWhenShown=true); BYOK Studio then fills the window with its views once the
# workspace is open and prints "... main window ready", also reported, and both exit. Starts alternate: baseline, BYOK Studio on an
# existing workspace (made by the warm-up runs), BYOK Studio on a new throwaway workspace (a first launch, which
# creates it). The warm-up runs fill the OS file cache. Exit status: 0 within the target, 1 over it, 2 usage or failure.
set -euo pipefail

TARGET_RATIO=1.3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

mode="" ; subject="" ; runs=10 ; warmup=2 ; cds=false ; extra_opts="" ; gate=existing ; work="" ; inner=false
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) mode=jar; subject=$2; shift 2 ;;
        --installed) mode=installed; subject=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --cds) cds=true; shift ;;
        --java-options) extra_opts=$2; shift 2 ;;
        --gate) gate=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --inner) inner=true; shift ;;
        -h|--help) usage ;;
        *) echo "measure.sh: unknown option $1" >&2; usage ;;
    esac
done
[ -n "$mode" ] || usage
case "$gate" in existing|new|both) ;; *) usage ;; esac

# Everything runs under one Xvfb server: start it, then run this script again inside it.
if [ "$inner" = false ]; then
    command -v xvfb-run >/dev/null || { echo "measure.sh: needs xvfb-run (apt-get install -y xvfb)" >&2; exit 2; }
    keep_work=true
    if [ -z "$work" ]; then work=$(mktemp -d /tmp/byok-startup.XXXXXX); keep_work=false; fi
    mkdir -p "$work"
    status=0
    xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0" --inner --work "$work" \
        $( [ "$mode" = jar ] && echo --jar || echo --installed ) "$subject" --runs "$runs" --warmup "$warmup" \
        $( [ "$cds" = true ] && echo --cds ) --gate "$gate" ${extra_opts:+--java-options "$extra_opts"} || status=$?
    if [ "$keep_work" = false ]; then rm -rf "$work"; else echo "Logs and figures kept in $work"; fi
    exit $status
fi

say() { printf '%s\n' "$*"; }
fail() { echo "measure.sh: $*" >&2; exit 2; }
read -r -a extra <<<"$extra_opts"

# ------------------------------------------------------------------ how each is started
base_dir=$work/baseline
to=(timeout 120)   # no start may hang the measurement
mkdir -p "$base_dir"
app_env=() ; base_env=()
archive_note="none"
if [ "$mode" = jar ]; then
    [ -f "$subject" ] || fail "no jar at $subject (build it: ./mvnw -q -B -DskipTests package)"
    jar=$(cd "$(dirname "$subject")" && pwd)/$(basename "$subject")
    java=${JAVA_HOME:+$JAVA_HOME/bin/}java
    javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
    fx_jars=$(ls "$(dirname "$jar")"/lib/javafx-*.jar 2>/dev/null | tr '\n' ':')
    [ -n "$fx_jars" ] || fail "no JavaFX jars beside the jar in $(dirname "$jar")/lib"
    opts=(-Dbyok-studio.exitWhenShown=true "${extra[@]}")
    app_opts=("${opts[@]}") ; base_opts=("${opts[@]}")
    if [ "$cds" = true ]; then
        app_opts+=(-XX:SharedArchiveFile="$work/app.jsa") ; base_opts+=(-XX:SharedArchiveFile="$work/baseline.jsa")
        archive_note="dynamic AppCDS archives made by this run (-XX:ArchiveClassesAtExit), one for each"
    fi
    app_cmd() { "${to[@]}" "$java" "${app_opts[@]}" -jar "$jar" --workspace "$1"; }
    base_cmd() { "${to[@]}" "$java" "${base_opts[@]}" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow; }
    app_train() { "${to[@]}" "$java" "${opts[@]}" -XX:ArchiveClassesAtExit="$work/app.jsa" -jar "$jar" --workspace "$1"; }
    base_train() { "${to[@]}" "$java" "${opts[@]}" -XX:ArchiveClassesAtExit="$work/baseline.jsa" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow; }
    describe_app="$java ${app_opts[*]} -jar $jar --workspace DIR"
    describe_base="$java ${base_opts[*]} -cp <baseline>:<the jar's JavaFX jars> MinimalWindow"
else
    dir=$(cd "$subject" && pwd) || fail "no installation at $subject"
    # The command people run (the desktop entry's Exec): /usr/bin/<name> when the package installed one.
    launcher=$(ls "$dir"/bin/* 2>/dev/null | head -n1)
    [ -x "/usr/bin/$(basename "$launcher")" ] && launcher=/usr/bin/$(basename "$launcher")
    cfg=$(ls "$dir"/lib/app/*.cfg 2>/dev/null | head -n1)
    java=$dir/lib/runtime/bin/java
    [ -x "$launcher" ] && [ -f "$cfg" ] && [ -x "$java" ] || fail "$dir is not a jpackage installation (bin/, lib/app/*.cfg, lib/runtime)"
    appdir=$dir/lib/app
    # The launcher's own JVM options, as the .cfg gives them; the baseline gets the same, except the application's
    # archive, for which it gets one of its own made the same way.
    cfg_opts=() ; app_archive=""
    while IFS= read -r o; do
        o=${o//\$APPDIR/$appdir}; o=${o//\$ROOTDIR/$dir}
        case "$o" in
            -XX:SharedArchiveFile=*|-XX:AOTCache=*) app_archive=$o ;;
            *) cfg_opts+=("$o") ;;
        esac
    done < <(sed -n 's/^java-options=//p' "$cfg")
    fx_jars=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s#\$APPDIR#$appdir#g" | grep '/javafx-[^/]*\.jar$' | tr '\n' ':' || true)
    javac=$(command -v javac) || fail "needs a JDK's javac to compile the baseline"
    # JAVA_TOOL_OPTIONS reaches the JVM behind the jpackage launcher; both get it the same way.
    app_env=(env JAVA_TOOL_OPTIONS="-Dbyok-studio.exitWhenShown=true ${extra_opts}")
    base_env=("${app_env[@]}")
    base_opts=("${cfg_opts[@]}")
    # The baseline gets the best archive its runtime can make of it: an AOT cache of everything it loads (all of which
    # its window needs) where the runtime has AOT caches (JDK 25), else a dynamic AppCDS archive.
    if [ -n "$app_archive" ]; then
        if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
            base_opts+=(-XX:AOTCache="$work/baseline.aot"); base_train_opt=-XX:AOTCacheOutput="$work/baseline.aot"
            base_archive="an AOT cache made by this run"
        else
            base_opts+=(-XX:SharedArchiveFile="$work/baseline.jsa"); base_train_opt=-XX:ArchiveClassesAtExit="$work/baseline.jsa"
            base_archive="a dynamic AppCDS archive made by this run"
        fi
        case "$app_archive" in
            -XX:AOTCache=*) archive_note="the installation's AOT cache (${app_archive#*=})" ;;
            *) if [ -f "$dir/lib/runtime/lib/server/classes.jsa" ]; then
                   archive_note="the installation's archives: its runtime's default CDS archive, the first window's AOT cache, and ${app_archive#*=} on top of it for the rest"
               else
                   archive_note="the installation's CDS archive (${app_archive#*=})"
               fi ;;
        esac
        archive_note="$archive_note; the baseline: $base_archive"
    fi
    app_cmd() { "${to[@]}" "${app_env[@]}" "$launcher" --workspace "$1"; }
    base_cmd() { "${to[@]}" "${base_env[@]}" "$java" "${base_opts[@]}" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow; }
    base_train() { "${to[@]}" "${base_env[@]}" "$java" "${cfg_opts[@]}" "$base_train_opt" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow; }
    describe_app="JAVA_TOOL_OPTIONS=-Dbyok-studio.exitWhenShown=true $launcher --workspace DIR (JVM options from $cfg: ${cfg_opts[*]} $app_archive)"
    describe_base="$java ${base_opts[*]} -cp <baseline>:${fx_jars:-<JavaFX in the runtime image>} MinimalWindow"
fi

# The baseline is compiled against the same JavaFX API, for the oldest runtime it may meet.
javac=$(command -v "$javac") || fail "needs a JDK's javac to compile the baseline"
compile_cp=$fx_jars
[ -n "$compile_cp" ] || compile_cp=$(ls ~/.m2/repository/org/openjfx/javafx-*/*/javafx-*-linux.jar 2>/dev/null | tr '\n' ':')
"$javac" -nowarn --release 17 -cp "$compile_cp" -d "$base_dir/classes" "$here/MinimalWindow.java" \
    || fail "cannot compile MinimalWindow.java"
# In a jar, as the application is: a class-data archive takes no directories on the class path.
"$(dirname "$(readlink -f "$javac")")/jar" --create --file "$base_dir/minimal-window.jar" -C "$base_dir/classes" . \
    || fail "cannot make the baseline's jar"

# ------------------------------------------------------------------ one timed start
# Prints the milliseconds from launch to the "main window shown" line and to the "main window ready" line (BYOK
# Studio's views in place; the baseline has none, so its ready is its shown); fails if the window never shows.
time_start() { # label log command...
    local label=$1 log=$2; shift 2
    local t0 t1="" t2="" line
    t0=$EPOCHREALTIME
    while IFS= read -r line; do
        if [ -z "$t1" ] && [[ $line == *"main window shown"* ]]; then t1=$EPOCHREALTIME; fi
        if [ -z "$t2" ] && [[ $line == *"main window ready"* ]]; then t2=$EPOCHREALTIME; fi
        printf '%s\n' "$line" >>"$log"
    done < <("$@" 2>>"$log")
    [ -n "$t1" ] || { echo "measure.sh: $label never showed its window; see $log" >&2; tail -n 20 "$log" >&2; exit 2; }
    [ -n "$t2" ] || t2=$t1
    awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.0f %.0f\n", (b - a) * 1000, (c - a) * 1000 }'
}

existing_ws=$work/workspace-existing
fresh_ws() { local d; d=$(mktemp -d "$work/ws-new.XXXXXX"); rmdir "$d"; echo "$d"; }

say "== BYOK Studio start-up: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "java: $("$java" -version 2>&1 | sed -n 2p)"
say "BYOK Studio: $describe_app"
say "baseline:    $describe_base"

if [ "$cds" = true ] || [ -n "${base_train_opt:-}" ]; then
    say "making the archives (training runs) ..."
    if [ "$mode" = jar ]; then
        time_start "training BYOK Studio" "$work/train-app.log" app_train "$(fresh_ws)" >/dev/null
    fi
    time_start "training the baseline" "$work/train-baseline.log" base_train >/dev/null
fi
say "archive: $archive_note"

for ((i = 1; i <= warmup; i++)); do
    time_start baseline "$work/warmup.log" base_cmd >/dev/null
    time_start "BYOK Studio" "$work/warmup.log" app_cmd "$existing_ws" >/dev/null
    time_start "BYOK Studio" "$work/warmup.log" app_cmd "$(fresh_ws)" >/dev/null
done

: >"$work/runs.tsv"
for ((i = 1; i <= runs; i++)); do
    read -r b _ <<<"$(time_start baseline "$work/runs.log" base_cmd)"
    read -r e er <<<"$(time_start "BYOK Studio" "$work/runs.log" app_cmd "$existing_ws")"
    read -r n nr <<<"$(time_start "BYOK Studio" "$work/runs.log" app_cmd "$(fresh_ws)")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$b" "$e" "$n" "$er" "$nr" >>"$work/runs.tsv"
    printf '  run %2d: baseline %5s ms   existing workspace %5s ms (ready %5s)   new workspace %5s ms (ready %5s)\n' \
        "$i" "$b" "$e" "$er" "$n" "$nr"
done
rm -rf "$work"/ws-new.*

# ------------------------------------------------------------------ what loaded, from the archive or not
# One more start of each with class loading logged: how many classes, and how many came from a CDS archive.
class_note() { # label log command...
    local label=$1 log=$2; shift 2
    "$@" >/dev/null 2>&1 || true
    local all shared
    all=$(grep -c ' source: ' "$log" || true)
    shared=$(grep -c 'source: shared objects file' "$log" || true)
    say "$label: $all classes loaded, $shared of them from CDS archives"
}
if [ "$mode" = jar ]; then
    class_note "BYOK Studio (existing workspace)" "$work/classes-app.log" \
        "$java" "${app_opts[@]}" -Xlog:class+load:file="$work/classes-app.log" -jar "$jar" --workspace "$existing_ws"
    class_note "baseline" "$work/classes-baseline.log" \
        "$java" "${base_opts[@]}" -Xlog:class+load:file="$work/classes-baseline.log" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow
else
    class_note "BYOK Studio (existing workspace)" "$work/classes-app.log" env JAVA_TOOL_OPTIONS="-Dbyok-studio.exitWhenShown=true -Xlog:class+load:file=$work/classes-app.log ${extra_opts}" "$launcher" --workspace "$existing_ws"
    class_note "baseline" "$work/classes-baseline.log" env JAVA_TOOL_OPTIONS="-Dbyok-studio.exitWhenShown=true -Xlog:class+load:file=$work/classes-baseline.log ${extra_opts}" \
        "$java" "${base_opts[@]}" -cp "$base_dir/minimal-window.jar:$fx_jars" MinimalWindow
fi

# ------------------------------------------------------------------ figures
stats() { # column -> "median p90"
    cut -f"$1" "$work/runs.tsv" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = int(0.9 * NR); if (p < 0.9 * NR) p++
        printf "%.0f %.0f\n", m, v[p] }'
}
read -r b_med b_p90 <<<"$(stats 2)"
read -r e_med e_p90 <<<"$(stats 3)"
read -r n_med n_p90 <<<"$(stats 4)"
read -r er_med er_p90 <<<"$(stats 5)"
read -r nr_med nr_p90 <<<"$(stats 6)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
over() { awk -v r="$1" -v t="$TARGET_RATIO" 'BEGIN { exit !(r > t) }'; }
e_ratio=$(ratio "$e_med" "$b_med") ; n_ratio=$(ratio "$n_med" "$b_med")
say ""
say "time to the main window, $runs starts each (median / p90), load average now $(cut -d' ' -f1-3 /proc/loadavg):"
say "  baseline (minimal JavaFX window)    $b_med / $b_p90 ms"
say "  BYOK Studio, existing workspace     $e_med / $e_p90 ms   ratio $e_ratio"
say "  BYOK Studio, new workspace          $n_med / $n_p90 ms   ratio $n_ratio"
say "time until BYOK Studio's views are in place (the key list loading), median / p90:"
say "  existing workspace $er_med / $er_p90 ms, new workspace $nr_med / $nr_p90 ms"
status=0
case "$gate" in
    existing) over "$e_ratio" && status=1 ;;
    new) over "$n_ratio" && status=1 ;;
    both) { over "$e_ratio" || over "$n_ratio"; } && status=1 ;;
esac
if [ $status = 0 ]; then
    say "target met: the ratio ($gate workspace) is at most $TARGET_RATIO"
else
    say "target missed: the ratio ($gate workspace) exceeds $TARGET_RATIO"
fi
exit $status
