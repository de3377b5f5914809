#!/usr/bin/env python3
# pdfua-check.py - the PDF/UA-1 points a PDF's objects show, read through
# `qpdf --json=2` (Python's standard library only).
#
#   tests/pdfua-check.py FILE.pdf...
#
# For each file, one line per problem ("FILE: what"), then a summary line
# "FILE: N problems (F figures, T tables, H headings, L links, P fonts)".
# Exit status 0 when no file has a problem, 1 otherwise, 2 when qpdf cannot
# read a file.  The checks (Matterhorn Protocol 1.1 checkpoints in brackets):
#   catalog: /Lang [11-006], /MarkInfo /Marked true [01-002],
#     /ViewerPreferences /DisplayDocTitle true [07-001], a /StructTreeRoot
#     [01-006], XMP /Metadata with dc:title [06-003] and pdfuaid:part 1
#     [06-002]; the Info /Title is not empty [06-004];
#   structure: every Figure has /Alt [13-004]; every Table has rows (TR,
#     directly or in THead/TBody/TFoot) and its TR hold only TH and TD
#     [15-*, 09-004]; every TH has a /Scope [15-003]; heading levels start
#     at H1 and never skip one [14-002, 14-003];
#   links: every Link annotation has /Contents [28-009] and a
#     /StructParent, and is the OBJR of a Link element [28-011]; every page
#     with annotations has /Tabs /S [28-*];
#   fonts: every font is embedded [31-009] and has a /ToUnicode map
#     [31-027] (a Type0 font's descendant carries the embedding);
#   content: nothing is painted outside a marked-content sequence, tagged
#     (with an MCID) or an /Artifact [01-005] (a form XObject drawn outside
#     one counts as painted there).
import json
import os
import re
import subprocess
import sys
import tempfile


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", path],
                         capture_output=True, check=False)
    if out.returncode not in (0, 3):
        sys.stderr.write("%s: qpdf cannot read it: %s" % (path, out.stderr.decode(errors="replace")))
        sys.exit(2)
    q = json.loads(out.stdout)["qpdf"][1]
    return {k[4:]: v for k, v in q.items() if k.startswith("obj:")}, q["trailer"]["value"]


def stream_text(path, ref):
    out = subprocess.run(["qpdf", "--show-object=" + ref.split()[0], "--filtered-stream-data", path],
                         capture_output=True, check=False)
    return out.stdout.decode("utf-8", errors="replace")


class Pdf:
    def __init__(self, path):
        self.path = path
        self.objs, self.trailer = qpdf_json(path)
        self.problems = []

    def get(self, v):
        """The value of v, following references; a stream gives its dictionary."""
        while isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get(v)
            if o is None:
                return None
            v = o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def key(self, d, k):
        d = self.get(d)
        return self.get(d.get(k)) if isinstance(d, dict) else None

    def bad(self, what):
        self.problems.append(what)


def text(v):
    """A PDF string as qpdf's JSON gives it: u:text, or b:hex."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return None


def check_catalog(p):
    root = p.get(p.trailer.get("/Root"))
    if not text(p.key(root, "/Lang")):
        p.bad("the catalog has no /Lang")
    if p.key(p.key(root, "/MarkInfo"), "/Marked") is not True:
        p.bad("the catalog has no /MarkInfo <</Marked true>>")
    if p.key(p.key(root, "/ViewerPreferences"), "/DisplayDocTitle") is not True:
        p.bad("the catalog has no /ViewerPreferences <</DisplayDocTitle true>>")
    if p.key(root, "/StructTreeRoot") is None:
        p.bad("the catalog has no /StructTreeRoot")
    title = text(p.key(p.trailer.get("/Info"), "/Title"))
    if not title:
        p.bad("the document information has no /Title")
    meta = root.get("/Metadata") if isinstance(root, dict) else None
    if meta is None:
        p.bad("the catalog has no XMP /Metadata")
        return
    xmp = stream_text(p.path, meta)
    m = re.search(r"<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", xmp, re.S)
    if not m:
        p.bad("the XMP metadata has no dc:title")
    elif title and m.group(1) != title:
        p.bad("the XMP dc:title differs from the document information's /Title")
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
        p.bad("the XMP metadata has no pdfuaid:part 1")


def kids(p, elem):
    k = p.get(elem.get("/K"))
    if k is None:
        return []
    return k if isinstance(k, list) else [k]


def struct_elems(p):
    """Every structure element, depth first, with its parent's type."""
    root = p.key(p.trailer.get("/Root"), "/StructTreeRoot")
    out, stack = [], [(k, None) for k in reversed(kids(p, root))] if root else []
    while stack:
        ref, parent = stack.pop()
        e = p.get(ref)
        if not isinstance(e, dict) or e.get("/Type") in ("/OBJR", "/MCR") or "/S" not in e:
            continue
        out.append((ref, e, parent))
        stack.extend((k, e) for k in reversed(kids(p, e)))
    return out


