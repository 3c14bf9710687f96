#!/bin/bash
# The byok-studio command the .deb installs as /usr/bin/byok-studio (and the desktop entry runs). It starts the
# bundled Java runtime directly, with the class path, main class and JVM options of the jpackage launcher's own
# configuration, so that one file says how BYOK Studio starts. Going through the jpackage launcher for Linux
# would cost about 130 ms on every start: it asks rpm and dpkg which package it belongs to (ADR 0012).
app=/opt/byok-studio
appdir=$app/lib/app
cfg=$appdir/byok-studio.cfg
[ -r "$cfg" ] && [ -x "$app/lib/runtime/bin/java" ] || exec "$app/bin/byok-studio" "$@"
opts=() cp="" main=""
while IFS= read -r line || [ -n "$line" ]; do
    line=${line//\$APPDIR/$appdir}
    line=${line//\$ROOTDIR/$app}
    case $line in
        java-options=*) opts+=("${line#java-options=}") ;;
        app.classpath=*) cp=${cp:+$cp:}${line#app.classpath=} ;;
        app.mainclass=*) main=${line#app.mainclass=} ;;
    esac
done <"$cfg"
[ -n "$main" ] || exec "$app/bin/byok-studio" "$@"
exec "$app/lib/runtime/bin/java" "${opts[@]}" -Djpackage.app-path="$app/bin/byok-studio" -cp "$cp" "$main" "$@"
