#!/usr/bin/env python3
"""svg_text_fit.py GLYPHS SVG [MARGIN] — every text cjm drew on a card or a
node lies inside it, with a margin (default 1.5 points) on every side, and
apart from the other lines of the card.

A card is a filled or outlined shape (a path or a polygon) of a node cjm
gave a class of its own (<g class="node step">, "node cell", "node note
pain", "node persona", "node stage", "node row"...): a step card, a lane
entry, a measure, a flow step or note, a heading. (The plain nodes are
texts on the page, the legend's keys and the patches that mask a line
under its label.) Each text of the node belongs to the smallest card whose
box holds the text's anchor, a third of the font size above the baseline;
a text on no card (a title, a heading on the page, a label of a stage's
cluster) is not checked. A text's box: its width from GLYPHS
(runtime/render/graphviz/glyph_advance.tsv, the advances cjm lays text out
with; a wide character not listed a full em, any other 0.76 em), placed by
its anchor (start, middle, end); its height from the font size: for a
text with a wide (CJK) character, from 0.9 em above the baseline to 0.2 em
below it, the em box the ideographs and kana of Noto Sans CJK fill and a
tenth of an em clear on either side, which a line of CJK text needs to
read apart from the next; for any other text, from 0.76 em above to 0.24
em below, DejaVu Sans's ascenders and descenders. Two texts of one card on
different baselines must not overlap. Prints each text that sticks out or
overlaps, and by how much; exits 1 if one does or if no text was checked;
prints the number of texts checked."""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

WIDE_EXTENT = (0.9, 0.2)    # above and below the baseline, in em
OTHER_EXTENT = (0.76, 0.24)
SVG = "{http://www.w3.org/2000/svg}"


def advances(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith(("#", "codepoint")):
            continue
        cols = line.rstrip("\n").split("\t")
        table[int(cols[0][2:], 16)] = (int(cols[1]), int(cols[2]))
    return table


def width(table, text, size, bold):
    total = 0
    for ch in text:
        cp = ord(ch)
        if cp in table:
            total += table[cp][1 if bold else 0]
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            total += 1000
        else:
            total += 840 if bold else 760
    return total * size / 1000


def wide(text):
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def numbers(s):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", s)]


def shape_box(el):
    tag = el.tag[len(SVG):]
    v = numbers(el.get("points", "") if tag == "polygon" else el.get("d", ""))
    xs, ys = v[0::2], v[1::2]
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def visible(el):
    fill, stroke = el.get("fill", "black"), el.get("stroke", "none")
    if float(el.get("fill-opacity", "1")) < 1:
        return False  # a halo
    return fill not in ("none", "transparent") or stroke not in ("none", "transparent")


def main():
    table = advances(sys.argv[1])
    path = sys.argv[2]
    margin = float(sys.argv[3]) if len(sys.argv) > 3 else 1.5
    bad = checked = 0
    for g in ET.parse(path).iter(SVG + "g"):
        classes = g.get("class", "").split()
        if "node" not in classes or len(classes) < 2:
            continue
        cards = [b for el in g.iter() if el.tag in (SVG + "path", SVG + "polygon") and visible(el)
                 for b in [shape_box(el)] if b]
        placed = []  # (card, box, baseline, text) of the texts on cards
        for t in g.iter(SVG + "text"):
            text = "".join(t.itertext())
            if not text.strip():
                continue  # the spacer lines between lines of CJK text
            size = float(t.get("font-size", "14"))
            x, y = float(t.get("x")), float(t.get("y"))
            ay = y - size / 3
            holding = [b for b in cards if b[0] <= x <= b[2] and b[1] <= ay <= b[3]]
            if not holding:
                continue
            card = min(holding, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
            w = width(table, text, size, t.get("font-weight") == "bold")
            anchor = t.get("text-anchor", "start")
            left = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
            above, below = WIDE_EXTENT if wide(text) else OTHER_EXTENT
            box = (left, y - above * size, left + w, y + below * size)
            placed.append((card, box, y, text))
            over = max(card[0] + margin - box[0], card[1] + margin - box[1],
                       box[2] - (card[2] - margin), box[3] - (card[3] - margin))
            checked += 1
            if over > 0.01:
                bad += 1
                sides = [name for name, d in (("left", card[0] + margin - box[0]), ("top", card[1] + margin - box[1]),
                                              ("right", box[2] - (card[2] - margin)),
                                              ("bottom", box[3] - (card[3] - margin))) if d > 0.01]
                print("%s: %.1f pt over the %s margin of its card: %s" % (g.get("id"), over, "/".join(sides), text[:60]))
        for i, (card, a, ya, ta) in enumerate(placed):
            for card2, b, yb, tb in placed[i + 1:]:
                if card2 != card or abs(ya - yb) < 0.5:
                    continue
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > 0.01 and dy > 0.01:
                    bad += 1
                    print("%s: lines %.1f pt into each other: %s / %s" % (g.get("id"), dy, ta[:30], tb[:30]))
    print("%d texts checked" % checked)
    sys.exit(1 if bad or not checked else 0)


main()
