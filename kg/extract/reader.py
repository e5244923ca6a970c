"""Read an article file (.txt, .md, .html) into the plain text that extraction works on.

Evidence offsets point into :attr:`ArticleText.text`, so that text is what
``kg extract --show-text`` prints. Markdown loses its markup, HTML is reduced to
the article body (navigation, related-story lists, ads and footers would give
false facts), and the title and publication date are read from metadata or
from a date line under the headline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.extract.dates import find_dates

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class ArticleText:
    """An article as extraction sees it."""

    id: str  # file name without extension
    source: str  # the path as given
    text: str  # the text extraction works on; evidence offsets point into this string
    sha256: str  # of the file's bytes
    title: str | None
    published: str | None  # ISO date YYYY-MM-DD (or YYYY-MM, YYYY) when known


# --- entry points -----------------------------------------------------------


def read_article(path: Path, published: str | None = None) -> ArticleText:
    """Read one article file; raise :class:`InputError` with one clear message if it cannot be used."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; expected one of {supported}"
        )
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read file ({error.strerror or error})") from None
    text = _decode(data, str(path))
    return _build(text, path.stem, str(path), hashlib.sha256(data).hexdigest(), published, fmt)


def article_from_string(
    text: str, article_id: str = "text", published: str | None = None, fmt: str = "txt"
) -> ArticleText:
    """An article given as a string (``fmt`` is "txt", "md" or "html"); sha256 is of its UTF-8 bytes."""
    fmt = FORMATS.get("." + fmt.lower().lstrip("."), fmt.lower())
    if fmt not in ("txt", "md", "html"):
        raise InputError(f"unsupported article format {fmt!r}; expected txt, md or html")
    if "\x00" in text:
        raise InputError(f"{article_id}: looks like a binary file (it contains NUL bytes)")
    if not text.strip():
        raise InputError(f"{article_id}: the article is empty")
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _build(text, article_id, "<string>", sha, published, fmt)


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError(f"{where}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: UTF-16 text, not UTF-8; convert it to UTF-8 first")
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (it contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{where}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first"
        ) from None
    if not text.strip():
        raise InputError(f"{where}: the file is empty")
    return text


def _build(text: str, article_id: str, source: str, sha: str, published: str | None, fmt: str) -> ArticleText:
    given = _check_published(published) if published is not None else None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "md":
        body, title, meta_date = markdown_to_text(text)
    elif fmt == "html":
        body, title, meta_date = html_to_text(text)
    else:
        body, title, meta_date = text, _first_line_title(text), None
    if not body.strip():
        raise InputError(f"{source if source != '<string>' else article_id}: no article text found")
    date = given or meta_date or date_line_date(body, title)
    return ArticleText(article_id, source, body, sha, title, date)


