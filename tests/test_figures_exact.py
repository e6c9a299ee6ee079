"""Issue 16: the figures read the same, exactly, on the page, in the CSV, in the pack and in the API."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest

from hub.places import numbers, services, tables
from tests.conftest import REAL_DATA
from tests.test_places import csv_rows, page_tables, table_starting


def knomad_rows(**where) -> list[dict]:
    with (REAL_DATA / "wb_knomad_bilateral_remittances_2017.csv").open(newline="", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if all(r[k] == v for k, v in where.items())]


# --- one rounding ----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "places", "expected"), [
    (0.05, 1, "0.1"), (1310.45, 1, "1310.5"), (0.25, 1, "0.3"), (2.675, 2, "2.68"), (-0.05, 1, "-0.1"),
    (0.5, 0, "1"), (1.5, 0, "2"), (2.5, 0, "3"), (1310.45, 3, "1310.450"),
])
def test_rounding_is_half_away_from_zero_from_the_written_decimal(value, places, expected):
    assert str(numbers.rounded(value, places)) == expected


def test_page_and_csv_show_knomad_rows_with_the_source_precision(client):
    # Italy -> Germany is 1310.45 in the source: the page used to show 1,310.4 and the CSV 1310.5.
    page = table_starting(page_tables(client.get("/countries/DEU").data), "Estimated remittances sent from Germany")
    italy = next(row for row in page if row[0] == "Italy")
    assert italy[1] == "1,310.450"
    table, _source = csv_rows(client.get("/countries/DEU/remittance-recipients.csv").data)
    assert ["Italy", "ITA", "1310.450"] in table
    # 0.05 (Fiji receiving from France) was 0.0 on the page; it is 0.050 on both now.
    all_rows, _source = csv_rows(client.get("/countries/FRA/remittance-recipients-all.csv").data)
    assert ["Fiji", "FJI", "0.050"] in all_rows


def test_display_and_csv_and_api_number_agree_for_a_share(app_ctx):
    assert tables.display(0.05, "percent") == "0.1" and tables.plain(0.05, "percent") == "0.1"
    assert numbers.as_json(0.05, "percent") == 0.1
    assert tables.display(1310.45, "musd") == "1,310.450" and tables.plain(1310.45, "musd") == "1310.450"


# --- no source row dropped -------------------------------------------------------------------


def test_a_place_outside_the_un_list_is_shown_by_the_source_name(client):
    # Kosovo (XKX) is not in the top 15 of Germany's table; the page's note and the full CSV name it.
    html = client.get("/countries/DEU").get_data(as_text=True)
    assert "Kosovo: not a UN DESA country or area, so the hub has no page for it" in html
    assert '/countries/XKX"' not in html  # no link to a page that does not exist
    table, source = csv_rows(client.get("/countries/DEU/remittance-recipients-all.csv").data)
    assert ["Kosovo", "XKX", "388.607"] in table
    assert any("no page for it" in line[0] for line in source)


@pytest.mark.parametrize(("iso3", "key", "caption", "column"), [
    ("IND", "remittance-senders", "Estimated remittances to India", "origin_iso3"),
    ("DEU", "remittance-recipients", "Estimated remittances sent from Germany", "destination_iso3"),
])
def test_remittance_total_on_the_page_equals_the_source(client, iso3, key, caption, column):
    source_rows = knomad_rows(**{column: iso3})
    expected = sum(Decimal(r["remittances_usd_million"]) for r in source_rows)
    page = table_starting(page_tables(client.get(f"/countries/{iso3}").data), caption)
    assert page[-1] == [f"Total ({len(source_rows)} countries and places)", f"{expected:,.3f}"]
    table, _source = csv_rows(client.get(f"/countries/{iso3}/{key}-all.csv").data)
    assert len(table) - 2 == len(source_rows)  # header and total row
    assert sum(Decimal(r[2]) for r in table[1:-1]) == expected
    if iso3 == "IND":
        assert f"{expected:,.0f}" == "68,968"  # data/README.md: equals the workbook's WORLD row


def test_import_summary_names_what_was_kept_and_skipped(app):
    from hub.extensions import db
    from hub.places.reference import import_reference

    messages: list[str] = []
    with app.app_context():
        import_reference(app.config["DATA_DIR"], force=True, progress=messages.append)
        db.session.rollback()
    data_dir = app.config["DATA_DIR"]
    with open(f"{data_dir}/wb_knomad_bilateral_remittances_2017.csv", newline="", encoding="utf-8") as handle:
        kosovo = sum(1 for r in csv.DictReader(handle) if "XKX" in (r["origin_iso3"], r["destination_iso3"]))
    knomad = next(m for m in messages if "wb_knomad" in m)
    assert kosovo and "kept with the source's name" in knomad and f"Kosovo (XKX): {kosovo} rows" in knomad
    wdi = next(m for m in messages if "wdi_remittances" in m)
    assert "20 rows skipped" in wdi and "Kosovo (XKX): 20 rows" in wdi and "no page" in wdi


# --- the years shown -------------------------------------------------------------------------


def test_remittances_received_give_the_whole_series_and_say_which_years(client):
    page = page_tables(client.get("/countries/SEN").data)
    rows = table_starting(page, "Personal remittances received by Senegal (current US$), 1974–2023")
    assert rows[1][0] == "1974"
    table, _source = csv_rows(client.get("/countries/SEN/remittances.csv").data)
    assert table[1] == ["1974", "8516661"]


# --- zeros and gaps --------------------------------------------------------------------------


def test_a_sentence_never_shows_a_dash_for_a_number(app_ctx):
    from hub.models import Country

    country = Country(iso3="ZZZ", name="Testland", name_fr="", name_es="")
    trend = tables.Table("trend", "t", [tables.Column("Year", "year"), tables.Column("E", "int"),
                                        tables.Column("I", "int")],
                         [[1990, None, 0], [2024, None, 120]], "", extra={"edition": 2024})
    sentence = tables.country_summaries(country, {"trend": trend})["trend"]
    assert "—" not in sentence
    assert "no total of people born in Testland living abroad for 2024" in sentence
    assert "120 immigrants lived in Testland (0 in 1990)" in sentence  # a real 0 reads as 0

    data = services.Corridor(2024, [services.CorridorPoint(1990, 0, None, None),
                                    services.CorridorPoint(2024, 15, None, None)])
    summary = tables.corridor_summary(country, country, data)
    assert "—" not in summary and "no split by sex" in summary and "compared with 0 in 1990" in summary


def test_a_table_gap_is_explained_and_empty_in_the_csv(app_ctx):
    table = tables._mark_gaps({"t": tables.Table("t", "t", [tables.Column("Year", "year"),
                                                            tables.Column("Men", "int")],
                                                 [[2020, None], [2024, 0]], "S")})["t"]
    assert "the source gives no figure" in table.note and "0 is a figure the source publishes as zero" in table.note
    assert tables.to_csv(table).splitlines()[1:3] == ["2020,", "2024,0"]
    assert tables.display(None, "int") != tables.display(0, "int")


def test_a_place_without_bilateral_remittances_says_so(client):
    html = client.get("/communities/SEN-MAR").get_data(as_text=True)
    assert "give no figure for money sent from Morocco to Senegal" in html


# --- the evidence pack still equals the pages ------------------------------------------------


def test_evidence_pack_csvs_equal_the_downloads_byte_for_byte(client):
    pack = zipfile.ZipFile(io.BytesIO(client.get("/countries/DEU/evidence-pack.zip").data))
    for key in ("trend", "remittances", "remittance-senders", "remittance-senders-all",
                "remittance-recipients", "remittance-recipients-all", "residence-all", "origins-all"):
        assert pack.read(f"DEU-evidence-pack/{key}.csv") == client.get(f"/countries/DEU/{key}.csv").data, key


# --- dates that mean something (point 9) -----------------------------------------------------


@pytest.fixture
def catalogue(app_ctx):
    from hub.extensions import db
    from hub.sources.seed import seed_sources

    seed_sources(REAL_DATA / "data_sources.csv")
    db.session.commit()
    return {s.slug: s for s in db.session.scalars(db.select(__import__("hub.models").models.DataSource))}


def test_catalogue_keeps_the_source_dates_apart_from_the_hub_dates(client, catalogue):
    wdi, ims = catalogue["wb-wdi-personal-remittances"], catalogue["undesa-international-migrant-stock-2024"]
    assert (wdi.source_published, wdi.source_updated) == ("", "2025-07-01")
    assert ims.source_published == "2024"
    body = client.get(f"/api/v1/sources/{wdi.slug}").get_json()
    assert body["source_updated"] == "2025-07-01" and body["source_published"] is None
    assert body["created_at"].startswith(str(wdi.created_at.year))
    page = client.get(f"/sources/{wdi.slug}").get_data(as_text=True)
    assert '<dt>Last updated by the source</dt><dd><time datetime="2025-07-01">2025-07-01</time></dd>' in page
    assert "<dt>Published by the source</dt><dd>Not recorded in the catalogue</dd>" in page
    assert "These are the hub's dates, not the source's." in page


def test_dcat_gives_the_source_date_not_the_load_time(client, catalogue):
    import json

    body = json.loads(client.get("/catalog.jsonld").data)
    by_id = {d["dct:identifier"]: d for d in body["dcat:dataset"]}
    assert by_id["wb-wdi-personal-remittances"]["dct:modified"] == {"@value": "2025-07-01", "@type": "xsd:date"}
    assert by_id["undesa-international-migrant-stock-2024"]["dct:issued"] == {"@value": "2024", "@type": "xsd:gYear"}
    unknown = by_id["oecd-international-migration-outlook"]
    assert "dct:issued" not in unknown and "dct:modified" not in unknown  # nothing invented
    records = {r["foaf:primaryTopic"]["@id"].rsplit("/", 1)[1]: r for r in body["dcat:record"]}
    assert records["oecd-international-migration-outlook"]["dct:issued"]["@type"] == "xsd:dateTime"


def test_catalogue_file_dates_are_well_formed_and_only_appended(app_ctx):
    from hub.sources.seed import SOURCE_DATE

    with (REAL_DATA / "data_sources.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    assert header[-2:] == ["source_published", "source_updated"] and len(header) == 18
    assert all(not r[-1] or SOURCE_DATE.match(r[-1]) for r in rows)
    assert all(not r[-2] or SOURCE_DATE.match(r[-2]) for r in rows)


def test_a_bad_source_date_in_the_file_is_refused_with_its_line(app_ctx, tmp_path):
    from hub.places.reference import ReferenceDataError
    from hub.sources.seed import seed_sources

    text = (REAL_DATA / "data_sources.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].rsplit(",", 2)[0] + ",July 2024,"
    bad = tmp_path / "data_sources.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="line 2: source_published 'July 2024' is not a date"):
        seed_sources(bad)


def test_sources_form_keeps_a_bad_source_date_and_says_why(partners, login_client):
    from hub.extensions import db
    from hub.models import DataSource
    from tests.test_sources import source_form

    editor = login_client(partners["partner_editor"])
    bad = editor.post("/sources/new", data=source_form(source_published="July 2024", source_updated="2025-07"))
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Write the date as YYYY, YYYY-MM or YYYY-MM-DD." in page and 'value="July 2024"' in page
    assert '<label for="source_published">' in page
    good = editor.post("/sources/new", data=source_form(source_published="2024-07", source_updated="2025-07-01"))
    assert good.status_code == 302
    source = db.session.scalar(db.select(DataSource).order_by(DataSource.id.desc()))
    assert (source.source_published, source.source_updated) == ("2024-07", "2025-07-01")


def test_demo_profiles_are_not_dated_at_the_moment_of_loading(app_ctx):
    from hub.demo.linked import build_community_profiles
    from hub.modeling import utcnow
    from hub.models import CommunityProfile

    class Builder:
        now = utcnow()
        moderator_id = None

        def days_ago(self, days):
            from datetime import timedelta
            return self.now - timedelta(days=days)

        def progress(self, _message):
            pass

    from hub.extensions import db

    assert build_community_profiles(Builder()) > 0
    stamps = [p.updated_at for p in db.session.scalars(db.select(CommunityProfile))]
    assert stamps and all((Builder.now - s.replace(tzinfo=Builder.now.tzinfo)).days >= 45 for s in stamps)
