"""Highlighting what a search matched, however the query said it: wildcards, phrases, countries
named as their people or in another language, themes and goals in words."""

from __future__ import annotations

import pytest

from hub import search

pytestmark = pytest.mark.search_sync


def _marked(html) -> list[str]:
    """The marked words of a title or snippet, in order."""
    return [part.split("</mark>")[0] for part in str(html).split("<mark>")[1:]]


def _hit(text, ref, **kw):
    results = search.query(text, **kw)
    return next(hit for hit in results.hits if hit.ref == ref)


def test_a_wildcard_marks_every_word_it_matched(make_org, make_action):
    org = make_org()
    action = make_action(org, title="Remittances and remitted savings",
                         summary="Families who remit money receive a remittance card.")
    hit = _hit("remit*", action.slug)
    assert _marked(hit.title) == ["Remittances", "remitted"]
    assert _marked(hit.snippet) == ["remit", "remittance"]


def test_a_phrase_marks_the_phrase_not_its_lone_words(make_org, make_action):
    org = make_org()
    action = make_action(org, title="Diaspora bonds for schools",
                         summary="The diaspora of Kenya buys diaspora bonds; bonds of friendship matter too.")
    hit = _hit('"diaspora bonds"', action.slug)
    assert _marked(hit.title) == ["Diaspora bonds"]
    assert _marked(hit.snippet) == ["diaspora bonds"]


def test_a_negated_word_is_not_marked(make_org, make_action):
    org = make_org()
    action = make_action(org, title="Remittances to Ghana", summary="Cheaper transfers, unlike Mexico.",
                         origin=("GHA",), implementation=("GHA",))
    hit = _hit("remittances NOT Mexico", action.slug)
    assert _marked(hit.title) == ["Remittances"] and "Mexico" not in _marked(hit.snippet)


@pytest.mark.parametrize("typed", ["Allemagne", "Alemania", "Germans", "allemands"])
def test_a_country_said_in_another_language_or_as_its_people_marks_the_names_the_record_uses(
        make_org, make_action, typed):
    org = make_org()
    action = make_action(org, title="Nurses from Ghana in Germany", origin=("GHA",), implementation=("DEU",),
                         summary="Ghanaian nurses trained in Germany return home; German hospitals host them.")
    hit = _hit(typed, action.slug)
    assert _marked(hit.title) == ["Germany"], typed
    assert _marked(hit.snippet) == ["Germany", "German"], typed
    assert "countries" in hit.matched_in


def test_a_country_in_french_marks_french_words_in_french_content(make_org, make_action):
    org = make_org(name="Association des Sénégalais de Lyon", heritage=("SEN",))
    action = make_action(org, title="Formation au Sénégal", language="fr", origin=("SEN",), implementation=("SEN",),
                         summary="Des formateurs sénégalais de la diaspora enseignent à Thiès.")
    for typed in ("Senegal", "Sénégal", "Senegalese"):
        hit = _hit(typed, action.slug)
        assert _marked(hit.title) == ["Sénégal"], typed
        assert _marked(hit.snippet) == ["sénégalais"], typed


def test_a_place_title_is_marked_in_the_interface_language(reference_index, app_ctx):
    hit = _hit("Allemagne", "DEU", locale="fr")
    assert str(hit.title) == "<mark>Allemagne</mark>"
    assert str(_hit("Germany", "DEU", locale="es").title) == "<mark>Alemania</mark>"


def test_a_country_name_is_not_marked_inside_a_longer_name(make_org, make_action):
    org = make_org()
    action = make_action(org, title="Turks in Berlin", origin=("TUR",), implementation=("DEU",),
                         summary="Not to be confused with the Turks and Caicos Islands; Turkey's diaspora.")
    hit = _hit("Turks", action.slug)
    assert _marked(hit.title) == ["Turks"]
    assert _marked(hit.snippet) == ["Turkey"]


def test_a_theme_or_goal_in_words_marks_its_names(make_org, make_action):
    org = make_org()
    action = make_action(org, title="Clinics for mothers", theme_slugs=("health",),
                         summary="Maternal health in Tamale: equality between girls and boys at school.")
    assert _marked(_hit("santé", action.slug).snippet) == ["health"]
