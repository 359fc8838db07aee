#!/usr/bin/env python3
"""split_pdf.py PDF SVG-1 SVG-2 ... — checks the one PDF of `--split N -T
pdf` against the numbered SVGs of the same `--split N -T svg`, page by page:

- the PDF has as many pages as there are SVGs (pdfinfo);
- page n is the size Graphviz gives a PDF of part n alone: SVG n's
  viewBox plus the PDF device's margin, half an inch a side, rounded to a
  point (pdfinfo's "Page n size");
- every line of text SVG n draws is on page n (pdftotext of that page,
  whitespace and hyphens left out on both sides, so that a line pdftotext
  joins or splits, or a word broken at a hyphen that it joins, still
  matches), and a line found nowhere in the other SVGs' text is on no
  other page;
- every font is embedded, with a Unicode map (pdffonts: emb and uni yes).

Prints what is wrong and exits 1, or prints a summary line."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MARGIN = 36  # points a side: Graphviz's pdf device


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squeeze(text):
    """text without whitespace and hyphens: a line as pdftotext may join or
    split it, a word broken at a hyphen as it may join it or not"""
    return re.sub(r"[\s-]+", "", text)


def svg_lines(path):
    root = ET.parse(path).getroot()
    lines = []
    for el in root.iter("{http://www.w3.org/2000/svg}text"):
        text = squeeze("".join(el.itertext()))
        if text:
            lines.append(text)
    view = [float(v) for v in root.get("viewBox").split()]
    return lines, view[2], view[3]


def main():
    pdf, svgs = sys.argv[1], sys.argv[2:]
    problems = []
    info = run("pdfinfo", "-f", "1", "-l", str(len(svgs) + 1), pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    if pages != len(svgs):
        problems.append(f"{pages} pages, not {len(svgs)}")
    sizes = {int(n): (float(w), float(h))
             for n, w, h in re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)}
    parts = [svg_lines(s) for s in svgs]
    texts = [squeeze(run("pdftotext", "-f", str(n), "-l", str(n), pdf, "-")) for n in range(1, pages + 1)]
    for n, (lines, width, height) in enumerate(parts, 1):
        if n > pages:
            break
        want = (round(width + 2 * MARGIN), round(height + 2 * MARGIN))
        got = sizes.get(n)
        if not got or abs(got[0] - want[0]) > 1 or abs(got[1] - want[1]) > 1:
            problems.append(f"page {n} is {got} points, not {want} (its part's SVG, {width} x {height}, plus margins)")
        missing = [line for line in lines if line not in texts[n - 1]]
        if missing:
            problems.append(f"page {n} lacks {len(missing)} of its part's {len(lines)} lines, such as {missing[:3]}")
        # lines found nowhere in the other parts' text, lines run together
        others = "".join(line for i, p in enumerate(parts, 1) if i != n for line in p[0])
        own = [line for line in lines if line not in others and len(line) > 3]
        strays = [(line, i) for line in own for i, t in enumerate(texts, 1) if i != n and line in t]
        if strays:
            problems.append(f"lines of page {n} on other pages: {strays[:3]}")
        if not own:
            problems.append(f"page {n} has no line of its own to look for")
    fonts = run("pdffonts", pdf).splitlines()[2:]
    if not fonts:
        problems.append("no fonts")
    for row in fonts:
        cols = row.split()
        # name type... encoding emb sub uni object generation
        emb, uni = cols[-5], cols[-3]
        if emb != "yes" or uni != "yes":
            problems.append(f"a font not embedded or without a Unicode map: {row}")
    if problems:
        print(f"{pdf}:\n  " + "\n  ".join(problems))
        return 1
    print(f"{pdf}: {pages} pages, sizes, texts and {len(fonts)} embedded fonts as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