def _check_published(published: str) -> str:
    value = published.strip()
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        raise InputError(f"published date {published!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise InputError(f"published date {published!r} is not a valid date") from None
    return value


# --- publication date from a date line ---------------------------------------

_DATE_LINE_PREFIX_RE = re.compile(
    r"^\W*(?:(?:published|posted|updated|last\s+updated|first\s+published|date)\s*(?:on|:)?\s*"
    r"|by\s+[^\n·|•—–]{1,60}?\s*(?:[·|•—–,]|\bon\b)\s*)?",
    re.IGNORECASE,
)
# "By Jane Roe", not "By the end of 2023" or "By September 2023, ..." (a sentence).
_BYLINE_RE = re.compile(
    r"^\W*(?:(?:By|BY)\s+(?!The\b|[A-Z][a-z]*\.?\s+\d)[A-Z]"
    r"|(?i:published|posted|updated|last\s+updated|first\s+published)\b)"
)
# "LAS VEGAS, 3 December 2024 —": a place in capitals (or a city name) then the date.
_DATELINE_RE = re.compile(r"^[*_\s]*(?:[A-Z][A-Za-z.'’ -]{1,40},\s+(?:[A-Z][A-Za-z.'’ -]{1,30},\s+)?)?")


_META_SEPARATOR_RE = re.compile(r"\s[|·•/]\s")
# "/Wire/ --", "/PRNewswire/ -": a wire service's tag after a dateline's date
_WIRE_TAG_RE = re.compile(r"/[^/\n]{1,40}/\s*[-—–]")


def date_line_date(text: str, title: str | None = None) -> str | None:
    """The publication date from a date line under the headline, as news pages print it.

    Looks at the first few paragraphs only: a line that is just a date ("*26 May 2024*",
    "Published: 2024-03-04", "By Jane Roe · 18 March 2024"), or a dateline opening the
    first paragraph ("PARIS, 11 December 2023 — ...", "March 4, 2024 - ...").
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text[:3000]) if p.strip()]
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    for paragraph in paragraphs[:4]:
        line = paragraph.strip("*_ \t")
        # A short byline or "Published ..." line: its first full date ("By A and B, Wire · 4 March 2024").
        if len(line) <= 150 and _BYLINE_RE.match(line):
            dates = [found for found in find_dates(line) if _precise(found[2])]
            if dates:
                return dates[0][2]
        # A whole line that is a date, possibly after "Published:" or a byline.
        head = _DATE_LINE_PREFIX_RE.match(line)
        rest = line[head.end() :] if head else line
        dates = find_dates(rest[:80])
        if dates and dates[0][0] <= 2 and len(rest) <= 80 and _precise(dates[0][2]):
            tail = rest[dates[0][1] :].strip(" *_.,")
            if not tail or re.fullmatch(
                r"(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\w{2,4})?", tail, re.I
            ):
                return dates[0][2]
        # A short meta line of fields split by | · • / ("Markets Desk | 18 July 2025",
        # "Jane Roe / 8:30 AM · January 14, 2025"): its full date, if it has one.
        if (
            len(line) <= 120
            and _META_SEPARATOR_RE.search(line)
            and not line.endswith((".", "?", "!", "”", '"'))
        ):
            dates = [found for found in find_dates(line) if len(found[2]) == 10]
            if dates:
                return dates[0][2]
        # A dateline opening the paragraph, ended by a dash or a wire service's name.
        lead = _DATELINE_RE.match(line)
        start = lead.end() if lead else 0
        dates = find_dates(line[start : start + 60])
        if dates and dates[0][0] <= 1 and _precise(dates[0][2]):
            after = line[start + dates[0][1] :].lstrip(" *_")
            if after[:1] in ("—", "–", "-", ":", "(") or after.startswith("--") or _WIRE_TAG_RE.match(after):
                return dates[0][2]
    return None


def _precise(iso: str) -> bool:
    return len(iso) >= 7


def _first_line_title(text: str) -> str | None:
    """A plain-text headline: a short first line standing alone as a paragraph."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not first or len(first) > 200 or not rest.startswith("\n") and rest.strip():
        return None
    if first.endswith(".") and not first.endswith("..."):
        return None
    return first


# --- Markdown ------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_LINK_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")

_INLINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),  # code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis *x*
    (re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis _x_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # escapes
]


