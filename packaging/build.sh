#!/usr/bin/env bash
# Builds BYOK Studio's installer for the OS this runs on (Linux .deb, Windows .msi, macOS .dmg):
#   jar (Maven) -> jdeps -> jlink'd runtime -> jpackage app image -> AOT cache (training run) -> installer.
# Runs on Linux, macOS and Windows (Git Bash). Needs JDK 25 (JAVA_HOME or java on PATH); see docs/packaging.md.
#
#   bash packaging/build.sh                 everything, the installer lands in packaging/out/
#   SKIP_MAVEN=1 bash packaging/build.sh    reuse target/byok-studio.jar and target/lib/
#   SKIP_AOT=1 bash packaging/build.sh      no start-up archive (e.g. no display to train on)
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
# memory access; allow both rather than print JDK 25's warnings at every start. -XX:AOTCache is added
# after the training run (step 5).
AOT_FILE=$NAME.aot
JAVA_OPTIONS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
APP_VERSION=$VERSION
if [ $OS = mac ] && [ "${VERSION%%.*}" = 0 ]; then
  # jpackage refuses a macOS bundle version whose first number is 0 (CFBundleVersion): 0.y.z -> 1.y.z.
  APP_VERSION=1.${VERSION#*.}
fi
COMMON=(--name $NAME --app-version "$APP_VERSION" --vendor "BYOK Studio"
  --description "Rehearse, check and demonstrate importing your own key material into AWS KMS"
  --copyright "BYOK Studio contributors")
MAC_ID=()
[ $OS = mac ] && MAC_ID=(--mac-package-identifier dev.byokstudio)
jopts=()
for o in "${JAVA_OPTIONS[@]}"; do jopts+=(--java-options "$o"); done

say "jpackage app image"
"$JBIN/jpackage" --type app-image --dest "$BUILD/image" "${COMMON[@]}" \
  --input "$BUILD/input" --main-jar $NAME.jar --main-class $MAIN_CLASS \
  --runtime-image "$BUILD/runtime" "${jopts[@]}" --icon "$ICON" ${MAC_ID[@]+"${MAC_ID[@]}"}

case $OS in
  linux) IMAGE=$BUILD/image/$NAME; LAUNCHER=$IMAGE/bin/$NAME; APPDIR=$IMAGE/lib/app ;;
  windows) IMAGE=$BUILD/image/$NAME; LAUNCHER=$IMAGE/$NAME.exe; APPDIR=$IMAGE/app ;;
  mac) IMAGE=$BUILD/image/$NAME.app; LAUNCHER=$IMAGE/Contents/MacOS/$NAME; APPDIR=$IMAGE/Contents/app ;;
esac

# --- 5. the start-up archive: an AOT cache from a training run of the image's own launcher ----------------
# The run opens the main window on a throwaway workspace and exits once it is shown
# (-Dbyok-studio.exitWhenShown=true); JAVA_TOOL_OPTIONS reaches the JVM the launcher starts. Linux trains
# under Xvfb; the Windows and macOS runners have a desktop session. Where the run fails outside Linux, the
# installer is built without the cache (a warning says so): the application only starts more slowly.
run_with_timeout() { # seconds command...  (macOS has no timeout(1))
  local secs=$1; shift
  "$@" & local pid=$!
  while kill -0 $pid 2>/dev/null; do
    [ $secs -le 0 ] && { kill $pid 2>/dev/null || true; break; }
    sleep 1; secs=$((secs - 1))
  done
  wait $pid
}
no_aot() {
  [ $OS = linux ] && { cat "$BUILD/training.log" >&2 2>/dev/null || true; die "$1"; }
  echo "::warning::No AOT cache, the $OS installer starts without one: $1" >&2
  tail -20 "$BUILD/training.log" >&2 2>/dev/null || true
  rm -f "$APPDIR/$AOT_FILE" "$APPDIR/$AOT_FILE.config"
  AOT=no
}
AOT=yes
if [ -n "${SKIP_AOT:-}" ]; then
  say "SKIP_AOT set: no AOT cache; the application starts without one"
  AOT=no
