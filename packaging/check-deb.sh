#!/usr/bin/env bash
# The Linux installer check (issue 9), as root on a Debian 12 machine or container:
#   install the .deb with apt, check its desktop entry, icons, command and dependencies, start the
#   desktop application under Xvfb and take a screenshot, check that the start-up archive (AOT cache) is
#   used from /opt, check the installed command as a terminal uses it (packaging/check-command.sh:
#   check-material, `byok-studio --serve` driven by the AWS CLI), then remove and purge the package and check
#   that nothing of it is left.
#
#   packaging/check-deb.sh [FILE.deb]     default: packaging/out/byok-studio_*.deb (built if missing)
#
# Leaves docs/screenshots/installed-linux.png. Exit status 0 when every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NAME=byok-studio
SCREENSHOT=docs/screenshots/installed-linux.png

step() { printf '\n== %s\n' "$*"; }
ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"
grep -q '^VERSION_ID="12"' /etc/os-release || echo "note: not Debian 12 ($(. /etc/os-release; echo "$PRETTY_NAME"))"
dpkg-query -W $NAME >/dev/null 2>&1 && fail "$NAME is already installed; remove it first (apt-get purge $NAME)"

DEB=${1:-}
if [ -z "$DEB" ]; then
  DEB=$(ls packaging/out/${NAME}_*.deb 2>/dev/null | head -1 || true)
  if [ -z "$DEB" ]; then
    step "building the .deb (packaging/build.sh)"
    bash packaging/build.sh
    DEB=$(ls packaging/out/${NAME}_*.deb | head -1)
  fi
fi
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
[ -f "$DEB" ] || fail "no such file: $DEB"

step "tools for the check"
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
[ -x /usr/bin/aws ] || command -v aws >/dev/null || need+=(awscli)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y -q "${need[@]}" >/dev/null; fi
AWS=$( [ -x /usr/bin/aws ] && echo /usr/bin/aws || command -v aws)
ok "Xvfb, xdotool, ImageMagick's import, desktop-file-validate, $AWS ($($AWS --version 2>&1 | cut -d' ' -f1))"

