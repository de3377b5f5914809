#!/usr/bin/env python3
"""flatten.py - kpic's layout document (kpic pdf --format=xml) as plain lines
for the reference program ref.c, so that it sets the same text and tables
without reading XML:

    H<level> TAB text        a heading
    P TAB text               a paragraph (list items too)
    T TAB w1,w2,...          a table starts, with its column weights
    R TAB cell TAB cell...   a row (head rows too)
    E                        the table ends
    F TAB caption            a figure (a chart): a framed plot and its caption
    B                        a page break
"""
import sys
import xml.etree.ElementTree as ET

NS = "{urn:x-kpic:layout:1}"


def text(el):
    return " ".join("".join(el.itertext()).split()).replace("\t", " ")


def walk(el, out):
    tag = el.tag.replace(NS, "")
    if tag == "heading":
        out.append("H%s\t%s" % (el.get("level", "2"), text(el)))
    elif tag == "p":
        out.append("P\t" + text(el))
    elif tag == "item":
        out.append("P\t・" + text(el))
    elif tag == "table":
        cols = [c.get("width", "1") for c in el.findall(NS + "col")]
        cap = el.find(NS + "caption")
        if cap is not None:
            out.append("P\t" + text(cap))
        rows = el.iter(NS + "row")
        first = True
        for r in rows:
            cells = [text(c) for c in r.findall(NS + "cell")]
            if first:
                if not cols:
                    cols = ["1"] * len(cells)
                out.append("T\t" + ",".join(cols))
                first = False
            out.append("R\t" + "\t".join(cells))
        if not first:
            out.append("E")
    elif tag == "figure":
        cap = el.find(NS + "caption")
        out.append("F\t" + (text(cap) if cap is not None else ""))
    elif tag == "page-break":
        out.append("B")
    else:
        for c in el:
            walk(c, out)


out = []
walk(ET.parse(sys.argv[1]).getroot(), out)
sys.stdout.write("\n".join(out) + "\n")
