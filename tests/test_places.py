"""Country and community pages: real UN DESA figures, CSV, evidence pack, charts, profiles."""

from __future__ import annotations

import csv
import io
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.models import CommunityProfile, MigrantStock, Revision
from hub.places import services

# --- helpers ---------------------------------------------------------------------------------


class TableParser(HTMLParser):
    """Collect every <table> of a page as {caption: [[cell text, ...], ...]} (header row first)."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._rows = None
        self._row = None
        self._cell = None
        self._caption = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._cell = []
        elif tag == "tr" and self._rows is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption = "".join(self._cell).strip()
            self._cell = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: bytes) -> dict[str, list[list[str]]]:
    parser = TableParser()
    parser.feed(html.decode())
    return parser.tables


def table_starting(tables: dict, prefix: str) -> list[list[str]]:
    matches = [rows for caption, rows in tables.items() if caption.startswith(prefix)]
    assert len(matches) == 1, (prefix, list(tables))
    return matches[0]


def csv_rows(data: bytes) -> tuple[list[list[str]], list[list[str]]]:
    """(table rows incl. header, source lines) of a downloaded CSV."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    blank = rows.index([])
    return rows[:blank], rows[blank + 1:]


def stock(edition, origin, destination, year) -> int:
    return db.session.scalar(sa.select(MigrantStock.migrants).filter_by(
        edition=edition, origin_iso3=origin, destination_iso3=destination, year=year))


# --- figures against data/ -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pair", "edition", "year", "migrants"),
    [
        ("GHA-DEU", 2020, 2020, 33440),  # only in the 2020 edition
        ("SEN-FRA", 2024, 2024, 176632),
        ("MEX-USA", 2024, 2024, 11279561),
        ("IND-ARE", 2024, 2024, 3248545),
    ],
)
def test_corridor_figures_match_the_data(app_ctx, pair, edition, year, migrants):
    origin, destination = pair.split("-")
    data = services.corridor(origin, destination)
    assert data.edition == edition
    assert (data.latest.year, data.latest.migrants) == (year, migrants)
    years = {1990, 1995, 2000, 2005, 2010, 2015, 2020} | ({2024} if edition == 2024 else set())
    assert {p.year for p in data.points} == years


def test_editions_are_never_mixed_in_a_series(app_ctx):
    # The 2020 edition's Mexico->USA 2020 figure differs from the 2024 edition's revision of it.
    assert stock(2020, "MEX", "USA", 2020) == 10853105
    data = services.corridor("MEX", "USA")
    by_year = {p.year: p.migrants for p in data.points}
    assert by_year[2020] == stock(2024, "MEX", "USA", 2020) == 11177052
    assert data.editions_listing == (2024, 2020)


