# The .deb's Depends: line, made to install on Debian 12 and on Ubuntu 24.04 whichever of them built it
# (packaging/build.sh applies this to DEBIAN/control; packaging/check-deb.sh checks it).
# jpackage names the packages of the runtime's libraries as the build machine has them. Ubuntu 24.04, the
# workflow's ubuntu-latest, renamed some in its 64-bit time_t transition (libasound2 -> libasound2t64), names
# Debian 12 does not have: each such dependency also accepts the old name. Ubuntu's t64 packages provide
# their old names, so a package built on Debian needs nothing.
/^Depends:/s/ ,/,/g
/^Depends:/s/\b\([a-z0-9][a-z0-9.+-]*\)t64\b/\1t64 | \1/g
