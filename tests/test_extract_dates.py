"""Date normalisation on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dates import find_dates, parse_date


def dates(text: str, published: str | None = None) -> list[str]:
    return [iso for _, _, iso in find_dates(text, published)]


def spans(text: str, published: str | None = None) -> list[tuple[str, str]]:
    return [(text[start:end], iso) for start, end, iso in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021", "2021"),
        ("in 2021", "2021"),
        ("September 2023", "2023-09"),
        ("Sept. 2023", "2023-09"),
        ("Sep 2023", "2023-09"),
        ("late 2022", "2022"),
        ("early 2019", "2019"),
        ("mid-2020", "2020"),
        ("the end of 2018", "2018"),
        ("Sept. 5, 2023", "2023-09-05"),
        ("September 5th, 2023", "2023-09-05"),
        ("5 September 2023", "2023-09-05"),
        ("5th of September, 2023", "2023-09-05"),
        ("Tuesday, 5 September 2023", "2023-09-05"),
        ("2023-09-05", "2023-09-05"),
        ("2023-09", "2023-09"),
        ("Q1 2024", "2024"),
        ("the first quarter of 2024", "2024"),
        ("the second half of 2025", "2025"),
        ("fiscal 2022", "2022"),
        ("FY2023", "2023"),
        ("MARCH 4, 2024", "2024-03-04"),
        ("04/03/2024", "2024-03-04"),
        ("2024-03-04T10:15:00Z", "2024-03-04"),
        ("2024-03-04 10:15", "2024-03-04"),
    ],
)
def test_parse_absolute_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_parse_date_rejects_what_is_not_one_date() -> None:
    assert parse_date("") is None
    assert parse_date("nothing to see") is None
    assert parse_date("between 2019 and 2021") is None
    assert parse_date("last September") is None  # relative, and no publication date
    # twins: one date in the same words is read
    assert parse_date("in 2019") == "2019"
    assert parse_date("September 2021") == "2021-09"


def test_dates_in_a_sentence_with_spans() -> None:
    text = "The lab, set up in 2017, raised money in March 2022 and again on 14 June 2023."
    assert spans(text) == [("2017", "2017"), ("March 2022", "2022-03"), ("14 June 2023", "2023-06-14")]


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("It agreed last September to buy the firm.", "2024-03-18", "2023-09"),
        ("It agreed last September to buy the firm.", "2024-10-02", "2024-09"),
        ("The bank said it would sell next March.", "2024-10-02", "2025-03"),
        ("The deal was signed in March.", "2024-10-02", "2024-03"),
        ("The deal was signed in November.", "2024-10-02", "2023-11"),
        ("The deal will close in November.", "2024-10-02", "2024-11"),
        ("The firm said on Monday it had agreed.", "2024-03-20", "2024-03-18"),
        ("The firm said on Wednesday it had agreed.", "2024-03-20", "2024-03-20"),
        ("The firm said Friday it had agreed.", "2024-03-20", "2024-03-15"),
        ("Shares fell yesterday.", "2024-03-01", "2024-02-29"),
        ("The board met this month.", "2024-03-20", "2024-03"),
        ("The board met last month.", "2024-01-20", "2023-12"),
        ("The unit was sold last year.", "2024-03-20", "2023"),
        ("Earlier this year the unit was sold.", "2024-03-20", "2024"),
        ("The talks started earlier this week.", "2024-03-20", "2024-03"),
        ("The fund closed two years ago.", "2024-03-20", "2022"),
        ("The plant opens in the third quarter.", "2024-03-20", "2024"),
        ("The firm announced on 13 January that it had closed.", "2024-03-20", "2024-01-13"),
        ("The firm announced on April 2 that it had closed.", "2024-03-20", "2023-04-02"),
        ("The firm said in March that it had closed.", "2024-03", "2024-03"),
        ("In April last year the firm closed a round.", "2024-03-20", "2023-04"),
        ("The plant opens in June this year.", "2024-03-20", "2024-06"),
        ("Last September the firm closed a round.", "2024-03-20", "2023-09"),
        ("This May, the firm closed a round.", "2024-03-20", "2024-05"),
        ("Last Monday the firm closed a round.", "2024-03-20", "2024-03-18"),
        ("The vote is next Friday.", "2024-03-20", "2024-03-22"),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, published: str, iso: str) -> None:
    assert dates(text, published) == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "It agreed last September to buy the firm.",
        "The firm said on Monday it had agreed.",
        "The board met this month.",
        "Shares fell yesterday.",
        "The deal was signed in March.",
    ],
)
def test_relative_dates_are_left_out_without_publication(text: str) -> None:
    assert dates(text) == []
    assert len(dates(text, "2024-03-20")) == 1  # the twin: with a publication date it resolves


def test_weekday_needs_a_day_precise_publication_date() -> None:
    assert dates("The firm said on Monday it had agreed.", "2024-03") == []
    assert dates("The firm said on Monday it had agreed.", "2024-03-20") == ["2024-03-18"]


@pytest.mark.parametrize(
    ("text", "twin", "iso"),
    [
        ("The company may raise more money.", "The company raised more money in May.", "2023-05"),
        ("May the best bid win.", "In May the best bid won.", "2023-05"),
        (
            "It closed 10 rounds and hired 2000 engineers.",
            "It closed 10 rounds and hired engineers in 2000.",
            "2000",
        ),
        ("The fund paid $2023m for the stake.", "The fund paid $20m for the stake in 2023.", "2023"),
        ("Revenue rose 2024% after the launch.", "Revenue rose 24% after the launch in 2024.", "2024"),
        ("The Black Friday sales were strong.", "The sales on Friday were strong.", "2024-03-15"),
        ("A March towards profit.", "In March, a march towards profit began.", "2024-03"),
        ("The 1990s were different.", "The year 1990 was different.", "1990"),
    ],
)
def test_no_false_dates(text: str, twin: str, iso: str) -> None:
    assert dates(text, "2024-03-20") == []
    assert dates(twin, "2024-03-20") == [iso]


@pytest.mark.parametrize(
    ("text", "isos"),
    [
        ("Sales grew between March and May.", ["2024-03", "2024-05"]),
        ("The unit grew in March or April.", ["2024-03", "2024-04"]),
        ("On March 4, the company said it had agreed.", ["2024-03-04"]),
        ("Shares of the chipmaker rose in the early 2030s, 2031's plan said.", ["2031"]),
    ],
)
def test_month_lists_and_decades(text: str, isos: list[str]) -> None:
    assert dates(text, "2024-06-20") == isos


@pytest.mark.parametrize(
    ("text", "twin", "iso"),
    [
        ("Smith and May said they agreed.", "Smith and May said they agreed in June.", "2024-06"),
        (
            "The Sunday Times reported the deal.",
            "The Sunday Times reported the deal on Sunday.",
            "2024-06-16",
        ),
        ("A Cyber Monday sale.", "A Cyber Monday sale began on Tuesday.", "2024-06-18"),
        ("Shares in Monday.com rose.", "Shares in Monday.com rose on Monday.", "2024-06-17"),
    ],
)
def test_names_are_not_dates(text: str, twin: str, iso: str) -> None:
    assert dates(text, "2024-06-20") == []
    assert dates(twin, "2024-06-20") == [iso]  # the twin: the real date beside the name is read


def test_month_alone_needs_context() -> None:
    assert dates("In May, the firm raised money.", "2024-06-10") == ["2024-05"]
    assert dates("May raised money for the firm.", "2024-06-10") == []


# --- properties --------------------------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]  # fmt: skip
_MONTH_ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.",
                        "Nov.", "Dec."]  # fmt: skip


@st.composite
def written_dates(draw):
    """(text, iso) for a random date written in one of the styles news uses."""
    day = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
    month_name = draw(st.sampled_from([_MONTH_NAMES, _MONTH_ABBREVIATIONS]))[day.month - 1]
    style = draw(st.sampled_from(["dmy", "mdy", "my", "y", "iso", "iso_month", "part"]))
    if style == "dmy":
        return f"{day.day} {month_name} {day.year}", day.isoformat()
    if style == "mdy":
        return f"{month_name} {day.day}, {day.year}", day.isoformat()
    if style == "my":
        return f"{month_name} {day.year}", f"{day.year:04d}-{day.month:02d}"
    if style == "iso":
        return day.isoformat(), day.isoformat()
    if style == "iso_month":
        return f"{day.year:04d}-{day.month:02d}", f"{day.year:04d}-{day.month:02d}"
    if style == "part":
        part = draw(st.sampled_from(["early", "late", "mid-", "the end of", "Q3", "the first quarter of"]))
        return f"{part} {day.year}".replace("- ", "-"), f"{day.year:04d}"
    return str(day.year), f"{day.year:04d}"


@given(written_dates(), st.sampled_from(["The deal closed in {}.", "{}", "On {}, it said", "({})"]))
@settings(max_examples=400)
def test_formatted_dates_parse_back_at_their_precision(written, frame: str) -> None:
    text, iso = written
    sentence = frame.format(text)
    assert dates(sentence) == [iso]
    assert parse_date(text) == iso


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 6))
def test_weekday_is_within_the_week_before_publication(published: dt.date, back: int) -> None:
    target = published - dt.timedelta(days=back)
    text = f"The company said on {target.strftime('%A')} that it agreed."
    assert dates(text, published.isoformat()) == [target.isoformat()]


@given(st.text(), st.one_of(st.none(), st.sampled_from(["2024-02-29", "2023-12", "2020", "bad"])))
@settings(max_examples=300)
def test_never_raises_on_arbitrary_text(text: str, published: str | None) -> None:
    for start, end, iso in find_dates(text, published):
        assert 0 <= start < end <= len(text)
        assert len(iso) in (4, 7, 10)
    parse_date(text, published)


def test_a_slashed_year_first_date_is_a_day_but_a_path_is_not() -> None:
    assert [iso for _, _, iso in find_dates("Filed 2023/11/07 by the desk.")] == ["2023-11-07"]
    assert find_dates("see /2023/11/07/story-name") == []
    assert find_dates("build 2023/11/07/2 failed") == []
