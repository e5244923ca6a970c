"""Reading .txt, .md and .html articles into the text extraction works on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract.reader import ArticleText, article_from_string, read_article

PLAIN = """Harbour Robotics raises $40m to build warehouse arms

OSLO, 4 March 2024 — Harbour Robotics, a Norwegian start-up, said on Monday it had raised $40m.

Fjord Capital led the investment.
"""

MARKDOWN = """---
title: "Quillon Bio lands €25m Series A"
date: 2023-11-07
tags: [biotech]
---

# Quillon Bio lands €25m Series A

*7 November 2023*

**Quillon Bio**, a _Lyon-based_ drug developer, has raised [€25 million](https://example.org/x) in a Series A round.

## Backers

- Rhone Ventures
- * Alpine Health Fund
1. Meridian Partners

A paragraph written
over two lines.
"""

HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Tallow Energy buys GridSpark for $310m | The Daily Ledger</title>
<meta property="og:title" content="Tallow Energy buys GridSpark for $310m">
<meta property="article:published_time" content="2022-06-14T08:30:00Z">
</head><body>
<header><a href="/">The Daily Ledger</a>
<nav><ul><li><a href="/markets">Markets</a></li><li><a href="/deals">Deals</a></li></ul></nav></header>
<div class="ad-slot">Advertisement</div>
<main><article>
<h1>Tallow Energy buys GridSpark for $310m</h1>
<p class="byline">By Ana Ruiz &middot; 14 June 2022</p>
<p>Tallow Energy said on Tuesday it had agreed to buy GridSpark, a maker of battery software, for $310 million in cash.</p>
<p>GridSpark was founded in 2016 by two engineers and employs about 120 people in Austin, Texas.</p>
<p>Tallow&#39;s chief executive said the purchase would help it sell storage to utilities across North America.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Corvid Power acquires Stellan Grid for $9bn</a></li>
<li><a href="/b">Nimbus Solar raises $75m</a></li></ul></aside>
</main>
<footer><p>Sign up for our newsletter.</p><p>&copy; 2022 The Daily Ledger</p></footer>
</body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_plain_text_is_kept_as_is(tmp_path: Path) -> None:
    path = write(tmp_path, "harbour.txt", PLAIN)
    article = read_article(path)
    assert isinstance(article, ArticleText)
    assert article.id == "harbour"
    assert article.source == str(path)
    assert article.text == PLAIN
    assert article.sha256 == hashlib.sha256(PLAIN.encode()).hexdigest()
    assert article.title == "Harbour Robotics raises $40m to build warehouse arms"
    assert article.published == "2024-03-04"


def test_crlf_is_normalised_and_hash_is_of_the_bytes(tmp_path: Path) -> None:
    data = PLAIN.replace("\n", "\r\n").encode()
    article = read_article(write(tmp_path, "crlf.txt", data))
    assert article.text == PLAIN
    assert article.sha256 == hashlib.sha256(data).hexdigest()


def test_published_argument_wins(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", PLAIN), published="2024-03-05")
    assert article.published == "2024-03-05"


def test_bad_published_argument_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an ISO date"):
        read_article(write(tmp_path, "a.txt", PLAIN), published="March 5")
    with pytest.raises(InputError, match="not a valid date"):
        read_article(write(tmp_path, "a.txt", PLAIN), published="2024-02-30")


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [
        ("*26 May 2024*", "2024-05-26"),
        ("March 4, 2024", "2024-03-04"),
        ("Published: 2024-03-04", "2024-03-04"),
        ("Updated 4 March 2024 at 10:15 GMT", "2024-03-04"),
        ("By Jane Roe · 18 March 2024", "2024-03-18"),
        ("By Jane Roe | March 18, 2024", "2024-03-18"),
        ("By Jane Roe and Li Wei, Newswire · Updated 18 March 2024, 09:12", "2024-03-18"),
        ("Published 18 March 2024 · Updated 19 March 2024", "2024-03-18"),
        ("SAN JOSE, California, March 18, 2024 — The firm said", "2024-03-18"),
        ("**BERLIN, 2 May 2023** — The firm said", "2023-05-02"),
        ("12 January 2021 – The firm said", "2021-01-12"),
    ],
)
def test_date_line_under_the_headline(tmp_path: Path, date_line: str, iso: str) -> None:
    text = f"Headline about a deal\n\n{date_line}\n\nThe company raised money in 2019.\n"
    assert read_article(write(tmp_path, "a.txt", text)).published == iso
    assert read_article(write(tmp_path, "a.md", "# " + text)).published == iso


@pytest.mark.parametrize(
    "first_paragraph",
    [
        "The company, founded in March 2019, raised money on 4 May 2021.",
        "By September 2023, the company had raised money twice.",
        "By the end of 4 May 2021 the round had closed.",
        "In 12 January 2021 filings the firm listed its backers.",
    ],
)
def test_no_date_line_means_no_date(tmp_path: Path, first_paragraph: str) -> None:
    text = f"Headline about a deal\n\n{first_paragraph}\n"
    assert read_article(write(tmp_path, "a.txt", text)).published is None
    dated = f"Headline about a deal\n\n6 May 2021\n\n{first_paragraph}\n"  # the twin: a date line of its own
    assert read_article(write(tmp_path, "b.txt", dated)).published == "2021-05-06"


def test_markdown_markup_is_stripped(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "quillon.md", MARKDOWN))
    assert article.title == "Quillon Bio lands €25m Series A"
    assert article.published == "2023-11-07"
    assert article.text == (
        "Quillon Bio lands €25m Series A\n\n"
        "7 November 2023\n\n"
        "Quillon Bio, a Lyon-based drug developer, has raised €25 million in a Series A round.\n\n"
        "Backers\n\n"
        "Rhone Ventures\nAlpine Health Fund\nMeridian Partners\n\n"
        "A paragraph written over two lines."
    )
    for markup in ("---", "#", "**", "](", "title:", "- "):
        assert markup not in article.text


def test_markdown_front_matter_title_becomes_the_headline(tmp_path: Path) -> None:
    text = '---\ntitle: Vela Pay raises $8m\ndate: "2022-02-03"\n---\nVela Pay said it raised $8m.\n'
    article = read_article(write(tmp_path, "vela.md", text))
    assert article.text == "Vela Pay raises $8m\n\nVela Pay said it raised $8m."
    assert (article.title, article.published) == ("Vela Pay raises $8m", "2022-02-03")


def test_markdown_with_broken_front_matter_still_reads(tmp_path: Path) -> None:
    text = "---\ntitle: [unclosed\n---\n# Heading\n\nBody text.\n"
    article = read_article(write(tmp_path, "broken.md", text))
    assert article.text == "Heading\n\nBody text."


def test_html_main_text_without_navigation_or_asides(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "tallow.html", HTML))
    assert article.title == "Tallow Energy buys GridSpark for $310m"
    assert article.published == "2022-06-14"
    assert article.text.startswith("Tallow Energy buys GridSpark for $310m\n\n")
    assert "Tallow Energy said on Tuesday it had agreed to buy GridSpark" in article.text
    assert "Tallow's chief executive" in article.text
    for boilerplate in ("Markets", "Advertisement", "Related stories", "Corvid", "Nimbus", "newsletter", "©"):
        assert boilerplate not in article.text


def test_html_date_from_byline_when_no_meta(tmp_path: Path) -> None:
    html = HTML.replace('<meta property="article:published_time" content="2022-06-14T08:30:00Z">', "")
    html = html.replace("14 June 2022", "9 June 2022")
    assert read_article(write(tmp_path, "tallow.htm", html)).published == "2022-06-09"


def test_html_time_element(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Ardent Labs hires a chief executive</title></head><body><article>"
        "<h1>Ardent Labs hires a chief executive</h1><time datetime='2021-10-05'>Oct 5</time>"
        "<p>Ardent Labs named Mira Holt as chief executive, the company said in a statement today.</p>"
        "<p>Holt previously ran the research unit of a large chipmaker for six years.</p>"
        "</article></body></html>"
    )
    article = read_article(write(tmp_path, "ardent.html", html))
    assert article.published == "2021-10-05"
    assert "Ardent Labs named Mira Holt" in article.text


@pytest.mark.parametrize(
    ("date_line", "published"), [("", None), ("<p>Published 1 March 2022</p>", "2022-03-01")]
)
def test_html_copyright_year_is_not_a_publication_date(
    tmp_path: Path, date_line: str, published: str | None
) -> None:
    html = (
        "<html><head><title>Ardent Labs buys Brightwell</title></head><body><article>"
        f"<h1>Ardent Labs buys Brightwell</h1>{date_line}"
        "<p>Ardent Labs said it had bought Brightwell, a maker of testing software, for an undisclosed sum.</p>"
        "<p>Brightwell employs forty people and sells to hospitals in three countries.</p>"
        "</article><footer><p>&copy; 2022 Example Media</p></footer></body></html>"
    )
    assert read_article(write(tmp_path, "ardent.html", html)).published == published


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    import kg.extract.reader as reader

    monkeypatch.setattr(reader, "_trafilatura_text", lambda html: "")
    article = read_article(write(tmp_path, "tallow.html", HTML))
    assert article.text.startswith("Tallow Energy buys GridSpark for $310m\n\n")
    assert "for $310 million in cash" in article.text
    for boilerplate in ("Markets", "Advertisement", "Related stories", "Corvid", "newsletter"):
        assert boilerplate not in article.text


def test_article_from_string() -> None:
    article = article_from_string(
        "Brisk Foods buys a bakery chain.\n", article_id="brisk", published="2020-01"
    )
    assert (article.id, article.source, article.published) == ("brisk", "<string>", "2020-01")
    assert article.text == "Brisk Foods buys a bakery chain.\n"
    md = article_from_string("# Brisk deal\n\n**Brisk Foods** buys it.", fmt="md")
    assert md.text == "Brisk deal\n\nBrisk Foods buys it."
    html = article_from_string(HTML, fmt="html")
    assert html.title == "Tallow Energy buys GridSpark for $310m"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\t\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin.txt", "Caf\u00e9 Noir raises \u00a35m".encode("latin-1"), "not UTF-8"),
        ("utf16.txt", "Acme raises $5m".encode("utf-16"), "UTF-16"),
        ("deck.pdf", b"%PDF-1.4", "unsupported file type"),
        ("noext", b"text", "unsupported file type"),
        ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_files_are_one_clear_input_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_directory_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="not a file"):
        read_article(tmp_path / "folder.txt")


def test_string_errors() -> None:
    with pytest.raises(InputError, match="empty"):
        article_from_string("   ")
    with pytest.raises(InputError, match="binary"):
        article_from_string("a\x00b")
    with pytest.raises(InputError, match="unsupported"):
        article_from_string("text", fmt="docx")


_MARKUP = st.sampled_from(
    list("ab Z\n#*_-[]()<>/!`|:=09.,'")
    + ["<p>", "</p>", "<h1>", "</h1>", "<nav>", "</nav>", "<article>", "</article>", "---\n", "title: x\n"]
    + ["date: 2021-01-01\n", "* ", "- ", "# ", "**", "[a](b)", "<time datetime='2020-02-02'>", "\r\n", "\x00"]
)


@given(
    st.lists(_MARKUP, max_size=40).map("".join),
    st.sampled_from(["txt", "md", "html"]),
    st.sampled_from([None, "2024-01-02", "2024"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_input_gives_an_article_or_an_input_error(text: str, fmt: str, published: str | None) -> None:
    try:
        article = article_from_string(text, fmt=fmt, published=published)
    except InputError:
        return
    assert article.text.strip()
    assert article.published is None or len(article.published) in (4, 7, 10)


def test_article_body_with_a_boilerplate_looking_class_is_kept(tmp_path: Path) -> None:
    body = (
        "Orbit Freight said it had raised $60m from a group of logistics investors to expand its network "
        "of automated depots across northern Europe, the company said in a statement on its website."
    )
    html = (
        "<html><head><title>Orbit Freight raises $60m</title></head><body><h1>Orbit Freight raises $60m</h1>"
        f"<div class='story show-more'><p>{body}</p><p>{body.replace('$60m', 'money')}</p></div>"
        "<div class='related'><ul><li><a href='/x'>Polar Ships buys Kestrel Lines</a></li></ul></div>"
        "</body></html>"
    )
    article = read_article(write(tmp_path, "orbit.html", html))
    assert body in article.text
    assert "Kestrel" not in article.text


def test_site_logo_h1_is_not_the_headline(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Vantor Grid expands | Daily Wire Site</title>"
        "<meta property='og:title' content='Vantor Grid expands into Spain'></head><body>"
        "<header><h1 class='logo'>Daily Wire Site</h1></header><div class='content'>"
        "<p>Vantor Grid, a maker of substation software, said it had opened an office in Madrid and hired "
        "forty engineers to serve utilities in Spain and Portugal over the next two years.</p></div></body></html>"
    )
    article = read_article(write(tmp_path, "vantor.html", html))
    assert article.title == "Vantor Grid expands into Spain"
    assert article.text.startswith("Vantor Grid expands into Spain\n\n")
    assert "Daily Wire Site" not in article.text


@pytest.mark.parametrize(
    "meta_line,expected",
    [
        ("Harriet Vale / 8:30 AM PST · January 14, 2025", "2025-01-14"),
        ("Markets Desk, Lyon | July 18 2025", "2025-07-18"),
        ("Editor | 16 January 2025", "2025-01-16"),
        ("LYON, July 17, 2025 /Globewire/ -- Initech said on Monday it had raised money.", "2025-07-17"),
    ],
)
def test_bylines_and_wire_datelines_give_the_publication_date(meta_line: str, expected: str):
    text = f"Initech raises $20m\n\n{meta_line}\n\nInitech, a Lyon-based startup, said on Monday it had raised $20m."
    assert article_from_string(text).published == expected


def test_a_sentence_with_a_slash_and_a_date_is_not_a_byline():
    text = "Initech raises $20m\n\nInitech raised money on 3 March 2024 / or so it says.\n\nMore text."
    assert article_from_string(text).published is None
    byline = "Initech raises $20m\n\nMarkets Desk / 3 March 2024\n\nInitech raised money.\n\nMore text."
    assert article_from_string(byline).published == "2024-03-03"  # the twin: a real byline with a slash
