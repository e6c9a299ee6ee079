"""The public list of actions: filters, paging, and a constant number of queries."""

from datetime import date

import pytest

from hub.extensions import db


def titles(client, query="") -> set[str]:
    page = client.get(f"/actions{query}").get_data(as_text=True)
    return {title for title in ("Alpha", "Bravo", "Charlie", "Delta") if f">{title}</a>" in page}


@pytest.fixture
def listed(make_org, make_action):
    ngo = make_org(name="Helping Hands NGO", org_type="ngo")
    association = make_org(name="Diaspora Association", org_type="diaspora-association")
    make_action(association, title="Alpha", origin=("GHA",), implementation=("GHA",), theme_slugs=("health",),
                status="ongoing", start_date=date(2021, 1, 1))
    make_action(association, title="Bravo", origin=("SEN",), implementation=("SEN", "FRA"),
                theme_slugs=("education",), status="completed", start_date=date(2018, 5, 1),
                end_date=date(2019, 12, 31))
    make_action(ngo, title="Charlie", origin=("GHA",), implementation=("DEU",), theme_slugs=("health", "skills"),
                status="planned", start_date=date(2026, 1, 1))
    make_action(association, title="Delta", state="submitted", theme_slugs=("health",))


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"Alpha", "Bravo", "Charlie"}),
    ("?theme=health", {"Alpha", "Charlie"}),
    ("?origin=GHA", {"Alpha", "Charlie"}),
    ("?country=FRA", {"Bravo"}),
    ("?status=completed", {"Bravo"}),
    ("?org_type=ngo", {"Charlie"}),
    ("?year=2019", {"Bravo"}),
    ("?year=2025", {"Alpha"}),
    ("?theme=health&origin=GHA&org_type=diaspora-association&year=2022", {"Alpha"}),
    ("?theme=nope&year=abc&status=x&page=-3", {"Alpha", "Bravo", "Charlie"}),  # bad filters are ignored
    ("?year=99999999999999999999", {"Alpha", "Bravo", "Charlie"}),
])
def test_filters(listed, client, query, expected):
    response = client.get(f"/actions{query}")
    assert response.status_code == 200
    assert titles(client, query) == expected


def test_paging_keeps_the_filters(app, listed, client):
    app.config["PAGE_SIZE"] = 2
    first = client.get("/actions?theme=&status=").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'href="/actions?theme=&amp;status=&amp;page=2"' in first
    assert titles(client, "?page=2") == {"Alpha"}  # newest first: Charlie, Bravo, then Alpha
    assert titles(client, "?page=50") == set()


def _add_actions(make_action, org, n, state):
    for i in range(n):
        make_action(org, title=f"Action number {i}", state=state, origin=("GHA", "SEN"), implementation=("DEU",),
                    theme_slugs=("health", "education"), featured=state == "published")


@pytest.mark.parametrize(("path", "state", "role"), [
    ("/actions", "published", "anonymous"),
    ("/actions?theme=health&origin=GHA&page=1", "published", "anonymous"),
    ("/", "published", "anonymous"),
    ("/moderation", "submitted", "moderator"),
    ("/dashboard", "draft", "editor"),
])
def test_list_pages_issue_a_constant_number_of_queries(cast, as_role, make_action, count_queries, path, state, role):
    client = as_role(role)

    def queries_with(n: int) -> int:
        _add_actions(make_action, cast["org"], n, state)
        db.session.expire_all()
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200
        assert "Action number" in response.get_data(as_text=True)
        return len(statements)

    few = queries_with(3)
    many = queries_with(12)  # 15 in all
    assert few == many, f"{path}: {few} queries with 3 actions, {many} with 15"