def has_scope(p, th):
    a = p.get(th.get("/A"))
    for d in (a if isinstance(a, list) else [a]):
        d = p.get(d)
        if isinstance(d, dict) and p.get(d.get("/Scope")) in ("/Row", "/Column", "/Both"):
            return True
    return False


def check_table(p, ref, t, counts):
    rows = []
    for k in kids(p, t):
        e = p.get(k)
        if not isinstance(e, dict):
            continue
        if e.get("/S") == "/TR":
            rows.append(e)
        elif e.get("/S") in ("/THead", "/TBody", "/TFoot"):
            rows.extend(r for r in (p.get(x) for x in kids(p, e)) if isinstance(r, dict) and r.get("/S") == "/TR")
    if not rows:
        p.bad("Table %s has no TR rows" % ref)
    for r in rows:
        for c in (p.get(x) for x in kids(p, r)):
            if isinstance(c, dict) and "/S" in c and c["/S"] not in ("/TH", "/TD"):
                p.bad("a TR of Table %s holds a %s, not TH or TD" % (ref, c["/S"]))
    counts["tables"] += 1


def check_structure(p, counts):
    level = 0
    for ref, e, parent in struct_elems(p):
        s = e.get("/S")
        if s == "/Figure":
            counts["figures"] += 1
            if not text(p.get(e.get("/Alt"))) and not text(p.get(e.get("/ActualText"))):
                p.bad("Figure %s has no /Alt" % ref)
        elif s == "/Table":
            check_table(p, ref, e, counts)
        elif s == "/TH":
            if not has_scope(p, e):
                p.bad("TH %s has no /Scope" % ref)
        elif s in ("/TR",) and (parent is None or parent.get("/S") not in ("/Table", "/THead", "/TBody", "/TFoot")):
            p.bad("TR %s is not in a Table" % ref)
        elif s in ("/TH", "/TD") and (parent is None or parent.get("/S") != "/TR"):
            p.bad("%s %s is not in a TR" % (s[1:], ref))
        m = re.fullmatch(r"/H([1-6])", s or "")
        if m:
            counts["headings"] += 1
            n = int(m.group(1))
            if level == 0 and n != 1:
                p.bad("the first heading is H%d, not H1" % n)
            elif n > level + 1 and level > 0:
                p.bad("heading %s is H%d after H%d: a level is skipped" % (ref, n, level))
            level = n


def link_objrs(p):
    """The annotations the Link elements own (their OBJR kids)."""
    owned = set()
    for _, e, _ in struct_elems(p):
        if e.get("/S") != "/Link":
            continue
        for k in kids(p, e):
            d = p.get(k)
            if isinstance(d, dict) and d.get("/Type") == "/OBJR":
                owned.add(d.get("/Obj"))
    return owned


def check_links(p, pages, counts):
    owned = link_objrs(p)
    for n, page in enumerate(pages, 1):
        annots = p.key(page, "/Annots") or []
        if annots and p.key(page, "/Tabs") != "/S":
            p.bad("page %d has annotations but no /Tabs /S" % n)
        for a in annots:
            d = p.get(a)
            if not isinstance(d, dict) or d.get("/Subtype") != "/Link":
                continue
            counts["links"] += 1
            if not text(p.get(d.get("/Contents"))):
                p.bad("the link annotation %s on page %d has no /Contents" % (a, n))
            if "/StructParent" not in d:
                p.bad("the link annotation %s on page %d has no /StructParent" % (a, n))
            if a not in owned:
                p.bad("the link annotation %s on page %d is no Link element's OBJR" % (a, n))


def font_problems(p, ref, font):
    name = p.get(font.get("/BaseFont")) or ref
    out = []
    if font.get("/Subtype") != "/Type3":
        f = font
        if font.get("/Subtype") == "/Type0":
            f = p.get((p.get(font.get("/DescendantFonts")) or [None])[0]) or {}
        desc = p.get(f.get("/FontDescriptor")) or {}
        if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            out.append("the font %s is not embedded" % name)
    if "/ToUnicode" not in font:
        out.append("the font %s has no /ToUnicode" % name)
    return out


