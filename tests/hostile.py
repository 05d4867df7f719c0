"""Hostile text: script-injection and interpretation payloads (issue 6, part 2).

Each payload carries a marker: ``pwnNN`` as the id of any element it would
inject (and in any URL it would request), ``70NN`` as the argument of any
``alert`` it would run. A test finds an injected element by ``[id^=pwn]``, a
dialog by its message and a request by ``pwn`` or ``evil.example`` in its URL.

Used by tests/test_hostile.py: the payloads go into annotation quotes,
speakers and source metadata, gazetteer names, a document given to
``python -m geo.annotations suggest`` and the URL's query parameters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LONG_CHARS = 20_000


# The data files refuse control characters (geo.schema.check_no_controls) and cap names
# at geo.schema.MAX_NAME characters, so what goes into a data file is the payload without
# its control characters, cut to fit a name with a two-character mark added (the
# gazetteer wants kana/kanji and Cyrillic in its script names). The whole payload goes
# into the URL; into a document, everything but NUL (which documents may not contain).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DATA_CHARS = 196


@dataclass(frozen=True)
class Payload:
    id: str  # stable id (also used in data ids: hostile-<n>)
    n: int  # its number: marker pwn<n>, alert(70<n>)
    tries: str  # what it tries
    text: str

    @property
    def marker(self) -> str:
        return f"pwn{self.n:02d}"

    @property
    def data(self) -> str:
        """The payload as written into a data file (see above)."""
        return _CONTROL.sub("", self.text)[:DATA_CHARS]

    @property
    def document(self) -> str:
        """The payload as written into a document: without NUL."""
        return self.text.replace("\x00", "")


_RAW = [
    ("script-tag", "a script element",
     "<script id=pwn01>alert(7001)</script>"),
    ("img-onerror", "an image whose error handler runs (and a request for its src)",
     "<img id=pwn02 src=pwn02.png onerror=alert(7002)>"),
    ("svg-onload", "an SVG element with an onload handler",
     "<svg id=pwn03 onload=alert(7003)><circle r=9></circle></svg>"),
    ("iframe-javascript", "an iframe whose src is a javascript: URL",
     '<iframe id=pwn04 src="javascript:alert(7004)"></iframe>'),
    ("javascript-href", "a link target that is a javascript: URL (as HTML and as bare text)",
     '<a id=pwn05 href="javascript:alert(7005)">pwn05</a> javascript:alert(7005)'),
    ("markdown-link", "a Markdown link to a javascript: URL",
     "[pwn06 click me](javascript:alert(7006))"),
    ("markdown-image", "a Markdown image (a request to another host)",
     "![pwn07](http://evil.example/pwn07.png)"),
    ("js-template", "JavaScript template literals",
     "${alert(7008)} `${alert(7008)}` pwn08"),
    ("jinja-expression", "Jinja expressions (folium renders its map through Jinja)",
     "{{7*7}} {{ this.__class__ }} {{ config }} pwn09"),
    ("jinja-statement", "Jinja statements, raw blocks and comments",
     "{% raw %}pwn10{% endraw %} {% for x in range(3) %}{{x}}{% endfor %} {# pwn10 #}"),
    ("script-breakout", "closing the script element the map's data sits in",
     "</script><script id=pwn11>alert(7011)</script>"),
    ("attribute-breakout", "leaving a quoted HTML attribute value",
     '"><b id=pwn12 onmouseover=alert(7012)>pwn12</b>'),
    ("js-string-breakout", "leaving a JavaScript string (single, double quotes, backslash)",
     "'-alert(7013)-' \";alert(7013);// \\';alert(7013);// pwn13"),
    ("backticks", "Markdown code spans and fences",
     "``pwn14`` ```html <b>pwn14</b>``` `x`"),
    ("style-tag", "a style element hiding the page",
     "<style id=pwn15>*{display:none!important}</style>"),
    ("html-entities", "HTML entities, which must show as written, not decoded",
     "&lt;script&gt;alert(7016)&lt;/script&gt; &amp; &#60;pwn16&#62; &quot; &nbsp;"),
    ("latex", "LaTeX (Streamlit's Markdown renders $...$ and $$...$$)",
     "$$\\color{red}{pwn17}$$ and $x^2$ \\(pwn17\\)"),
    ("streamlit-directives", "Streamlit colour, background, icon and emoji directives",
     ":red[pwn18] :blue-background[pwn18] :material/warning: :smile: :rainbow[pwn18]"),
    ("long", f"a {LONG_CHARS:,}-character string (one unbroken word)",
     ("pwn19" + "W" * LONG_CHARS)[:LONG_CHARS]),
    ("right-to-left", "a right-to-left override and Arabic and Hebrew text",
     ("\u202epwn20 gpj.exe\u202c \u062c\u0632\u064a\u0631\u0629 \u0625\u064a\u062a\u0648"
      "\u0631\u0648\u0628 \u05d0\u05d9 \u05d0\u05d9\u05d8\u05d5\u05e8\u05d5\u05e4")),
    ("control-characters", "NUL, bell, backspace, DEL and a terminal colour escape",
     "pwn21\x00\x07\x1b[31mred\x1b[0m\x7f\x08end"),
    ("data-url", "a data: URL holding a page with a script",
     ('<a id=pwn22 href="data:text/html,<script>alert(7022)</script>">pwn22</a> '
      "data:text/html;base64,PHNjcmlwdD5hbGVydCg3MDIyKTwvc2NyaXB0Pg==")),
    ("protocol-relative", "a link and an image to another host, without a scheme",
     "<a id=pwn23 href=//evil.example/pwn23>pwn23</a><img src=//evil.example/pwn23.png>"),
    ("css-expression", "CSS expression() and url() to another host",
     ('<div id=pwn24 style="width:expression(alert(7024));'
      'background:url(//evil.example/pwn24.png)">pwn24</div>')),
    ("homoglyph-zero-width", "Cyrillic look-alikes and zero-width characters",
     "\u0415t\u043er\u043efu\u200b p\u200dwn25\ufeff \u2060Iturup"),
    ("autolink", "Markdown and GFM autolinks to another host",
     ("<http://evil.example/pwn26> www.evil.example/pwn26 https://evil.example/pwn26 "
      "pwn26@evil.example")),
    ("markdown-structure", "a Markdown heading, emphasis, table, rule and HTML comment",
     "# pwn27 **bold** _it_ ~~strike~~ | a | b |\n|---|---|\n---\n<!-- pwn27 -->"),
    ("line-separators", "U+2028 and U+2029 (they ended JavaScript strings before ES2019)",
     "pwn28\u2028alert(7028)\u2029</pwn28>"),
    ("cdata-comment", "CDATA, an HTML comment hiding an image, a processing instruction",
     "<![CDATA[pwn29]]><!--<img id=pwn29 src=pwn29.png onerror=alert(7029)>--><?pwn29?>"),
    ("mutation-xss", "markup that changes meaning when re-parsed (noscript, title)",
     '<noscript><p title="</noscript><img id=pwn30 src=pwn30.png onerror=alert(7030)>">'),
    ("svg-animate", "an SVG animation's onbegin handler",
     "<svg><animate id=pwn31 onbegin=alert(7031) attributeName=x dur=1s></animate></svg>"),
    ("base-object-embed", "base, object and embed elements pointing elsewhere",
     ('<base href="//evil.example/pwn32/"><object id=pwn32 data="javascript:alert(7032)">'
      "</object><embed src=//evil.example/pwn32.swf>")),
    ("meta-refresh", "a meta refresh to a javascript: URL",
     '<meta id=pwn33 http-equiv="refresh" content="0;url=javascript:alert(7033)">'),
    ("blank-line", "a blank line, which ends an HTML block so that Markdown after it counts",
     "pwn34 </div>\n\n[pwn34](javascript:alert(7034)) :red[pwn34] $pwn34$ **pwn34**"),
    ("folium-element-ref", "the {{'name'}} form streamlit-folium turns into a JavaScript name",
     "{{'pwn35'}} {{ 'alert' }}(7035)"),
    ("folium-alert-strip", "text streamlit-folium deletes from the map's script",
     "alert(coords); pwn36"),
]

PAYLOADS: list[Payload] = [Payload(pid, i, tries, text)
                           for i, (pid, tries, text) in enumerate(_RAW, 1)]
BY_ID = {p.id: p for p in PAYLOADS}
assert len(BY_ID) == len(PAYLOADS) >= 20
assert all(p.marker in p.text or p.id == "homoglyph-zero-width" for p in PAYLOADS)

# What a page may do with text that has no visible form: control characters are
# dropped (or become U+FFFD, as CommonMark does with NUL), any run of white space
# (line and paragraph separators included) is one space, and invisible marks may be
# added: the WORD JOINER (U+2060), which geo.ui_state.md_escape puts before a URL or an
# '@' so that Markdown does not make a link of it, and the FIRST STRONG ISOLATE and
# POP DIRECTIONAL ISOLATE (U+2068, U+2069) that geo.safe.isolate puts around
# right-to-left text.
_WS = re.compile(r"\s+")
_DROPPED = {"\ufffd", "\u2060", "\u2068", "\u2069"}


def visible(text: str) -> str:
    """Text as compared with what the page shows (see above)."""
    text = "".join(" " if c.isspace() else c for c in text
                   if c.isspace() or (unicodedata.category(c) != "Cc" and c not in _DROPPED))
    return _WS.sub(" ", text).strip()
