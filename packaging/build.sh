#!/usr/bin/env bash
# Builds BYOK Studio's installer for the OS this runs on (Linux .deb, Windows .msi, macOS .dmg):
#   jar (Maven) -> jdeps -> jlink'd runtime -> jpackage app image -> start-up archives (two training runs) -> installer.
# Runs on Linux, macOS and Windows (Git Bash). Needs JDK 25 (JAVA_HOME or java on PATH); see docs/packaging.md.
#
#   bash packaging/build.sh                 everything, the installer lands in packaging/out/
#   SKIP_MAVEN=1 bash packaging/build.sh    reuse target/byok-studio.jar and target/lib/
#   SKIP_AOT=1 bash packaging/build.sh      no start-up archives (e.g. no display to train on)
#   BYOK_ICONS=DIR bash packaging/build.sh  take the icons from DIR (same layout as icons/) instead of icons/
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=packaging/build
OUT=packaging/out
NAME=byok-studio
MAIN_CLASS=dev.byokstudio.app.Main

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW* | MSYS* | CYGWIN*) OS=windows ;;
  *) die "unsupported OS: $(uname -s)" ;;
esac

# --- the JDK: 25, whose jpackage, jlink and AOT cache (JEP 483/514) we use ---------------------------
if [ -n "${JAVA_HOME:-}" ]; then
  [ "$OS" = windows ] && command -v cygpath >/dev/null && JAVA_HOME=$(cygpath -u "$JAVA_HOME")
  JBIN=$JAVA_HOME/bin
else
  JBIN=$(dirname "$(command -v java || die 'no JAVA_HOME and no java on PATH')")
fi
export JAVA_HOME=${JAVA_HOME:-$(dirname "$JBIN")}
jdk_major=$("$JBIN/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | tr -d '\r')
[ "${jdk_major%%.*}" -ge 25 ] 2>/dev/null || die "needs JDK 25 or newer (found ${jdk_major:-none} in $JBIN): its AOT cache is the start-up archive"

# --- version: numeric, from the pom (0.1.0-SNAPSHOT -> 0.1.0) -----------------------------------------
VERSION=$(sed -n '/<artifactId>byok-studio<\/artifactId>/{n;s/.*<version>\([0-9.]*\).*<\/version>.*/\1/p;}' pom.xml | head -1)
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "cannot read a numeric version from pom.xml (got '$VERSION')"

# --- the icon for this OS (icons/ holds the sizes generated from icons/byok-studio.svg) ------------------
ICONS=${BYOK_ICONS:-icons}
case $OS in
  linux) ICON=$ICONS/png/$NAME-512.png ;;
  windows) ICON=$ICONS/$NAME.ico ;;
  mac) ICON=$ICONS/$NAME.icns ;;
esac
[ -f "$ICON" ] || die "icon $ICON is missing (generate the icons from icons/byok-studio.svg, or set BYOK_ICONS)"

# --- 1. the jar and its dependencies ---------------------------------------------------------------------
if [ -z "${SKIP_MAVEN:-}" ]; then
  say "Maven package"
  ./mvnw -B -q -DskipTests package
fi
[ -f target/$NAME.jar ] && [ -d target/lib ] || die "target/$NAME.jar or target/lib is missing"

