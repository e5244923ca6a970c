"""The review server refuses what is not the page's own request, and saves all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from review_helpers import ARTICLE, write_review
from starlette.testclient import TestClient

from kg.review.server import ReviewServer, create_app, load_session

PORT = 7999
HOST = f"127.0.0.1:{PORT}"
ORIGIN = f"http://{HOST}"


@pytest.fixture()
def session(tmp_path: Path):
    out = tmp_path / "reviews"
    write_review(out)
    return load_session([ARTICLE], out)


@pytest.fixture()
def client(session) -> TestClient:
    return TestClient(create_app(session, PORT), base_url=ORIGIN)


def good_payload(session) -> dict:
    (article,) = session.articles
    facts = [dict(f) for f in article.data["facts"]]
    facts[1]["amount"] = 30_000_000
    facts[1]["reviewed"] = True
    del facts[2]  # rejected
    return {
        "articles": [
            {"article": article.id, "reviewed": False, "entities": article.data["entities"], "facts": facts}
        ]
    }


def post(client, payload, **headers):
    sent = {"Origin": ORIGIN, "X-KG-Token": client.app_token, "Content-Type": "application/json", **headers}
    return client.post("/save", content=json.dumps(payload), headers={k: v for k, v in sent.items() if v})


@pytest.fixture()
def saving(client, session):
    client.app_token = session.token
    return client


def test_the_page_needs_the_token_and_a_loopback_host(client, session):
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    answer = client.get(f"/?token={session.token}")
    assert answer.status_code == 200
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'nonce-" in csp
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert "http" not in answer.text.split("<script", 1)[0].replace(
        'name="viewport"', ""
    )  # no external assets
    rebound = client.get(f"/?token={session.token}", headers={"Host": f"attacker.example:{PORT}"})
    assert rebound.status_code == 421


def test_article_text_cannot_close_the_data_script(tmp_path: Path):
    article = tmp_path / "odd-note.txt"
    article.write_text(
        "Title </script><script>alert(1)</script> & <!-- more\n\nBody line.\n", encoding="utf-8"
    )
    out = tmp_path / "reviews"
    out.mkdir()
    (out / "odd-note.yaml").write_text("article: odd-note\nreviewed: false\nentities: []\nfacts: []\n")
    session = load_session([article], out)
    page = TestClient(create_app(session, PORT), base_url=ORIGIN).get(f"/?token={session.token}").text
    data = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["articles"][0]["text"].startswith("Title </script><script>alert(1)")
    assert page.count("<script") == 2  # the data and the page's own code, nothing from the article


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"X-KG-Token": None}, 403),
        ({"X-KG-Token": "guess"}, 403),
        ({"Origin": "http://evil.example"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Host": "evil.example"}, 421),
        ({"Content-Type": "text/plain"}, 415),
    ],
)
def test_save_refuses_requests_that_are_not_from_the_page(saving, session, headers, status):
    before = session.articles[0].path.read_bytes()
    assert post(saving, good_payload(session), **headers).status_code == status
    assert session.articles[0].path.read_bytes() == before


def test_save_writes_the_review_file(saving, session):
    payload = good_payload(session)
    payload["articles"][0]["facts"][2]["optional"] = True  # a gold file's mark
    answer = post(saving, payload)
    assert answer.status_code == 200, answer.text
    assert answer.json()["facts"] == 3 and answer.json()["pending"] == 2
    data = yaml.safe_load(session.articles[0].path.read_text(encoding="utf-8"))
    assert [f["type"] for f in data["facts"]] == ["funding_round", "investment", "founded"]
    assert data["facts"][1]["amount"] == 30_000_000 and data["facts"][1]["reviewed"] is True
    assert "confidence" not in data["facts"][1] and data["facts"][0]["confidence"] == 0.85
    assert data["source"] == str(ARTICLE) and data["reviewed"] is False
    assert data["facts"][2]["optional"] is True and "optional" not in data["facts"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f[0].update(amount="lots"), "amount: 'lots' is not a number"),
        (lambda f: f[0].update(organization="Nobody Known"), "'Nobody Known' is not under entities"),
        (lambda f: f[0].update(type="merger"), "unknown fact type 'merger'"),
        (lambda f: f[0].update(currency="dollars"), "not an ISO 4217 code"),
    ],
)
def test_save_refuses_bad_facts_and_writes_nothing(saving, session, change, message):
    payload = good_payload(session)
    change(payload["articles"][0]["facts"])
    before = session.articles[0].path.read_bytes()
    answer = post(saving, payload)
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert session.articles[0].path.read_bytes() == before


def test_save_refuses_unknown_articles_and_files_changed_on_disk(saving, session):
    payload = good_payload(session)
    payload["articles"][0]["article"] = "../../etc/passwd"
    assert "unknown article" in post(saving, payload).json()["error"]
    path = session.articles[0].path
    path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    answer = post(saving, good_payload(session))
    assert answer.status_code == 400 and "changed on disk" in answer.json()["error"]
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")


def test_the_server_listens_on_loopback_only(session):
    server = ReviewServer(session, port=0)
    try:
        assert server.sock.getsockname()[0] == "127.0.0.1"
        assert server.url.startswith(f"http://127.0.0.1:{server.port}/?token=")
    finally:
        server.sock.close()


@pytest.mark.server
def test_kg_review_prints_a_tokened_loopback_address_and_serves_the_page(tmp_path: Path):
    import re
    import subprocess
    import sys
    import time

    import httpx

    out = tmp_path / "reviews"
    write_review(out)
    kg = Path(sys.executable).with_name("kg")
    process = subprocess.Popen(
        [str(kg), "review", str(ARTICLE), "--out", str(out), "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, seen = time.monotonic() + 60, ""
        while time.monotonic() < deadline and "open http" not in seen:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
            seen += line
        found = re.search(r"open (http://127\.0\.0\.1:(\d+)/\?token=\S+)", seen)
        assert found, seen
        assert "reviewing 1 article(s), 4 facts" in seen
        page = httpx.get(found.group(1), timeout=10)
        assert page.status_code == 200 and "quillfeather-series-b" in page.text
        assert httpx.get(f"http://127.0.0.1:{found.group(2)}/", timeout=10).status_code == 403
    finally:
        process.terminate()
        process.wait(timeout=10)