def _strip_inline(line: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        line = pattern.sub(replacement, line)
    return line


def markdown_to_text(markdown: str) -> tuple[str, str | None, str | None]:
    """Markdown to plain text: (text, title, date from the front matter).

    Headings, list items and table rows stay on lines of their own; the lines of
    one ordinary paragraph are joined with spaces; paragraphs are separated by
    one blank line. A front-matter title with no heading in the body becomes the
    first paragraph, so the headline is always the text's first paragraph.
    """
    title, date = None, None
    front = _FRONT_MATTER_RE.match(markdown)
    if front:
        title, date = _front_matter_fields(front.group(1) or "")
        markdown = markdown[front.end() :]

    blocks: list[list[str]] = []  # each block: its lines
    current: list[str] = []
    joinable = False  # does the current block take more lines as one paragraph?
    in_fence = False
    first_heading: str | None = None

    def close() -> None:
        nonlocal current, joinable
        if current:
            blocks.append(current)
        current, joinable = [], False

    for raw in markdown.split("\n"):
        if _FENCE_RE.match(raw):
            in_fence = not in_fence
            close()
            continue
        if in_fence:
            current.append(raw.rstrip())
            continue
        if not raw.strip():
            close()
            continue
        if _LINK_DEF_RE.match(raw) or _TABLE_SEP_RE.match(raw) and "-" in raw and "|" in raw:
            continue
        if _RULE_RE.match(raw) or (_SETEXT_RE.match(raw) and current):
            if _SETEXT_RE.match(raw) and current and first_heading is None and raw.strip()[0] == "=":
                first_heading = current[-1]
            close()
            continue
        heading = _HEADING_RE.match(raw)
        if heading:
            close()
            content = _strip_inline(heading.group(2)).strip()
            if content:
                if first_heading is None and len(heading.group(1)) == 1:
                    first_heading = content
                blocks.append([content])
            continue
        line = raw
        is_item = False
        if _QUOTE_RE.match(line):
            line = _QUOTE_RE.sub("", line)
        while _BULLET_RE.match(line):  # "- * item" is a nested list item
            line = _BULLET_RE.sub("", line, count=1)
            is_item = True
        if line.strip().startswith("|") and line.strip().endswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = " | ".join(cells)
            is_item = True
        content = _strip_inline(line).strip()
        if not content:
            continue
        if is_item or not joinable or not current:
            if not is_item and current and not joinable:
                close()
            current.append(content)
            joinable = not is_item
        else:
            current[-1] = current[-1] + " " + content
    close()

    paragraphs = ["\n".join(lines) for lines in blocks]
    if title is None:
        title = first_heading or (_first_line_title(paragraphs[0]) if paragraphs else None)
    elif first_heading is None and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs), title, date


def _front_matter_fields(yaml_text: str) -> tuple[str | None, str | None]:
    import yaml

    try:
        data = yaml.safe_load(yaml_text) or {}
    except yaml.YAMLError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    title = data.get("title") or data.get("headline")
    raw_date = None
    for key in ("published", "date", "pubDate", "pubdate", "published_at", "datePublished", "created"):
        if data.get(key):
            raw_date = data[key]
            break
    return (str(title).strip() if title else None), _any_date_to_iso(raw_date)