rm -rf "$BUILD" "$OUT"
mkdir -p "$BUILD/input/lib" "$OUT"
cp target/$NAME.jar "$BUILD/input/"
cp target/lib/*.jar "$BUILD/input/lib/"

# sqlite-jdbc's native library for this OS and processor, taken out of its jar once, here. Otherwise sqlite-jdbc
# copies it into the temporary directory and loads it from there on every start, which took about 70 ms of
# opening the workspace and fails where that directory is mounted noexec. The launcher names it with
# -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name (step 4).
case "$OS/$(uname -m)" in
  linux/x86_64 | linux/aarch64) SQLITE_LIB=libsqlitejdbc.so; SQLITE_DIR=Linux/$(uname -m) ;;
  mac/x86_64) SQLITE_LIB=libsqlitejdbc.dylib; SQLITE_DIR=Mac/x86_64 ;;
  mac/arm64) SQLITE_LIB=libsqlitejdbc.dylib; SQLITE_DIR=Mac/aarch64 ;;
  windows/x86_64) SQLITE_LIB=sqlitejdbc.dll; SQLITE_DIR=Windows/x86_64 ;;
  windows/aarch64 | windows/arm64) SQLITE_LIB=sqlitejdbc.dll; SQLITE_DIR=Windows/aarch64 ;;
  *) die "no sqlite-jdbc native library known for $OS on $(uname -m)" ;;
esac
SQLITE_JAR=$(cd "$BUILD/input/lib" && ls sqlite-jdbc-*.jar)
mkdir -p "$BUILD/input/native"
(cd "$BUILD/input/native" && "$JBIN/jar" xf "../lib/$SQLITE_JAR" "org/sqlite/native/$SQLITE_DIR/$SQLITE_LIB" \
  && mv "org/sqlite/native/$SQLITE_DIR/$SQLITE_LIB" . && rm -r org)
[ -s "$BUILD/input/native/$SQLITE_LIB" ] || die "$SQLITE_JAR has no org/sqlite/native/$SQLITE_DIR/$SQLITE_LIB"

# JavaFX's native libraries likewise, out of its platform jars (javafx-graphics-21.0.11-linux.jar, ...) and into
# the directory where JavaFX's loader looks first: beside the jars, or ../bin from them on Windows. Otherwise,
# before the first window, it fails to find them there, on java.library.path and by System.loadLibrary, then
# hashes each one in the jar and its copy in ~/.openjfx/cache (MD5), writing the copy on a first start.
case $OS in
  windows) FX_NATIVE=$BUILD/input/bin; FX_EXT=dll ;;
  mac) FX_NATIVE=$BUILD/input/lib; FX_EXT=dylib ;;
  linux) FX_NATIVE=$BUILD/input/lib; FX_EXT=so ;;
esac
mkdir -p "$FX_NATIVE"
fx_libs=0
for fxjar in "$BUILD"/input/lib/javafx-*.jar; do
  libs=$("$JBIN/jar" tf "$fxjar" | tr -d '\r' | grep -E "^[^/]+\.$FX_EXT\$" || true)
  [ -n "$libs" ] || continue
  # shellcheck disable=SC2086 # one argument per library name, none with spaces
  (cd "$FX_NATIVE" && "$JBIN/jar" xf "../lib/$(basename "$fxjar")" $libs)
  fx_libs=$((fx_libs + $(printf '%s\n' "$libs" | wc -l)))
done
[ "$fx_libs" -gt 0 ] || die "no JavaFX native library (*.$FX_EXT) in $BUILD/input/lib/javafx-*.jar"
say "JavaFX native libraries: $fx_libs in ${FX_NATIVE#"$BUILD"/input/}"

# --- 2. the modules the application and its libraries need -----------------------------------------------
# JavaFX and the other libraries are plain jars on the class path, so jdeps looks at all of them.
say "jdeps"
MODULES=$("$JBIN/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  "$BUILD/input/$NAME.jar" "$BUILD"/input/lib/*.jar 2>/dev/null | tail -1 | tr -d '\r')
[[ $MODULES == java.base* ]] || die "jdeps did not print the module list (got '$MODULES')"
say "modules: $MODULES"

# --- 3. the runtime --------------------------------------------------------------------------------------
# Not --strip-native-commands: the training run's JVM starts bin/java to assemble the AOT cache.
say "jlink"
"$JBIN/jlink" --add-modules "$MODULES" --output "$BUILD/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

# --- 4. the app image ------------------------------------------------------------------------------------
# Baked-in JVM options: JavaFX 21 and sqlite-jdbc load native libraries and JavaFX uses sun.misc.Unsafe's
# memory access; allow both rather than print JDK 25's warnings at every start. Where sqlite-jdbc's library is
# (step 1). The start-up archives are added after the training runs (step 5).
AOT_FILE=$NAME.aot
JAVA_OPTIONS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  "-Dorg.sqlite.lib.path=\$APPDIR/native" "-Dorg.sqlite.lib.name=$SQLITE_LIB")
APP_VERSION=$VERSION
if [ $OS = mac ] && [ "${VERSION%%.*}" = 0 ]; then
  # jpackage refuses a macOS bundle version whose first number is 0 (CFBundleVersion): 0.y.z -> 1.y.z.
  APP_VERSION=1.${VERSION#*.}
fi
COMMON=(--name $NAME --app-version "$APP_VERSION" --vendor "BYOK Studio"
  --description "Rehearse, check and demonstrate importing your own key material into AWS KMS"
  --copyright "BYOK Studio contributors")
MAC_ID=()
# --mac-package-name: the name macOS shows in the menu bar and the About window (CFBundleName; under 16 characters).
[ $OS = mac ] && MAC_ID=(--mac-package-identifier dev.byokstudio --mac-package-name "BYOK Studio")
# Windows: a second launcher, byok-studio-cli.exe, for a terminal (packaging/windows/byok-studio-cli.properties):
# byok-studio.exe is a GUI program, whose output and exit status a console never sees.
CLI_LAUNCHER=()
[ $OS = windows ] && CLI_LAUNCHER=(--add-launcher "$NAME-cli=packaging/windows/$NAME-cli.properties")
jopts=()
for o in "${JAVA_OPTIONS[@]}"; do jopts+=(--java-options "$o"); done

say "jpackage app image"
"$JBIN/jpackage" --type app-image --dest "$BUILD/image" "${COMMON[@]}" \
  --input "$BUILD/input" --main-jar $NAME.jar --main-class $MAIN_CLASS \
  --runtime-image "$BUILD/runtime" "${jopts[@]}" --icon "$ICON" ${MAC_ID[@]+"${MAC_ID[@]}"} \
  ${CLI_LAUNCHER[@]+"${CLI_LAUNCHER[@]}"}

case $OS in
  linux) IMAGE=$BUILD/image/$NAME; LAUNCHER=$IMAGE/bin/$NAME; APPDIR=$IMAGE/lib/app ;;
  # Windows trains with the console launcher, whose output reaches the training log.
  windows) IMAGE=$BUILD/image/$NAME; LAUNCHER=$IMAGE/$NAME-cli.exe; APPDIR=$IMAGE/app ;;
  mac) IMAGE=$BUILD/image/$NAME.app; LAUNCHER=$IMAGE/Contents/MacOS/$NAME; APPDIR=$IMAGE/Contents/app ;;
esac

# --- 5. the start-up archives, from training runs of the image's own launcher -----------------------------
# Linux: two archives (ADR 0013).
#  - The first window's: an AOT cache (JEP 483/514/515) whose classes are all loaded and linked before main,
#    so it holds only what the first window needs. Its training run exits as soon as the main window is
#    shown (-Dbyok-studio.exitWhenShown=window). It becomes the runtime's default CDS archive
#    (lib/server/classes.jsa, beside libjvm), which the JVM maps without being told where it is.
#  - The rest's: a dynamic CDS archive on top of it, whose classes are mapped when first used. Its run opens
#    a throwaway workspace and exits once the views are in place (=true). A dynamic archive names its base
#    archive by the path it had at training time unless the base is the runtime's default one, which is why
#    the first is that one. It also insists on its JARs' modification times, which jpackage's copies change
#    and which the .deb gets back (step 6).
# Windows and macOS: one AOT cache of both (=true, ADR 0012), which does not mind the times: the .msi and the
# .dmg are jpackage's own copies, with times nobody here has checked.
# JAVA_TOOL_OPTIONS reaches the JVM the launcher starts. Linux trains under Xvfb; the Windows and macOS
# runners have a desktop session. Where a run fails outside Linux, the installer is built with what there is
# (a warning says so): the application only starts more slowly.
run_with_timeout() { # seconds command...  (macOS has no timeout(1))
  local secs=$1; shift
  "$@" & local pid=$!
  while kill -0 $pid 2>/dev/null; do
    [ $secs -le 0 ] && { kill $pid 2>/dev/null || true; break; }
    sleep 1; secs=$((secs - 1))
  done
  wait $pid
}
JVM_DIR=$IMAGE/lib/runtime/lib/server # Linux: where libjvm.so and the runtime's default CDS archive are
[ $OS != linux ] || [ -f "$JVM_DIR/libjvm.so" ] || die "no libjvm.so in $JVM_DIR: the runtime image is not laid out as expected"
REST_FILE=$NAME.jsa
archives=none # none | window (the first window's AOT cache alone) | split (both) | single (Windows, macOS)
training_failed() { # log message
  [ $OS = linux ] && { cat "$1" >&2 2>/dev/null || true; die "$2"; }
  echo "::warning::The $OS installer starts without part of its start-up archives: $2" >&2
  tail -20 "$1" >&2 2>/dev/null || true
}
if [ -n "${SKIP_AOT:-}" ]; then
  say "SKIP_AOT set: no start-up archives; the application starts without them"
else
  run_display=()
  if [ $OS = linux ] && [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || die "no DISPLAY and no xvfb-run for the training runs (install xvfb, or SKIP_AOT=1)"
    run_display=(xvfb-run -a -s "-screen 0 1280x1024x24")
  fi
  TRAIN_WS=$BUILD/training-workspace
  window_out=$BUILD/window.aot
  aot_out=$APPDIR/$AOT_FILE
  rest_out=$APPDIR/$REST_FILE
  if [ $OS = windows ] && command -v cygpath >/dev/null; then
    aot_out=$(cygpath -m "$aot_out"); TRAIN_WS=$(cygpath -m "$TRAIN_WS")
  fi
  train() { # log java-options : one run of the launcher on the throwaway workspace
    JAVA_TOOL_OPTIONS="$2" run_with_timeout 300 ${run_display[@]+"${run_display[@]}"} "$LAUNCHER" \
      --workspace "$TRAIN_WS" >"$1" 2>&1
  }
  # Outside Linux, where nobody here has seen a launcher's output reach the log, the archive file is what counts.
  said() { grep -q "$2" "$1" || { [ $OS != linux ] && say "note: $1 does not say '$2'"; }; }
  trained() { # what log java-options output line : one training run; true when it wrote output and said line
    if ! train "$2" "$3"; then training_failed "$2" "$1 failed or timed out"; return 1; fi
    [ -s "$4" ] || { training_failed "$2" "$1 wrote no $(basename "$4")"; return 1; }
    said "$2" "$5" || { training_failed "$2" "$1 did not say '$5'"; return 1; }
  }

  if [ $OS != linux ]; then
    say "training run: one AOT cache"
    trained "the training run" "$BUILD/training.log" \
      "-XX:AOTCacheOutput=$aot_out -Dbyok-studio.exitWhenShown=true -Xlog:aot=warning" \
      "$APPDIR/$AOT_FILE" 'main window ready' && archives=single
    [ $archives = single ] || rm -f "$APPDIR/$AOT_FILE"
  else
    say "training run 1: the first window's AOT cache"
    if trained "the first training run" "$BUILD/training-window.log" \
      "-XX:AOTCacheOutput=$window_out -Dbyok-studio.exitWhenShown=window -Xlog:aot=warning" \
      "$window_out" 'main window shown'; then
      mv "$window_out" "$JVM_DIR/classes.jsa"
      archives=window
      say "training run 2: the archive of the rest, on top of the first"
      trained "the second training run" "$BUILD/training-rest.log" \
        "-XX:ArchiveClassesAtExit=$rest_out -Dbyok-studio.exitWhenShown=true -Xlog:cds=warning" \
        "$rest_out" 'main window ready' && archives="split"
    fi
    [ $archives = split ] || rm -f "$rest_out"
  fi
  rm -f "$window_out" "$window_out.config" "$APPDIR/$AOT_FILE.config"
  rm -rf "$BUILD/training-workspace"
fi
option=''
case $archives in
  single) option="-XX:AOTCache=\$APPDIR/$AOT_FILE"
    say "start-up archive: $(du -h "$APPDIR/$AOT_FILE" | cut -f1) AOT cache" ;;
  split) option="-XX:SharedArchiveFile=\$APPDIR/$REST_FILE"
    say "start-up archives: $(du -h "$JVM_DIR/classes.jsa" | cut -f1) for the first window, $(du -h "$rest_out" | cut -f1) for the rest" ;;
  window) say "start-up archive: $(du -h "$JVM_DIR/classes.jsa" | cut -f1) for the first window only" ;;
esac
if [ -n "$option" ]; then
  # Now the launcher reads the archive, from wherever the image is installed ($APPDIR: the launcher's app
  # directory). The line jpackage writes for --java-options, in the [JavaOptions] section; added only now,
  # as the training runs make what it names. Every launcher has its own .cfg (Windows: byok-studio-cli's too).
  for CFG in "$APPDIR"/*.cfg; do
    grep -q '^\[JavaOptions\]' "$CFG" || die "$CFG has no [JavaOptions] section"
    eol=''; grep -q $'\r' "$CFG" && eol=$'\r' # the Windows launchers' .cfg files have CRLF line ends
    awk -v opt="java-options=$option$eol" '{ print } /^\[JavaOptions\]/ { print opt }' "$CFG" >"$CFG.new" \
      && mv "$CFG.new" "$CFG"
  done
fi
# The bundle changed after jpackage signed it (ad hoc, on macOS): sign it again.
if [ $archives != none ] && [ $OS = mac ]; then codesign --force --deep --sign - "$IMAGE"; fi

# --- 6. the installer for this OS ------------------------------------------------------------------------
say "jpackage installer"
case $OS in
  linux)
    # No --linux-shortcut: jpackage would register its desktop file with xdg-desktop-menu from postinst,
    # which pulls in xdg-utils and fails ("No writable system menu directory found") on a minimal Debian
    # 12, and then the package cannot be removed either. The desktop entry, the icons and the command on
    # PATH are added below as files the package owns, so dpkg installs and removes them by itself.
    # jpackage makes Depends: from every shared library in the image, through ldd, so transitively. For
    # JavaFX's libraries (step 1) that would be 66 packages, with names that differ between
    # distributions (Debian's libjpeg62-turbo is Ubuntu's libjpeg-turbo8): they are out of its sight while it
    # runs and go into the package below. What they need comes with libgtk-3-0 and the runtime's libxtst6.
    FX_ASIDE=$BUILD/javafx-native
    rm -rf "$FX_ASIDE"; mkdir -p "$FX_ASIDE"
    mv "$APPDIR"/lib/*."$FX_EXT" "$FX_ASIDE/"
    "$JBIN/jpackage" --type deb --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" --install-dir /opt \
      --linux-package-name $NAME --linux-deb-maintainer "maintainers@byokstudio.dev" \
      --linux-package-deps libgtk-3-0 --linux-app-category utils --icon "$ICON"
    mv "$FX_ASIDE"/* "$APPDIR/lib/"
    DEB=$(ls "$OUT"/${NAME}_*.deb)
    ROOTFS=$BUILD/deb-root
    rm -rf "$ROOTFS"
    dpkg-deb -R "$DEB" "$ROOTFS"
    cp -p "$APPDIR"/lib/*."$FX_EXT" "$ROOTFS/opt/$NAME/lib/app/lib/"
    # jpackage copied the image with new modification times; the archive of the rest insists on the ones its
    # JARs had at training time (step 5), so the package carries the image's own.
    (cd "$IMAGE" && find . -type f) | while IFS= read -r f; do
      [ -f "$ROOTFS/opt/$NAME/$f" ] && touch -r "$IMAGE/$f" "$ROOTFS/opt/$NAME/$f"
    done
    install -D -m 644 packaging/linux/$NAME.desktop "$ROOTFS/usr/share/applications/$NAME.desktop"
    for png in "$ICONS"/png/$NAME-*.png; do
      n=${png##*-}; n=${n%.png}
      # hicolor's index.theme lists sizes up to 512x512; larger ones would never be looked up.
      [ "$n" -le 512 ] && install -D -m 644 "$png" "$ROOTFS/usr/share/icons/hicolor/${n}x${n}/apps/$NAME.png"
    done
    install -D -m 644 icons/$NAME.svg "$ROOTFS/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
    # The command on PATH starts the runtime with the launcher's .cfg itself: the jpackage launcher for Linux
    # asks rpm and dpkg which package it belongs to on every start, about 130 ms (ADR 0012).
    install -D -m 755 packaging/linux/$NAME.sh "$ROOTFS/usr/bin/$NAME"
    size=$(du -sk --exclude=DEBIAN "$ROOTFS" | cut -f1)
    # Depends: installable on Debian 12 and Ubuntu 24.04 alike (packaging/linux/depends.sed says why).
    sed -i -e "s/^Installed-Size:.*/Installed-Size: $size/" -f packaging/linux/depends.sed "$ROOTFS/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$DEB" >/dev/null
    rm -rf "$ROOTFS"
    ;;
  windows)
    "$JBIN/jpackage" --type msi --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" \
      --win-menu --win-menu-group "BYOK Studio" --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 6d7f3c2e-3b1a-4f6e-9a54-0b2f6c1d8e47 --icon "$ICON"
    ;;
  mac)
    # hdiutil fails now and then on GitHub's macOS runners with "create failed - Resource busy"
    # (actions/runner-images#7522); jpackage retries some of its hdiutil calls, not all: try the .dmg 3 times.
    for attempt in 1 2 3; do
      "$JBIN/jpackage" --type dmg --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" \
        "${MAC_ID[@]}" --icon "$ICON" && break
      [ $attempt -lt 3 ] || die "jpackage could not make the .dmg in 3 attempts"
      say "jpackage's .dmg failed (attempt $attempt of 3); trying again"
      rm -f "$OUT"/*.dmg; sleep 10
    done
    ;;
esac

say "runtime: $(du -sh "$BUILD/runtime" | cut -f1) ($MODULES)"
ls -l "$OUT" >&2
