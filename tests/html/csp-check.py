#!/usr/bin/env python3
"""csp-check.py PAGE: prints the Content-Security-Policy a page declares
(its <meta http-equiv>), then one line per inline <style> and <script>:
"style sha256-…" / "script sha256-…", hashed from the text as an HTML parser
reads it.  t-html.sh compares the two."""
import base64, hashlib, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.csp, self.open, self.text, self.found, self.order = None, None, [], [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.order.append(tag)
        if tag == 'meta' and (a.get('http-equiv') or '').lower() == 'content-security-policy':
            self.csp = a.get('content')
        if tag in ('style', 'script'):
            self.open, self.text = tag, []
    def handle_data(self, data):
        if self.open:
            self.text.append(data)
    def handle_endtag(self, tag):
        if tag == self.open:
            t = ''.join(self.text).replace('\r\n', '\n').replace('\r', '\n')
            d = base64.b64encode(hashlib.sha256(t.encode('utf-8')).digest()).decode()
            self.found.append(f'{tag} sha256-{d}')
            self.open = None

p = Page()
with open(sys.argv[1], encoding='utf-8') as f:
    p.feed(f.read())
print(p.csp)
print(' '.join(t for t in p.order if t in ('meta', 'style', 'script')))
for line in p.found:
    print(line)
