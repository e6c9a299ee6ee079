"""CSV exports of the list pages: the page's filters, the page's rows, safe cells."""

from __future__ import annotations

import csv
import io
import re

import pytest


def rows(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def linked_slugs(html: str, prefix: str) -> set[str]:
    return set(re.findall(rf'href="/{prefix}/([a-z0-9-]+)"', html)) - {"new"}


@pytest.mark.parametrize(("page", "query"), [
    ("actions", "theme=health"), ("actions", ""), ("stories", "language=fr"), ("partnerships", "country=SEN"),
    ("sources", "kind=census"), ("organizations", "org_type=ngo"),
])
def test_csv_matches_the_page(client, api_content, page, query):
    exported = rows(client.get(f"/{page}.csv?{query}"))
    html = client.get(f"/{page}?{query}").get_data(as_text=True)
    assert {r["slug"] for r in exported} == linked_slugs(html, page)
    assert exported


def test_csv_has_only_public_rows_and_neutralizes_formulas(client, api_content, make_action):
    make_action(api_content["ngo"], title="=HYPERLINK(\"http://evil\")")
    exported = rows(client.get("/actions.csv"))
    titles = {r["title"] for r in exported}
    assert "Secret draft action" not in titles and "Action of a pending organization" not in titles
    assert "'=HYPERLINK(\"http://evil\")" in titles


def test_csv_rejects_bad_filters(client, api_content):
    assert client.get("/actions.csv?status=nope").status_code == 400