@pytest.mark.parametrize(
    ("pair", "shown", "absent"),
    [
        ("GHA-DEU", "33,440", None),
        ("SEN-FRA", "176,632", None),
        ("MEX-USA", "11,279,561", "10,853,105"),
        ("IND-ARE", "3,248,545", "3,471,300"),
    ],
)
def test_community_page_shows_the_figure_and_its_source(client, pair, shown, absent):
    response = client.get(f"/communities/{pair}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert shown in html
    if absent:
        assert absent not in html  # the 2020 edition's figure is not mixed in
    assert "International Migrant Stock" in html
    assert html.count("<h1") == 1


def test_fallback_notice_only_where_2024_lacks_the_pair(client):
    notice = "2024 edition lacks this pair, showing 2020"
    ghana_germany = client.get("/communities/GHA-DEU").get_data(as_text=True)
    assert notice in ghana_germany
    assert "International Migrant Stock 2020" in ghana_germany
    assert notice not in client.get("/communities/SEN-FRA").get_data(as_text=True)


def test_community_shares_and_remittance(app_ctx):
    data = services.corridor("MEX", "USA")
    latest = data.latest
    assert latest.male + latest.female == latest.migrants
    emigrants = db.session.scalar(sa.text(
        "SELECT emigrants FROM country_total WHERE edition=2024 AND iso3='MEX' AND year=2024"))
    assert latest.share_of_origin == round(100 * 11279561 / emigrants, 1)
    assert services.bilateral_remittance("MEX", "USA").usd_million == pytest.approx(30019, abs=1)


def test_country_page_top_residences_2024(client, app_ctx):
    top = services.diaspora_destinations("GHA", limit=3)
    assert all(f.edition == 2024 for f in top[:1])
    response = client.get("/countries/GHA")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    rows = table_starting(page_tables(response.data), "Where people born in Ghana live")
    assert rows[0] == ["Country of residence", "Migrants", "Year", "Edition"]
    first = top[0]
    assert rows[1][1] == f"{first.migrants:,}" and rows[1][3] == str(first.edition)
    assert "Migrants born in Ghana living abroad" in html
    assert "1,055,494" in html  # Ghana's emigrants in 2024 (2024 edition totals)
    # Germany is in Ghana's list from the 2020 edition, labelled as such.
    germany = next(f for f in services.diaspora_destinations("GHA") if f.destination_iso3 == "DEU")
    assert (germany.edition, germany.year, germany.migrants) == (2020, 2020, 33440)


def test_remittance_figures(app_ctx):
    india = {r.year: r.usd for r in services.remittances_received("IND")}
    assert round(india[2024] / 1e9, 2) == 137.67
    senders = services.remittance_senders("IND", limit=2)
    assert [s.code for s in senders] == ["ARE", "USA"]
    assert senders[0].usd_million == pytest.approx(13823, abs=1)


def test_largest_corridors_start_with_mexico_usa(client):
    html = client.get("/communities").get_data(as_text=True)
    rows = table_starting(page_tables(client.get("/communities").data), "The largest diaspora communities")
    assert rows[1][:3] == ["Mexico", "United States of America", "11,279,561"]
    assert '<label for="origin">' in html and '<label for="residence">' in html


def test_community_picker_redirects(client):
    response = client.get("/communities?origin=GHA&residence=DEU")
    assert response.status_code == 302 and response.location.endswith("/communities/GHA-DEU")
    assert client.get("/communities?origin=GHA&residence=GHA").status_code == 400


def test_countries_list_grouped_and_filtered(client):
    html = client.get("/countries").get_data(as_text=True)
    for region in ("Africa", "Asia", "Europe", "Latin America and the Caribbean", "Northern America", "Oceania"):
        assert f">{region}</h2>" in html
    filtered = client.get("/countries?q=gha").get_data(as_text=True)
    assert "/countries/GHA" in filtered and "/countries/DEU" not in filtered
    europe = client.get("/countries?region=Europe").get_data(as_text=True)
    assert "/countries/DEU" in europe and "/countries/GHA" not in europe


# --- CSV downloads and the evidence pack -----------------------------------------------------


def _assert_csv_matches_page(page_rows, csv_table, drop_iso_columns=True):
    header, *rows = csv_table
    keep = [i for i, h in enumerate(header) if not (drop_iso_columns and h.endswith("(ISO3)"))]
    as_shown = [[row[i] for i in keep] for row in [header, *rows]]

    def plain(cell):
        return cell.replace(",", "").replace("—", "")

    assert [[plain(c) for c in r] for r in page_rows] == [[plain(c) for c in r] for r in as_shown]


def test_community_csv_equals_the_page(client):
    page = page_tables(client.get("/communities/GHA-DEU").data)
    response = client.get("/communities/GHA-DEU/trend.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table, source = csv_rows(response.data)
    _assert_csv_matches_page(table_starting(page, "People born in Ghana living in Germany"), table)
    assert table[-1][:2] == ["2020", "33440"]
    assert "International Migrant Stock 2020" in source[0][0]


@pytest.mark.parametrize("key", ["trend", "residence", "origins", "remittances", "remittance-senders"])
def test_country_csv_equals_the_page(client, key):
    page = page_tables(client.get("/countries/SEN").data)
    response = client.get(f"/countries/SEN/{key}.csv")
    assert response.status_code == 200
    table, source = csv_rows(response.data)
    caption = {
        "trend": "Migrants born in Senegal living abroad",
        "residence": "Where people born in Senegal live",
        "origins": "Where immigrants in Senegal were born",
        "remittances": "Personal remittances received by Senegal",
        "remittance-senders": "Estimated remittances to Senegal",
    }[key]
    _assert_csv_matches_page(table_starting(page, caption), table)
    assert source[0][0].startswith("Source: ")


def test_unknown_csv_table_is_404(client):
    assert client.get("/countries/GHA/nothing.csv").status_code == 404


def test_evidence_pack(client, make_org, make_action, make_source):
    org = make_org(name="Ghana Nurses Germany")
    make_action(org, title="Clinical skills exchange")
    make_source(title="Ghana Living Standards Survey")
    response = client.get("/countries/GHA/evidence-pack.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    names = {n.split("/", 1)[1] for n in pack.namelist()}
    assert {"trend.csv", "residence-all.csv", "origins-all.csv", "remittances.csv", "remittance-senders.csv",
            "organizations.csv", "actions.csv", "data-sources.csv", "README.txt"} <= names
    prefix = "GHA-evidence-pack/"
    residence, _source = csv_rows(pack.read(prefix + "residence-all.csv"))
    assert ["Germany", "DEU", "33440", "2020", "2020"] in residence
    assert "Ghana Nurses Germany" in pack.read(prefix + "organizations.csv").decode()
    assert "Clinical skills exchange" in pack.read(prefix + "actions.csv").decode()
    assert "Ghana Living Standards Survey" in pack.read(prefix + "data-sources.csv").decode()
    assert "International Migrant Stock 2024" in pack.read(prefix + "README.txt").decode()


def test_csv_defuses_formulas(client, make_org):
    make_org(name="=HYPERLINK(1)")
    pack = zipfile.ZipFile(io.BytesIO(client.get("/countries/GHA/evidence-pack.zip").data))
    assert "'=HYPERLINK(1)" in pack.read("GHA-evidence-pack/organizations.csv").decode()


# --- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/countries/XXX", "/countries/ZZ", "/countries/atlantis",
                                 "/communities/GHA-XXX", "/communities/GHA-GHA", "/communities/GHA",
                                 "/countries/XXX/trend.csv", "/countries/XXX/charts/map.svg"])
def test_unknown_codes_give_a_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/countries/GH", "/countries/GHA"),
        ("/countries/gha", "/countries/GHA"),
        ("/countries/ghana", "/countries/GHA"),
        ("/countries/Ghana", "/countries/GHA"),
        ("/countries/S%C3%A9n%C3%A9gal", "/countries/SEN"),
        ("/countries/united-states-of-america", "/countries/USA"),
        ("/countries/de/trend.csv", "/countries/DEU/trend.csv"),
        ("/communities/GH-DE", "/communities/GHA-DEU"),
        ("/communities/gha-deu", "/communities/GHA-DEU"),
        ("/communities/ghana-united-states-of-america", "/communities/GHA-USA"),
    ],
)
def test_other_codes_redirect_to_the_canonical_address(client, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response.location.endswith(target)


# --- charts ----------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("url", [
    "/countries/GHA/charts/trend.svg", "/countries/GHA/charts/residence.svg",
    "/countries/GHA/charts/origins.svg", "/countries/GHA/charts/map.svg",
    "/countries/GHA/charts/remittances.svg", "/communities/GHA-DEU/charts/trend.svg",
    "/communities/charts/largest.svg",
])
def test_charts_are_valid_svg_without_script(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert "max-age" in response.headers["Cache-Control"]
    root = ET.fromstring(response.data)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    assert not list(root.iter(f"{SVG}script"))


def test_chart_is_gzipped_and_revalidates(client):
    plain = client.get("/countries/GHA/charts/map.svg")
    zipped = client.get("/countries/GHA/charts/map.svg", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert len(zipped.data) < len(plain.data) / 2
    again = client.get("/countries/GHA/charts/map.svg", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_map_colours_the_diaspora(client):
    root = ET.fromstring(client.get("/countries/GHA/charts/map.svg").data)  # noqa: S314
    coloured = {el.get("class").split()[0] for el in root.iter() if "series" in (el.get("class") or "").split()}
    assert {"us", "gb", "de"} <= coloured  # Germany from the 2020 edition


def test_pages_reference_charts_as_images_with_alt_text(client):
    html = client.get("/countries/GHA").get_data(as_text=True)
    assert '<img src="/countries/GHA/charts/map.svg" alt="Where people born in Ghana live.' in html
    executable = html.replace('<script type="application/ld+json">', "")  # JSON-LD is data, never run
    assert "<script" not in executable and "style=" not in html


# --- editorial profiles ----------------------------------------------------------------------


def test_profile_editing_needs_sign_in(client):
    response = client.get("/communities/GHA-DEU/profile")
    assert response.status_code == 302
    assert "login" in response.location


def test_profile_editing_refused_to_members(make_user, login_client):
    member = login_client(make_user(role="member"))
    assert member.get("/communities/GHA-DEU/profile").status_code == 403
    assert member.post("/communities/GHA-DEU/profile", data={"summary": "x", "version": "0"}).status_code == 403


def test_moderator_writes_and_revises_a_profile(app_ctx, client, make_user, login_client):
    moderator = make_user(role="moderator")
    signed_in = login_client(moderator)
    assert signed_in.get("/communities/GHA-DEU/profile").status_code == 200
    response = signed_in.post("/communities/GHA-DEU/profile", data={
        "summary": "Ghanaians in **Germany** live mostly in Hamburg.", "languages": "Twi, Ga, English, German",
        "notes": "", "sources": "", "version": "0",
    })
    assert response.status_code == 302
    page = client.get("/communities/GHA-DEU").get_data(as_text=True)
    assert "<strong>Germany</strong>" in page and "Twi, Ga, English, German" in page

    response = signed_in.post("/communities/GHA-DEU/profile", data={
        "summary": "Ghanaians in Germany live mostly in Hamburg and the Ruhr.", "languages": "Twi, Ga",
        "notes": "", "sources": "", "version": "1",
    })
    assert response.status_code == 302
    profile = db.session.scalar(sa.select(CommunityProfile).filter_by(origin_iso3="GHA", destination_iso3="DEU"))
    assert profile.version == 2 and profile.summary.endswith("the Ruhr.")
    revisions = db.session.scalars(sa.select(Revision).filter_by(entity_type="community_profile",
                                                                  entity_id=profile.id)).all()
    assert len(revisions) == 1
    assert revisions[0].data["summary"] == "Ghanaians in **Germany** live mostly in Hamburg."
    assert revisions[0].user_id == moderator.id and revisions[0].version == 1


def test_edit_conflict_keeps_the_text_and_overwrites_nothing(app_ctx, make_user, login_client):
    first, second = login_client(make_user(role="moderator")), login_client(make_user(role="admin"))
    first.post("/communities/SEN-FRA/profile", data={"summary": "Original.", "version": "0"})
    # Both open version 1; the first saves; the second's save is stale.
    saved = first.post("/communities/SEN-FRA/profile", data={"summary": "First edit.", "version": "1"})
    assert saved.status_code == 302
    response = second.post("/communities/SEN-FRA/profile", data={"summary": "Second edit, from v1.", "version": "1"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else saved this profile" in html
    assert "Second edit, from v1." in html  # the user's text, kept in the form
    assert 'name="version" type="hidden" value="2"' in html
    db.session.expire_all()
    profile = db.session.scalar(sa.select(CommunityProfile).filter_by(origin_iso3="SEN", destination_iso3="FRA"))
    assert (profile.summary, profile.version) == ("First edit.", 2)


def test_two_moderators_creating_the_same_profile_conflict(app_ctx, make_user, login_client):
    first, second = login_client(make_user(role="moderator")), login_client(make_user(role="moderator"))
    assert first.post("/communities/MAR-FRA/profile", data={"summary": "A.", "version": "0"}).status_code == 302
    assert second.post("/communities/MAR-FRA/profile", data={"summary": "B.", "version": "0"}).status_code == 409


# --- registered content and query counts -----------------------------------------------------


def test_country_and_community_show_registered_content(client, make_org, make_action, make_partnership,
                                                        make_story, make_source):
    org = make_org(name="Ghana Health Network Germany", hq="DEU", heritage=("GHA",))
    hidden = make_org(name="Unverified Org", verified=False)
    make_action(org, title="Nurses exchange Kumasi")
    make_action(org, title="Draft action", state="draft")
    make_action(hidden, title="Unverified action")
    make_partnership(org, title="Hospitals twinning", country_codes=("GHA", "DEU"))
    make_story(org, title="Forty nurses trained")
    make_source(title="Ghana migration profile", country_codes=("GHA", "DEU"))
    for url in ("/countries/GHA", "/communities/GHA-DEU"):
        html = client.get(url).get_data(as_text=True)
        for title in ("Ghana Health Network Germany", "Nurses exchange Kumasi", "Hospitals twinning",
                      "Forty nurses trained", "Ghana migration profile"):
            assert title in html, (url, title)
        for title in ("Draft action", "Unverified action", "Unverified Org"):
            assert title not in html
    # Not part of the Ghana -> USA community: nothing there is in or tagged with the USA.
    assert "Nurses exchange Kumasi" not in client.get("/communities/GHA-USA").get_data(as_text=True)


def _count_queries(app, client, url) -> int:
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def _add_content(n, make_org, make_action, make_partnership, make_story, make_source):
    for _i in range(n):
        org = make_org(hq="DEU", heritage=("GHA",))
        org.operation_countries = org.heritage_countries[:]
        make_action(org, implementation=("GHA", "DEU"))
        make_partnership(org, country_codes=("GHA", "DEU"))
        make_story(org, country_codes=("GHA", "DEU"))
        make_source(country_codes=("GHA", "DEU"))


@pytest.mark.parametrize("url", ["/countries/GHA", "/communities/GHA-DEU", "/countries/GHA/evidence-pack.zip",
                                 "/countries", "/communities"])
def test_query_count_does_not_grow_with_content(app, client, url, make_org, make_action, make_partnership,
                                                make_story, make_source):
    from hub.caching import cache

    _add_content(2, make_org, make_action, make_partnership, make_story, make_source)
    few = _count_queries(app, client, url)
    _add_content(8, make_org, make_action, make_partnership, make_story, make_source)
    with app.app_context():
        cache.clear()  # reference figures would come from the cache: count the view's own queries again
    many = _count_queries(app, client, url)
    print(url, few, many)
    assert many == few, (url, few, many)
    assert few <= 32  # the view, the cache versions and the clock of events and calls
