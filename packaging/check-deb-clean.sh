#!/usr/bin/env bash
# check-deb.sh on a clean Debian 12: a new minimal bookworm (debootstrap --variant=minbase) in a chroot,
# with nothing but what the .deb and the check itself install. Run as root on a Debian or Ubuntu machine
# with network access to deb.debian.org.
#
#   packaging/check-deb-clean.sh [FILE.deb]     default: packaging/out/byok-studio_*.deb
#   SUITE=trixie packaging/check-deb-clean.sh   on a clean Debian 13 instead (t64 package names, as Ubuntu 24.04)
#
# Leaves docs/screenshots/installed-debian12-clean.png (Debian 13: ...-debian13-clean.png). Exit status:
# check-deb.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot)" >&2; exit 2; }
DEB=${1:-$(ls packaging/out/byok-studio_*.deb 2>/dev/null | head -1 || true)}
[ -f "$DEB" ] || { echo "no .deb: build it with packaging/build.sh, or name one" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null

SUITE=${SUITE:-bookworm}
case $SUITE in
  bookworm) RELEASE=12 ;;
  trixie) RELEASE=13 ;;
  *) echo "SUITE: bookworm (Debian 12) or trixie (Debian 13), not '$SUITE'" >&2; exit 2 ;;
esac
ROOTFS=$(mktemp -d /tmp/byok-debian$RELEASE.XXXXXX)
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$ROOTFS"
}
trap cleanup EXIT

echo "== a clean Debian $RELEASE ($SUITE, minbase) in $ROOTFS"
debootstrap --variant=minbase $SUITE "$ROOTFS" http://deb.debian.org/debian >"$ROOTFS.log" 2>&1 \
  || { tail -20 "$ROOTFS.log"; exit 2; }
rm -f "$ROOTFS.log"
for m in proc sys dev dev/pts; do
  mkdir -p "$ROOTFS/$m"
  case $m in
    proc) mount -t proc proc "$ROOTFS/proc" ;;
    sys) mount -t sysfs sys "$ROOTFS/sys" ;;
    *) mount --bind "/$m" "$ROOTFS/$m" ;;
  esac
  mounted+=("$ROOTFS/$m")
done
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
mkdir -p "$ROOTFS/root/byok/packaging/linux" "$ROOTFS/root/byok/docs/screenshots"
cp packaging/check-deb.sh packaging/check-command.sh "$ROOTFS/root/byok/packaging/"
cp packaging/linux/* "$ROOTFS/root/byok/packaging/linux/"
cp "$DEB" "$ROOTFS/root/"
echo "== packages before: $(chroot "$ROOTFS" dpkg-query -W | wc -l)"
status=0
chroot "$ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  /bin/bash -c "apt-get update -q >/dev/null && cd /root/byok && bash packaging/check-deb.sh /root/$(basename "$DEB")" \
  || status=$?
cp "$ROOTFS/root/byok/docs/screenshots/installed-linux.png" docs/screenshots/installed-debian$RELEASE-clean.png 2>/dev/null || true
exit $status