else
  run_display=()
  if [ $OS = linux ] && [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || die "no DISPLAY and no xvfb-run for the training run (install xvfb, or SKIP_AOT=1)"
    run_display=(xvfb-run -a -s "-screen 0 1280x1024x24")
  fi
  TRAIN_WS=$BUILD/training-workspace
  aot_out=$APPDIR/$AOT_FILE
  if [ $OS = windows ] && command -v cygpath >/dev/null; then
    aot_out=$(cygpath -m "$aot_out"); TRAIN_WS=$(cygpath -m "$TRAIN_WS")
  fi
  say "training run for the AOT cache"
  if ! JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$aot_out -Dbyok-studio.exitWhenShown=true -Xlog:aot=warning" \
    run_with_timeout 300 ${run_display[@]+"${run_display[@]}"} "$LAUNCHER" --workspace "$TRAIN_WS" \
    >"$BUILD/training.log" 2>&1; then
    no_aot "the training run failed or timed out"
  elif [ ! -s "$APPDIR/$AOT_FILE" ]; then
    no_aot "the training run wrote no AOT cache"
  elif ! grep -q 'main window ready' "$BUILD/training.log"; then
    # A Windows GUI launcher may not hand its output to the shell; the cache is what matters.
    [ $OS = linux ] && no_aot "the training run did not show the main window"
    say "note: the training run's output does not say the main window was ready"
  fi
  rm -rf "$BUILD/training-workspace"
fi
if [ $AOT = yes ]; then
  # Now the launcher reads the cache, from wherever the image is installed ($APPDIR: the launcher's app
  # directory). The line jpackage writes for --java-options, in the [JavaOptions] section; added only
  # now because the JVM refuses -XX:AOTCache together with the training run's -XX:AOTCacheOutput.
  CFG=$APPDIR/$NAME.cfg
  grep -q '^\[JavaOptions\]' "$CFG" || die "$CFG has no [JavaOptions] section"
  eol=''; grep -q $'\r' "$CFG" && eol=$'\r' # the Windows launcher's .cfg has CRLF line ends
  awk -v opt="java-options=-XX:AOTCache=\$APPDIR/$AOT_FILE$eol" \
    '{ print } /^\[JavaOptions\]/ { print opt }' "$CFG" >"$CFG.new" && mv "$CFG.new" "$CFG"
  say "AOT cache: $(du -h "$APPDIR/$AOT_FILE" | cut -f1)"
  # The bundle changed after jpackage signed it (ad hoc, on macOS): sign it again.
  if [ $OS = mac ]; then codesign --force --deep --sign - "$IMAGE"; fi
fi

# --- 6. the installer for this OS ------------------------------------------------------------------------
say "jpackage installer"
case $OS in
  linux)
    # No --linux-shortcut: jpackage would register its desktop file with xdg-desktop-menu from postinst,
    # which pulls in xdg-utils and fails ("No writable system menu directory found") on a minimal Debian
    # 12, and then the package cannot be removed either. The desktop entry, the icons and the command on
    # PATH are added below as files the package owns, so dpkg installs and removes them by itself.
    "$JBIN/jpackage" --type deb --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" --install-dir /opt \
      --linux-package-name $NAME --linux-deb-maintainer "maintainers@byokstudio.dev" \
      --linux-package-deps libgtk-3-0 --linux-app-category utils --icon "$ICON"
    DEB=$(ls "$OUT"/${NAME}_*.deb)
    ROOTFS=$BUILD/deb-root
    rm -rf "$ROOTFS"
    dpkg-deb -R "$DEB" "$ROOTFS"
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
    sed -i -e "s/^Installed-Size:.*/Installed-Size: $size/" -e "/^Depends:/s/ ,/,/g" "$ROOTFS/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$DEB" >/dev/null
    rm -rf "$ROOTFS"
    ;;
  windows)
    "$JBIN/jpackage" --type msi --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" \
      --win-menu --win-menu-group "BYOK Studio" --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 6d7f3c2e-3b1a-4f6e-9a54-0b2f6c1d8e47 --icon "$ICON"
    ;;
  mac)
    "$JBIN/jpackage" --type dmg --dest "$OUT" "${COMMON[@]}" --app-image "$IMAGE" \
      "${MAC_ID[@]}" --icon "$ICON"
    ;;
esac

say "runtime: $(du -sh "$BUILD/runtime" | cut -f1) ($MODULES)"
ls -l "$OUT" >&2
