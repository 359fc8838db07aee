#!/usr/bin/env python3
"""svg_contrast.py SVG [MIN] — the contrast of every text of an SVG that cjm
drew against what it is drawn on.

For each <text>, the background is the last filled shape before it in the
document (Graphviz paints in document order) whose box holds the text's
anchor, a third of the font size above the baseline: a polygon, a path (its
box from its points) or an ellipse; shapes drawn translucent (halos) and
unfilled ones are passed over; with none, the page's background (the first
polygon of the graph). Prints each text below MIN (default 4.5) and exits 1
if there is one; prints the number of texts checked."""
import re
import sys
import xml.etree.ElementTree as ET

NAMED = {"white": "#ffffff", "black": "#000000"}


def rgb(colour):
    colour = NAMED.get(colour, colour)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", colour or ""):
        return None
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def luminance(c):
    l = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def numbers(s):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", s)]


def box(el, tag):
    if tag == "polygon":
        v = numbers(el.get("points", ""))
    elif tag == "path":
        v = numbers(el.get("d", ""))
    elif tag == "ellipse":
        cx, cy, rx, ry = (float(el.get(k)) for k in ("cx", "cy", "rx", "ry"))
        return (cx - rx, cy - ry, cx + rx, cy + ry)
    else:
        return None
    xs, ys = v[0::2], v[1::2]
    if not xs or not ys:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def main():
    path = sys.argv[1]
    least = float(sys.argv[2]) if len(sys.argv) > 2 else 4.5
    shapes, bad, checked, page = [], 0, 0, None
    for el in ET.parse(path).iter():
        tag = el.tag.split("}")[-1]
        if tag in ("polygon", "path", "ellipse"):
            fill = rgb(el.get("fill", ""))
            if fill is None or float(el.get("fill-opacity", "1")) < 1:
                continue
            b = box(el, tag)
            if b is None:
                continue
            if page is None and tag == "polygon":
                page = fill
            shapes.append((b, fill, el.get("fill")))
        elif tag == "text":
            ink = rgb(el.get("fill", "black"))
            x, y = float(el.get("x")), float(el.get("y")) - float(el.get("font-size", "10")) / 3
            background, name = page or (1, 1, 1), "page"
            for b, fill, raw in reversed(shapes):
                if b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                    background, name = fill, raw
                    break
            checked += 1
            c = contrast(ink, background)
            if c < least:
                bad += 1
                print("%.2f:1  %s on %s: %s" % (c, el.get("fill"), name, "".join(el.itertext())[:60]))
    print("%d texts checked" % checked)
    sys.exit(1 if bad or not checked else 0)


main()