def check_fonts(p, pages, counts):
    seen = set()
    todo = [p.key(page, "/Resources") for page in pages]
    while todo:
        res = p.get(todo.pop())
        if not isinstance(res, dict):
            continue
        for ref in (p.get(res.get("/Font")) or {}).values():
            if ref in seen:
                continue
            seen.add(ref)
            font = p.get(ref)
            counts["fonts"] += 1
            for what in font_problems(p, ref, font):
                p.bad(what)
            if font.get("/Subtype") == "/Type3":
                todo.append(font.get("/Resources"))
        for ref in (p.get(res.get("/XObject")) or {}).values():
            if ref not in seen:
                seen.add(ref)
                todo.append((p.get(ref) or {}).get("/Resources"))


def content_tokens(s):
    """The tokens of a content stream: (kind, text), kind op or operand."""
    i, n = 0, len(s)
    word = re.compile(r"/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+")
    while i < n:
        c = s[i]
        if c in " \t\r\n\f\0":
            i += 1
        elif c == "%":
            j = s.find("\n", i)
            i = n if j < 0 else j
        elif c == "(":
            depth, j = 1, i + 1
            while j < n and depth:
                if s[j] == "\\":
                    j += 1
                elif s[j] == "(":
                    depth += 1
                elif s[j] == ")":
                    depth -= 1
                j += 1
            yield "operand", s[i:j]
            i = j
        elif s.startswith("<<", i) or s.startswith(">>", i):
            yield "operand", s[i:i + 2]
            i += 2
        elif c == "<":
            j = s.find(">", i)
            j = n if j < 0 else j + 1
            yield "operand", s[i:j]
            i = j
        elif c in "[]{}":
            yield "operand", c
            i += 1
        else:
            t = word.match(s, i).group(0)
            i += len(t)
            number = re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", t)
            yield ("operand" if t[0] == "/" or number or t in ("true", "false", "null") else "op"), t


PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}


def unmarked_ops(data):
    """How many painting operators run outside every marked-content sequence."""
    depth, count = 0, 0
    for kind, t in content_tokens(data):
        if kind != "op":
            continue
        if t in ("BDC", "BMC"):
            depth += 1
        elif t == "EMC":
            depth = max(0, depth - 1)
        elif t in PAINT and depth == 0:
            count += 1
    return count


def check_content(p):
    """Each page's content streams, in order, as qpdf --qdf writes them."""
    fd, tmp = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    try:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", p.path, tmp], capture_output=True, check=False)
        qdf = open(tmp, encoding="latin-1").read()
    finally:
        os.unlink(tmp)
    pages = {}
    for m in re.finditer(r"%% Contents for page (\d+)\n.*?\nstream\n(.*?)\nendstream", qdf, re.S):
        pages.setdefault(int(m.group(1)), []).append(m.group(2))
    for n in sorted(pages):
        count = unmarked_ops("\n".join(pages[n]))
        if count:
            p.bad("page %d paints %d times outside tagged content and artifacts" % (n, count))


def page_list(p):
    out, stack = [], [p.key(p.trailer.get("/Root"), "/Pages")]
    while stack:
        node = p.get(stack.pop())
        if not isinstance(node, dict):
            continue
        if node.get("/Type") == "/Pages":
            stack.extend(reversed(p.get(node.get("/Kids")) or []))
        else:
            out.append(node)
    return out


def check(path):
    p = Pdf(path)
    counts = dict(figures=0, tables=0, headings=0, links=0, fonts=0)
    pages = page_list(p)
    check_catalog(p)
    check_structure(p, counts)
    check_links(p, pages, counts)
    check_fonts(p, pages, counts)
    check_content(p)
    for what in p.problems:
        print("%s: %s" % (path, what))
    print("%s: %d problems (%d figures, %d tables, %d headings, %d links, %d fonts)" % (
        path, len(p.problems), counts["figures"], counts["tables"], counts["headings"], counts["links"],
        counts["fonts"]))
    return len(p.problems) == 0


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: pdfua-check.py FILE.pdf...\n")
        return 2
    ok = True
    for path in argv[1:]:
        ok = check(path) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
