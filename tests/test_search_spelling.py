"""Did you mean: corrections in the query's language, with their accents, and misspellings that
stem onto a real but rarer word."""

from __future__ import annotations

import pytest

from hub import search
from hub.search.spelling import query_language

pytestmark = pytest.mark.search_sync


def test_the_query_language_is_its_function_words_else_the_interface():
    assert query_language(["educasion", "de", "los", "migrantes"], "en") == "es"
    assert query_language(["formation", "des", "jeunes"], "es") == "fr"
    assert query_language(["the", "diaspora"], "fr") == "en"
    assert query_language(["educasion", "de", "la"], "fr") == "fr"  # "de" and "la" are French and Spanish
    assert query_language(["educasion"], "es") == "es" and query_language(["educasion"], "xx") == "en"


@pytest.fixture()
def three_languages(make_org, make_action):
    org = make_org()
    make_action(org, title="Education for every migrant child")
    make_action(org, title="Éducation des enfants migrants", language="fr")
    make_action(org, title="Educación de los niños migrantes", language="es")
    make_action(org, title="Development fund for towns")
    make_action(org, title="Fonds de développement des villes", language="fr")


@pytest.mark.usefixtures("three_languages")
def test_a_misspelling_is_corrected_to_a_word_of_the_readers_language_with_its_accents():
    assert search.query("educasion", locale="es", correct=False).suggestion == "educación"
    assert search.query("educasion", locale="fr", correct=False).suggestion == "éducation"
    assert search.query("educasion", locale="en", correct=False).suggestion == "education"
    assert search.query("Educasion", locale="es", correct=False).suggestion == "Educación"
    # What the search page shows at once for a query that finds nothing: the reader's own word.
    shown = search.query("educasion", locale="es")
    assert shown.corrected_from == "educasion" and shown.text == "educación"
    assert [hit.title.striptags() for hit in shown.hits][0] == "Educación de los niños migrantes"


@pytest.mark.usefixtures("three_languages")
def test_the_words_of_the_query_say_its_language_whatever_the_interface():
    found = search.query("educasion de los migrantes", locale="en", correct=False)
    assert found.suggestion == "educación de los migrantes"


@pytest.mark.usefixtures("three_languages")
def test_a_french_misspelling_that_stems_onto_an_english_word_still_gets_the_french_word():
    # "developement" stems onto English "develop", so it finds the English record; a French
    # reader is offered the French word, an English reader nothing (the results are right).
    french = search.query("developement", locale="fr")
    assert french.total == 1 and french.suggestion == "développement"
    assert search.query("developement", locale="en").suggestion is None


def test_a_misspelling_onto_a_real_word_in_several_records_is_still_corrected(make_org, make_action):
    org = make_org()
    for i in range(6):  # "remitances" stems onto "remit": six records, not a handful
        make_action(org, title=f"Kobo Remit wallet {i}")
    for i in range(20):
        make_action(org, title=f"Remittances corridor {i}")
    results = search.query("remitances")
    assert results.total == 6 and results.suggestion == "remittances"


def test_a_real_word_that_is_only_in_the_text_is_not_corrected(make_org, make_action):
    org = make_org()
    for i in range(3):
        make_action(org, title=f"Nurse exchange {i}", summary="Experienced nurses train young colleagues.")
    assert search.query("nurses").suggestion is None