def _any_date_to_iso(value: object) -> str | None:
    """A date from metadata (date object, ISO string with time, "18 March 2024") as ISO."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())).isoformat()
        except ValueError:
            return None
    found = find_dates(text[:80])
    return found[0][2] if found else None


# --- HTML ------------------------------------------------------------------------

_BOILERPLATE_RE = re.compile(
    r"(?:^|[\s_-])(?:related|more|share|sharing|social|newsletter|promo|advert|ad|ads|ad-slot|sidebar|"
    r"comments?|cookie|subscribe|signup|footer|header|nav|navigation|menu|breadcrumbs?|topbar|popular|"
    r"recommended|trending|read-more|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """The article body of an HTML page: (text, title, publication date).

    trafilatura finds the main text; if it finds none, a simple lxml pass reads
    the paragraphs of <article>/<main> with navigation and asides removed.
    """
    tree = _parse_html(html)
    title = _html_title(tree)
    date = _html_date(tree)
    boilerplate = _boilerplate_texts(tree)
    # trafilatura keeps a menu or a link list when a page has little else: drop those lines.
    body = "\n\n".join(p for p in _trafilatura_text(html).split("\n\n") if _clean_text(p) not in boilerplate)
    if not body.strip():
        body = _lxml_text(tree)
    if body and title and not body.lstrip().startswith(title):
        body = title + "\n\n" + body
    if date is None and body:
        date = date_line_date(_byline_text(tree) + "\n\n" + body, title) if tree is not None else None
    if date is None:
        date = _trafilatura_date(html, _clean_text(tree.text_content()) if tree is not None else "")
    return body, title, date


def _parse_html(html: str):
    try:
        import lxml.html

        return lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on unusual documents
        return None


def _trafilatura_text(html: str) -> str:
    try:
        import trafilatura

        extracted = trafilatura.extract(
            html, include_comments=False, include_tables=True, favor_precision=True, output_format="txt"
        )
    except Exception:  # a library failure must not stop reading; the lxml pass follows
        return ""
    if not extracted:
        return ""
    lines = [line.strip() for line in extracted.split("\n")]
    return "\n\n".join(line for line in lines if line)


def _trafilatura_date(html: str, page_text: str) -> str | None:
    """trafilatura's date guess, kept only if the page states that day or month.

    Without a stated date trafilatura falls back on guesses such as a copyright
    year read as 1 January: a precise-looking date that is wrong.
    """
    try:
        import trafilatura

        metadata = trafilatura.extract_metadata(html)
    except Exception:  # a library failure only loses the guess
        return None
    if metadata is None or not metadata.date:
        return None
    iso = _any_date_to_iso(metadata.date)
    if iso is None:
        return None
    stated = {found for _, _, found in find_dates(page_text)}
    if iso in stated:
        return iso
    return iso[:7] if iso[:7] in stated else None


def _clean_text(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _html_title(tree) -> str | None:
    if tree is None:
        return None
    # The article's own headline first; a page-wide <h1> may be the site's logo.
    for xpath in (
        "//article//h1",
        "//main//h1",
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title']/@content",
        "//h1[not(ancestor::header or ancestor::nav)]",
    ):
        found = tree.xpath(xpath)
        if found:
            text = _clean_text(found[0] if isinstance(found[0], str) else found[0].text_content())
            if text:
                return text
    found = tree.xpath("//title")
    if found:
        title = _clean_text(found[0].text_content())
        # "Headline | Site name": drop the site name.
        title = re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)", title)[0].strip()
        return title or None
    return None


_DATE_META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publish-date']/@content",
    "//meta[@name='DC.date.issued']/@content",
    "//meta[@name='dc.date']/@content",
    "//meta[@name='sailthru.date']/@content",
    "//article//time/@datetime",
    "//time[@pubdate]/@datetime",
    "//time[not(ancestor::aside or ancestor::nav or ancestor::footer)]/@datetime",
)


def _html_date(tree) -> str | None:
    if tree is None:
        return None
    for xpath in _DATE_META_XPATHS:
        for value in tree.xpath(xpath):
            iso = _any_date_to_iso(value)
            if iso:
                return iso
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script)
        if match and (iso := _any_date_to_iso(match.group(1))):
            return iso
    return None


def _byline_text(tree) -> str:
    if tree is None:
        return ""
    lines = []
    for element in tree.xpath(
        "//*[contains(@class,'byline') or contains(@class,'dateline') or contains(@class,'date') "
        "or contains(@class,'meta') or contains(@class,'timestamp')]"
    )[:5]:
        lines.append(_clean_text(element.text_content()))
    return "\n".join(line for line in lines if line)


def _boilerplate_elements(tree) -> list:
    """Navigation, asides, footers, ads and link lists: page parts that are not the article."""
    if tree is None:
        return []
    found = []
    for element in tree.xpath(
        "//script|//style|//noscript|//template|//form|//nav|//aside|//footer|//header"
    ):
        if element.tag == "header" and element.xpath(".//h1"):
            continue  # an article header holds the headline
        found.append(element)
    for element in tree.xpath("//*[@class or @id]"):
        if element.tag in ("html", "body", "article", "main"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if (
            _BOILERPLATE_RE.search(marker)
            and not element.xpath(".//h1|.//article|.//main")
            and not _has_prose(element)
        ):
            found.append(element)
    return found


def _has_prose(element) -> bool:
    """Does the element hold a real paragraph? Then a class like "show-more" does not make it boilerplate."""
    return any(len(p.text_content().split()) >= 25 for p in element.iter("p"))


def _boilerplate_texts(tree) -> set[str]:
    texts: set[str] = set()
    for element in _boilerplate_elements(tree):
        for part in element.iter():
            if isinstance(part.tag, str):
                text = _clean_text(part.text_content())
                if text:
                    texts.add(text)
    return texts


def _lxml_text(tree) -> str:
    """Paragraphs of the page's main content, without navigation, asides and footers."""
    if tree is None:
        return ""
    for element in _boilerplate_elements(tree):
        if element.getparent() is not None:
            element.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    paragraphs: list[str] = []
    for element in roots[0].iter("h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre"):
        if element.tag in ("p", "li") and element.xpath("ancestor::blockquote"):
            continue
        text = _clean_text(element.text_content())
        if text and (not paragraphs or paragraphs[-1] != text):
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
