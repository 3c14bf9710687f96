#!/usr/bin/env bash
# Regenerates every icon file in this folder from the one vector source, byok-studio.svg:
#   png/byok-studio-<N>.png  N = 16 24 32 48 64 128 256 512 1024 (8-bit RGBA)
#   byok-studio.ico          16, 24, 32, 48, 64, 128 and 256 px
#   byok-studio.icns         16 to 1024 px, including the @2x entries
#
# Needs: rsvg-convert (renders the SVG), ImageMagick (`magick` or `convert`: PNG
# normalisation and the .ico) and python3 (writes the .icns).
#   Debian/Ubuntu: apt-get install -y librsvg2-bin imagemagick python3
#   macOS:         brew install librsvg imagemagick python3
#
# The output is deterministic: no timestamps or text chunks are written, so a rerun
# with the same tool versions gives the same bytes. The generated files are committed;
# the build does not run this script.
set -euo pipefail

cd "$(dirname "$0")"

SOURCE=byok-studio.svg
PNG_SIZES=(16 24 32 48 64 128 256 512 1024)
ICO_SIZES=(16 24 32 48 64 128 256)

missing() {
  echo "generate.sh: $1 is missing. Install it with:" >&2
  echo "  apt-get install -y librsvg2-bin imagemagick python3   (Debian/Ubuntu)" >&2
  echo "  brew install librsvg imagemagick python3              (macOS)" >&2
  exit 1
}

command -v rsvg-convert >/dev/null 2>&1 || missing "rsvg-convert (librsvg2-bin)"
if command -v magick >/dev/null 2>&1; then
  IM=(magick)
elif command -v convert >/dev/null 2>&1 && convert -version 2>/dev/null | grep -q ImageMagick; then
  IM=(convert)
else
  missing "ImageMagick (magick or convert)"
fi
command -v python3 >/dev/null 2>&1 || missing "python3"

# Options that keep ImageMagick's PNGs free of anything that changes between runs.
PNG_CLEAN=(-strip -define png:exclude-chunks=date,time +set date:create +set date:modify)

mkdir -p png
for n in "${PNG_SIZES[@]}"; do
  out="png/byok-studio-$n.png"
  # rsvg-convert draws the SVG (ImageMagick's own SVG renderer is coarser at small
  # sizes); ImageMagick then fixes the format at 8-bit RGBA and drops metadata.
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio "$SOURCE" \
    | "${IM[@]}" png:- "${PNG_CLEAN[@]}" "PNG32:$out"
  echo "wrote $out"
done

ico_inputs=()
for n in "${ICO_SIZES[@]}"; do ico_inputs+=("png/byok-studio-$n.png"); done
"${IM[@]}" "${ico_inputs[@]}" "${PNG_CLEAN[@]}" byok-studio.ico
echo "wrote byok-studio.ico"

# ImageMagick does not write ICNS, and png2icns (icnsutils) knows only some of the
# types. The format is simple: 'icns' + total length, then entries of 4-byte type +
# 4-byte length (both including the 8-byte header) + PNG data.
python3 - <<'PY'
import struct

# type -> pixel size of the PNG it holds (the @2x types hold twice their point size)
ENTRIES = [
    ("icp4", 16), ("icp5", 32), ("icp6", 64),
    ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024),
    ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
]

body = b""
for kind, size in ENTRIES:
    with open(f"png/byok-studio-{size}.png", "rb") as f:
        data = f.read()
    body += kind.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
icns = b"icns" + struct.pack(">I", 8 + len(body)) + body
with open("byok-studio.icns", "wb") as f:
    f.write(icns)

# Read it back: every entry's length must add up and hold a PNG of the expected size.
with open("byok-studio.icns", "rb") as f:
    data = f.read()
assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data), "bad icns header"
pos, seen = 8, []
while pos < len(data):
    kind = data[pos:pos + 4].decode("ascii")
    length = struct.unpack(">I", data[pos + 4:pos + 8])[0]
    png = data[pos + 8:pos + length]
    assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{kind} does not hold a PNG"
    width, height = struct.unpack(">II", png[16:24])
    seen.append((kind, width))
    assert width == height, f"{kind} is {width}x{height}"
    pos += length
assert pos == len(data) and seen == ENTRIES, f"icns entries {seen} != {ENTRIES}"
print(f"wrote byok-studio.icns ({len(seen)} entries, {len(data)} bytes)")
PY
