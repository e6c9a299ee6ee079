"""The fixed parts of query understanding: demonyms, aliases, codes, themes, goals, corridors."""

from hub import search
from hub.search.names import inflections
from hub.search.understand import understand


def _countries(text: str) -> list[str]:
    return understand(text).countries()


def test_a_demonym_or_alias_is_its_country_in_three_languages(app_ctx):
    cases = {
        "Senegalese": "SEN", "Ivorian": "CIV", "Ghanaians": "GHA", "Filipinos": "PHL", "Turks": "TUR",
        "UK": "GBR", "uk": "GBR", "UAE": "ARE", "US": "USA", "USA": "USA", "DRC": "COD", "Holland": "NLD",
        "Ivory Coast": "CIV", "sénégalais": "SEN", "ivoiriennes": "CIV", "mexicanos": "MEX",
        "marroquíes": "MAR", "EE. UU.": "USA", "South Korea": "KOR", "Czechia": "CZE", "Allemagne": "DEU",
    }
    for text, iso3 in cases.items():
        assert _countries(text) == [iso3], text
    assert understand("Ghanaians").concepts[0].demonym
    assert _countries("Turks and Caicos Islands") == ["TCA"]  # the longest name wins


def test_a_code_in_lower_case_or_a_function_word_is_not_a_country(app_ctx):
    for text in ("la diaspora de la ville et le village", "el club de migrantes", "us", "eau potable", "IT training"):
        assert _countries(text) == [], text
    assert _countries("GH") == ["GHA"] and _countries("DEU") == ["DEU"] and _countries("EAU") == ["ARE"]
    assert _countries("DE") == []  # a stop word even in capitals, as "IN" and "IT"


def test_demonym_forms_follow_each_language():
    assert {"ivoirien", "ivoirienne", "ivoiriens", "ivoiriennes"} <= inflections("ivoirien", "fr")
    assert {"senegalés", "senegalesa", "senegaleses"} <= inflections("senegalés", "es")
    assert {"marroquí", "marroquíes"} <= inflections("marroquí", "es")
    assert inflections("Senegalese", "en") == {"Senegalese"} and "Ghanaians" in inflections("Ghanaian", "en")


def test_themes_and_goals_in_plain_words(app_ctx):
    def tags(text):
        return [(c.facet, c.value) for c in understand(text).concepts if c.facet]
    assert tags("SDG 3 Ghana") == [("sdg", "3"), ("country", "GHA")]
    assert tags("ODD 6") == [("sdg", "6")] and tags("ODS 11") == [("sdg", "11")] and tags("sdg13") == [("sdg", "13")]
    assert tags("gender equality") == [("sdg", "5")] and tags("igualdad de género") == [("sdg", "5")]
    assert tags("santé") == [("theme", "health")] and tags("skills transfer") == [("theme", "skills")]
    assert understand('"SDG 3" remit*').plain is False  # phrases and wildcards are searched as typed


def test_direction_decides_the_corridor(app_ctx):
    cases = {
        "Turkey to Germany": ("TUR", "DEU"), "Germany to Turkey": ("DEU", "TUR"),
        "from Mexico to the United States": ("MEX", "USA"), "Indians in the UAE": ("IND", "ARE"),
        "UK Nigerians": ("NGA", "GBR"), "de la Turquie vers l'Allemagne": ("TUR", "DEU"),
        "Marocains en France": ("MAR", "FRA"), "de Venezuela a Colombia": ("VEN", "COL"),
        "in Germany from Turkey": ("TUR", "DEU"),
    }
    for text, corridor in cases.items():
        assert understand(text).corridor == corridor, text
    assert understand("Ghana health").corridor is None


def test_corridor_direction_decides_the_ranking(app_ctx):
    from hub.extensions import db
    from hub.models import CommunityProfile

    for origin, residence in (("DEU", "TUR"), ("TUR", "DEU")):
        db.session.add(CommunityProfile(origin_iso3=origin, destination_iso3=residence, summary="Families."))
    db.session.commit()
    assert [h.ref for h in search.query("Turkey to Germany").hits][:1] == ["TUR-DEU"]
    assert [h.ref for h in search.query("Germany to Turkey").hits][:1] == ["DEU-TUR"]
    assert [h.ref for h in search.query("Turks in Germany").hits][:1] == ["TUR-DEU"]
    assert "TCA" not in {h.ref for h in search.query("Turks").hits}
