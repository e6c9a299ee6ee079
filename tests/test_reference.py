"""Reference data: real figures, idempotent import, and a bad file changes nothing."""

import shutil

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.models import BilateralRemittance, Country, CountryTotal, MigrantStock, ReferenceImport, RemittanceReceived
from hub.places.reference import ReferenceDataError, import_reference


def stock(edition, origin, destination, year):
    return db.session.get(MigrantStock, (edition, origin, destination, year))


def test_known_pairs_have_the_published_figures(app_ctx):
    assert stock(2024, "MEX", "USA", 2024).migrants == 11_279_561
    assert stock(2024, "MEX", "USA", 2020).migrants == 11_177_052
    assert stock(2020, "MEX", "USA", 2020).migrants == 10_853_105
    assert stock(2024, "IND", "ARE", 2024).migrants == 3_248_545
    assert stock(2020, "IND", "ARE", 2020).migrants == 3_471_300
    sen_fra = stock(2024, "SEN", "FRA", 2024)
    assert (sen_fra.migrants, sen_fra.migrants_male, sen_fra.migrants_female) == (176_632, 92_347, 84_285)
    # Ghana -> Germany is itemised only in the 2020 edition.
    assert stock(2024, "GHA", "DEU", 2020) is None
    assert stock(2020, "GHA", "DEU", 2020).migrants == 33_440


def test_totals_remittances_and_countries(app_ctx):
    world_2024 = db.session.scalar(
        sa.select(sa.func.sum(CountryTotal.immigrants)).where(CountryTotal.edition == 2024, CountryTotal.year == 2024)
    )
    assert world_2024 == 304_021_813
    assert db.session.get(BilateralRemittance, ("MEX", "USA", 2017)).usd_million == pytest.approx(30_019, abs=1)
    assert round(db.session.get(RemittanceReceived, ("IND", 2024)).usd / 1e9, 2) == 137.67
    ghana = db.session.get(Country, "GHA")
    assert (ghana.iso2, ghana.m49, ghana.region, ghana.subregion) == ("GH", 288, "Africa", "Western Africa")
    civ = db.session.get(Country, "CIV")
    assert civ.name_fr == "Côte d'Ivoire" and civ.name_es
    assert db.session.get(Country, "DEU").name_fr == "Allemagne"
    assert db.session.get(Country, "CHI").iso2 is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Country)) == 235


def test_import_is_idempotent(app_ctx):
    before = db.session.scalar(sa.select(sa.func.count()).select_from(MigrantStock))
    results = import_reference(app_ctx.config["DATA_DIR"])
    assert all(r.unchanged for r in results)
    forced = import_reference(app_ctx.config["DATA_DIR"], force=True)
    db.session.commit()
    assert not any(r.unchanged for r in forced)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MigrantStock)) == before
    loaded = next(r for r in forced if r.dataset == "ims2024_bilateral")
    assert db.session.get(ReferenceImport, "ims2024_bilateral").rows == loaded.rows > 1000


@pytest.mark.parametrize(
    ("filename", "line", "bad_line", "message"),
    [
        ("undesa_ims2024_bilateral.csv", 3, "GHA,DEU,2024,lots,1,2\n", "migrants must be a whole number"),
        ("undesa_ims2020_bilateral.csv", 2, "XXX,DEU,2020,5,1,2\n", "'XXX' is not a known country"),
        ("undesa_ims2024_country_totals.csv", 2, "GHA,2024,-5,1,1,1,1,1\n", "must not be negative"),
        ("countries.csv", 2, "GH,288\n", "wrong number of fields"),
    ],
)
def test_malformed_file_names_file_and_line_and_changes_nothing(app_ctx, tmp_path, filename, line, bad_line, message):
    data = tmp_path / "data"
    shutil.copytree(app_ctx.config["DATA_DIR"], data)
    lines = (data / filename).read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, bad_line)
    (data / filename).write_text("".join(lines), encoding="utf-8")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(MigrantStock))
    with pytest.raises(ReferenceDataError) as excinfo:
        import_reference(data, force=True)
    db.session.rollback()
    assert f"{filename}, line {line}" in str(excinfo.value)
    assert message in str(excinfo.value)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MigrantStock)) == before
    assert stock(2024, "MEX", "USA", 2024).migrants == 11_279_561


def test_cli_reports_progress_and_a_clear_error(runner, app, tmp_path):
    result = runner.invoke(args=["import-reference"])
    assert result.exit_code == 0, result.output
    assert "unchanged since last import" in result.output
    assert "Reference data: 0 file(s) loaded" in result.output

    data = tmp_path / "broken"
    shutil.copytree(app.config["DATA_DIR"], data)
    (data / "wdi_remittances_received.csv").write_text("iso3,year\nGHA,2020\n", encoding="utf-8")
    result = runner.invoke(args=["import-reference", "--force", "--data-dir", str(data)])
    assert result.exit_code != 0
    assert "wdi_remittances_received.csv, line 1: missing column(s) remittances_received_usd" in result.output
    assert "Nothing was changed" in result.output


def test_data_source_catalogue_seed(runner, app_ctx):
    from hub.models import DataSource

    result = runner.invoke(args=["seed-sources"])
    assert result.exit_code == 0, result.output
    assert "70 created" in result.output
    source = db.session.scalar(
        sa.select(DataSource).where(DataSource.slug == "undesa-international-migrant-stock-2024")
    )
    assert source.review_state == "published" and source.regions_covered == "WLD"
    assert [t.slug for t in source.themes] == ["migrant-stock", "gender"]
    again = runner.invoke(args=["seed-sources"])
    assert "0 created, 70 updated" in again.output
