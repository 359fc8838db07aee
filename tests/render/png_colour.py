#!/usr/bin/env python3
"""png_colour.py SVG PNG TEXT [MIN] — the text TEXT of a rendering is drawn
in colour in its PNG: the share of coloured pixels (a channel at least 80
apart from another) in the box where the SVG of the same rendering puts
that text is at least MIN (default 0.1). An emoji drawn by a colour font
passes; an empty box (tofu), or a monochrome glyph, has no coloured pixel
and fails. The box: from the <text> whose content is TEXT, its anchor at
the start, 1.25 em per character (Noto Color Emoji's advance) and from
0.9 em above the baseline to 0.2 em below, scaled from the SVG's points to
the PNG's pixels. Prints the share; exits 1 below MIN. Reads the PNG
itself (8-bit RGB or RGBA, not interlaced), with zlib."""
import re
import struct
import sys
import zlib
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("png_colour.py: %s is not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit("png_colour.py: only 8-bit RGB or RGBA, not interlaced")
        elif kind == b"IDAT":
            idat += body
    raw, bpp = zlib.decompress(idat), 3 if colour == 2 else 4
    stride, rows, prev, i = w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    svg_path, png_path, text = sys.argv[1:4]
    least = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1
    root = ET.parse(svg_path).getroot()
    width_pt = float(re.match(r"[\d.]+", root.get("width")).group())
    g = root.find(SVG + "g")
    tx, ty = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", g.get("transform")).groups())
    el = next((t for t in root.iter(SVG + "text") if "".join(t.itertext()) == text), None)
    if el is None:
        sys.exit("png_colour.py: no text %r in %s" % (text, svg_path))
    size, x, y = float(el.get("font-size")), float(el.get("x")), float(el.get("y"))
    w, h, bpp, rows = read_png(png_path)
    scale = w / width_pt
    x0, x1 = int((tx + x) * scale), int((tx + x + 1.25 * size * len(text)) * scale)
    y0, y1 = int((ty + y - 0.9 * size) * scale), int((ty + y + 0.2 * size) * scale)
    coloured = total = 0
    for py in range(max(y0, 0), min(y1, h)):
        for px in range(max(x0, 0), min(x1, w)):
            r, gr, b = rows[py][px * bpp:px * bpp + 3]
            total += 1
            coloured += max(r, gr, b) - min(r, gr, b) >= 80
    share = coloured / total if total else 0
    print("%.2f of %d pixels coloured where %r is drawn" % (share, total, text))
    sys.exit(0 if share >= least else 1)


main()