WORK=$(mktemp -d /tmp/byok-check.XXXXXX)
XVFB_PID=''; APP_PID=''
cleanup() {
  for p in $APP_PID $XVFB_PID; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# What the package holds, and which of its directories exist before it is installed (/usr, /usr/share, ...).
dpkg-deb -c "$DEB" | awk '{ p = $6; sub(/^\./, "", p); sub(/\/$/, "", p); if (p != "") print p }' >"$WORK/contents"
while read -r p; do [ -e "$p" ] || [ -L "$p" ] && echo "$p"; done <"$WORK/contents" >"$WORK/existed-before"

step "apt-get install $(basename "$DEB")"
apt-get install -y -q "$DEB" >"$WORK/apt-install.log" 2>&1 || { cat "$WORK/apt-install.log"; fail "apt-get install"; }
ok "installed: $(dpkg-query -W -f='${Package} ${Version} ${Status}' $NAME)"

step "what the package installed"
dpkg -L $NAME >"$WORK/files"
for f in /opt/$NAME/bin/$NAME /opt/$NAME/lib/app/$NAME.jar /opt/$NAME/lib/runtime/lib/server/classes.jsa /opt/$NAME/lib/app/$NAME.jsa \
  /usr/bin/$NAME /usr/share/applications/$NAME.desktop /usr/share/icons/hicolor/scalable/apps/$NAME.svg; do
  grep -qx "$f" "$WORK/files" || fail "dpkg -L $NAME does not list $f"
  [ -e "$f" ] || fail "$f is listed but missing"
  ok "$f"
done
icons=$(grep -c "^/usr/share/icons/hicolor/[0-9]*x[0-9]*/apps/$NAME.png$" "$WORK/files" || true)
[ "$icons" -ge 1 ] || fail "no PNG icon in /usr/share/icons/hicolor"
ok "$icons PNG icon sizes: $(grep "^/usr/share/icons/hicolor/[0-9]*x[0-9]*/apps/$NAME.png$" "$WORK/files" | cut -d/ -f6 | sort -n | tr '\n' ' ')"
cmp -s /usr/bin/$NAME "$ROOT/packaging/linux/$NAME.sh" || fail "/usr/bin/$NAME is not packaging/linux/$NAME.sh"
[ "$(/usr/bin/$NAME --version)" = "$(/opt/$NAME/bin/$NAME --version)" ] || fail "/usr/bin/$NAME and the jpackage launcher differ"
ok "/usr/bin/$NAME starts the runtime with the launcher's .cfg: $(/usr/bin/$NAME --version)"
depends=$(dpkg-query -W -f='${Depends}' $NAME)
[[ ", $depends," == *", libgtk-3-0,"* || ", $depends" == *", libgtk-3-0" ]] || fail "Depends: lacks libgtk-3-0: $depends"
ok "Depends: $depends"
# The same package built on Ubuntu 24.04 (the workflow's ubuntu-latest) or Debian 13 would name libasound2t64,
# which Debian 12 does not have; build.sh's packaging/linux/depends.sed must make that line installable here.
ubuntu=$(sed -E 's/(^|, )libasound2(,|$)/\1libasound2t64\2/g' <<<"$depends")
if [ "$ubuntu" = "$depends" ]; then
  ok "Depends: has no bare libasound2 to rename (built where it is libasound2t64, or without ALSA)"
elif apt-get satisfy --simulate "$ubuntu" >/dev/null 2>&1; then
  ok "the t64 names exist here too (Ubuntu 24.04, Debian 13): a package built on either installs as it is"
else
  portable=$(sed -f "$ROOT/packaging/linux/depends.sed" <<<"Depends: $ubuntu"); portable=${portable#Depends: }
  apt-get satisfy --simulate "$portable" >/dev/null 2>&1 || fail "built on Ubuntu 24.04, Depends: would be '$portable', not installable here"
  ok "built on Ubuntu 24.04, Depends: would still install here: $portable"
fi
grep -q "^Icon=$NAME$" /usr/share/applications/$NAME.desktop || fail "the desktop entry does not name the icon $NAME"
# Exactly the command: it takes no files, so no %F that a file dropped on the launcher would fill.
grep -q "^Exec=$NAME$" /usr/share/applications/$NAME.desktop || fail "the desktop entry does not run just $NAME"
# Not even a hint: the one about two main categories means two entries in the application menu.
validate=$(desktop-file-validate /usr/share/applications/$NAME.desktop 2>&1) || { echo "$validate"; fail "desktop-file-validate"; }
[ -z "$validate" ] || { echo "$validate"; fail "desktop-file-validate has remarks"; }
ok "desktop-file-validate: no errors, warnings or hints"
ok "desktop entry: $(grep -E '^(Name|Exec|Icon)=' /usr/share/applications/$NAME.desktop | tr '\n' ' ')"
ok "runtime: $(du -sh /opt/$NAME/lib/runtime | cut -f1), modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' /opt/$NAME/lib/runtime/release)"

step "the desktop application under Xvfb"
for d in $(seq 90 120); do [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ] || break; done
Xvfb ":$d" -screen 0 1280x860x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$d"
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
t0=$(date +%s%N)
# A home of its own, to see what the application writes there besides the workspace it is given: nothing.
# (Java takes user.home from the password database, not from $HOME.)
mkdir -p "$WORK/home"
HOME=$WORK/home JAVA_TOOL_OPTIONS="-Duser.home=$WORK/home" $NAME --workspace "$WORK/desktop-workspace" >"$WORK/desktop.log" 2>&1 &
APP_PID=$!
window=''
for _ in $(seq 300); do
  window=$(xdotool search --onlyvisible --name 'BYOK Studio' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  kill -0 $APP_PID 2>/dev/null || { cat "$WORK/desktop.log"; fail "the application exited"; }
  sleep 0.1
done
[ -n "$window" ] || { cat "$WORK/desktop.log"; fail "no BYOK Studio window within 30 s"; }
t1=$(date +%s%N)
ok "window '$(xdotool getwindowname "$window")' visible $(( (t1 - t0) / 1000000 )) ms after launch"
sleep 3 # let the key list and the status bar fill in
import -window "$window" "$ROOT/$SCREENSHOT"
ok "screenshot: $SCREENSHOT ($(identify -format '%wx%h' "$ROOT/$SCREENSHOT"))"
kill $APP_PID
wait $APP_PID 2>/dev/null || true
APP_PID=''
[ ! -e "$WORK/home/.openjfx" ] || fail "the application wrote ~/.openjfx (JavaFX's libraries were not found beside its jars)"
[ ! -e "$WORK/home/.local/share/$NAME" ] || fail "the application made a default workspace though it was given one"
ok "nothing written to the home directory by the application: no ~/.openjfx, no default workspace"

step "the start-up archives are used from /opt (-Xshare:on fails if they cannot be)"
# The first window's AOT cache (the runtime's default CDS archive), then the dynamic archive of the rest on top
# of it, which holds the package to the JARs' modification times at training (ADR 0013).
JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:cds -Xlog:aot -Xlog:class+path=info -Xlog:class+load=info -Xlog:library=info -Dbyok-studio.exitWhenShown=true" \
  timeout 60 $NAME --workspace "$WORK/aot-workspace" >"$WORK/aot.log" 2>&1 || { tail -30 "$WORK/aot.log"; fail "the application did not start with -Xshare:on"; }
grep -q 'BYOK Studio: main window ready' "$WORK/aot.log" || fail "the main window's views were not in place with -Xshare:on"
grep -E "Opened (AOT cache|shared archive file)|Longest common prefix|validation: passed|Using AOT-linked classes" "$WORK/aot.log" | sed 's/^/     /'
source_of() { grep -m1 " $1 source:" "$WORK/aot.log" | sed 's/.*source: //'; }
main_source=$(source_of dev.byokstudio.app.Main)
[ "$main_source" = "shared objects file" ] || fail "dev.byokstudio.app.Main was loaded from '$main_source', not the first window's AOT cache"
store_source=$(source_of dev.byokstudio.store.SqliteWorkspaceStore)
[ "$store_source" = "shared objects file (top)" ] || fail "dev.byokstudio.store.SqliteWorkspaceStore was loaded from '$store_source', not the archive of the rest"
window=$(grep 'class,load' "$WORK/aot.log" | grep -c 'source: shared objects file$' || true)
rest=$(grep -c 'source: shared objects file (top)' "$WORK/aot.log" || true)
other=$(grep 'class,load' "$WORK/aot.log" | grep -vc 'source: shared objects file' || true)
ok "Main from the first window's AOT cache, the workspace store from the archive of the rest; $window classes from the first, $rest from the second, $other loaded otherwise"
sqlite=$(grep -o 'Loaded library [^,]*sqlitejdbc[^,]*' "$WORK/aot.log" | head -1 | sed 's/Loaded library //')
[ "$sqlite" = "/opt/$NAME/lib/app/native/libsqlitejdbc.so" ] \
  || fail "sqlite-jdbc's native library was loaded from '${sqlite:-nowhere}', not the package's /opt/$NAME/lib/app/native"
ok "sqlite-jdbc's native library loaded from the package: $sqlite"
# JavaFX's likewise, from beside its jars (build.sh, ADR 0016), not copied into ~/.openjfx/cache.
glass=$(grep -o 'Loaded library [^,]*libglassgtk3[^,]*' "$WORK/aot.log" | head -1 | sed 's/Loaded library //')
[ "$glass" = "/opt/$NAME/lib/app/lib/libglassgtk3.so" ] \
  || fail "JavaFX's libglassgtk3.so was loaded from '${glass:-nowhere}', not the package's /opt/$NAME/lib/app/lib"
ok "JavaFX's native libraries loaded from the package: $(grep -o 'Loaded library /opt/[^,]*/lib/app/lib/lib[a-z_0-9]*\.so' "$WORK/aot.log" | sort -u | wc -l) of them, $glass among them"
kill $XVFB_PID; wait $XVFB_PID 2>/dev/null || true; XVFB_PID=''
unset DISPLAY

step "the installed command: packaging/check-command.sh /usr/bin/$NAME"
AWS=$AWS bash "$ROOT/packaging/check-command.sh" /usr/bin/$NAME | sed 's/^/     /' \
  || fail "packaging/check-command.sh /usr/bin/$NAME"
ok "check-material, --serve and the AWS CLI from the installed command"

step "apt-get remove, then purge"
apt-get remove -y -q $NAME >"$WORK/apt-remove.log" 2>&1 || { cat "$WORK/apt-remove.log"; fail "apt-get remove"; }
[ ! -e /opt/$NAME ] || fail "/opt/$NAME is still there after remove"
ok "removed"
apt-get purge -y -q $NAME >"$WORK/apt-purge.log" 2>&1 || { cat "$WORK/apt-purge.log"; fail "apt-get purge"; }
dpkg-query -W $NAME >/dev/null 2>&1 && fail "dpkg still knows $NAME after purge"
ok "purged: dpkg no longer knows $NAME"

step "nothing left behind"
left=0
while read -r p; do
  if { [ -e "$p" ] || [ -L "$p" ]; } && ! grep -qx "$p" "$WORK/existed-before"; then echo "left: $p"; left=1; fi
done <"$WORK/contents"
[ $left = 0 ] || fail "files of the package are left behind"
ok "none of the package's $(wc -l <"$WORK/contents") paths is left, except directories that were there before"
[ ! -e /opt/$NAME ] && [ ! -e /usr/bin/$NAME ] && [ ! -L /usr/bin/$NAME ] || fail "/opt/$NAME or /usr/bin/$NAME left"
stray=$(find /usr/share/applications /usr/share/icons /usr/local/share/applications /etc/xdg \
  -name "*$NAME*" 2>/dev/null || true)
[ -z "$stray" ] || fail "stray files: $stray"
ok "no /opt/$NAME, no /usr/bin/$NAME, no $NAME desktop entry or icon under /usr/share/applications, /usr/share/icons, /etc/xdg"
echo "     (dependencies apt installed with it, removable with apt-get autoremove: $(apt-get -s autoremove | grep -c '^Remv'))"

printf '\nAll checks passed.\n'
