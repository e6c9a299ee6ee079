"""Ranking, explaining and counting: what the search page promises about its results."""

from __future__ import annotations

import pytest
from whoosh import scoring as whoosh_scoring

from hub import search
from hub.content import plain_text
from hub.search import highlight
from hub.search.whoosh.scoring import BM25F

pytestmark = pytest.mark.search_sync


def test_filtered_total_counts_only_what_passes_the_filters(make_org, make_action, make_story):
    org = make_org()
    for code in ("GHA", "GHA", "SEN"):
        make_action(org, title=f"Irrigation pumps {code}", origin=(code,), implementation=(code,))
    make_story(org, title="Irrigation story", country_codes=("SEN",))

    results = search.query("irrigation", {"country": ["SEN"]})
    assert results.total == 2 == len(results.hits)
    assert {v.value: v.count for v in results.facets["kind"]} == {"action": 1, "story": 1}
    only_actions = search.query("irrigation", {"country": ["SEN"], "kind": ["action"]})
    assert only_actions.total == 1 and only_actions.hits[0].title.striptags() == "Irrigation pumps SEN"
    assert search.query("irrigation").total == 4


def test_a_country_name_finds_the_country_first(reference_index, app_ctx):
    for text, code in (("Ghana", "GHA"), ("Allemagne", "DEU"), ("senegal", "SEN"), ("Marruecos", "MAR")):
        results = search.query(text)
        assert (results.hits[0].kind, results.hits[0].ref) == ("country", code), text
        assert results.total > 1  # the corridors follow


def test_title_words_rank_above_words_in_the_text(make_org, make_action):
    org = make_org()
    body = make_action(org, title="Community work", summary="We also train midwives in the region.")
    title = make_action(org, title="Midwives for Tamale", summary="Training in maternal care.")
    refs = [hit.ref for hit in search.query("midwives").hits]
    assert refs.index(title.slug) < refs.index(body.slug)


def test_scores_are_whooshs_own_bm25f(make_org, make_action):
    org = make_org()
    for i in range(6):
        make_action(org, title=f"Remittance costs {i}", summary="remittances " * i + "transfer fees and costs")
    ix = search.open_index(search.index_dir())
    q = search.parse("remittance costs")
    with ix.searcher() as plain, ix.searcher(weighting=BM25F()) as cached:
        assert isinstance(plain.weighting, whoosh_scoring.BM25F)
        expected = [(hit.docnum, round(hit.score, 9)) for hit in plain.search(q, limit=None)]
        found = [(hit.docnum, round(hit.score, 9)) for hit in cached.search(q, limit=None)]
    assert len(expected) == 6 and found == expected


def test_matched_in_says_where_the_words_are(make_org, make_action):
    org = make_org(name="Kumasi Nurses Network", heritage=("GHA",))
    make_action(org, title="Midwives exchange", summary="Training for rural clinics.", origin=("GHA",),
                implementation=("GHA",), theme_slugs=("health",))

    def matched(text):
        (hit,) = search.query(text, {"kind": ["action"]}).hits
        return hit.matched_in

    assert matched("midwives") == ["title"]
    assert matched("rural clinics") == ["text"]
    assert matched("Kumasi") == ["organization"]
    assert matched("midwives Ghana") == ["title", "countries"]
    assert "themes" in matched("midwives health")


def test_did_you_mean_only_for_unknown_words(make_org, make_action):
    make_action(make_org(), title="Lowering remittances costs")
    assert search.query("remittance").suggestion is None  # a known word in another form
    assert search.query("remitances", correct=False).suggestion == "remittances"
    assert search.query("Remitances", correct=False).suggestion == "Remittances"  # as the user typed it


def test_a_misspelling_that_finds_nothing_shows_the_better_spelling_at_once(make_org, make_action):
    action = make_action(make_org(), title="Lowering remittances costs")
    results = search.query("remitances")
    assert results.corrected_from == "remitances" and results.text == "remittances"
    assert [hit.ref for hit in results.hits] == [action.slug] and results.suggestion is None
    assert search.query("remitances", correct=False).total == 0  # "search instead for" what was typed


def test_a_rare_stem_still_gets_the_spelling_that_finds_far_more(make_org, make_action):
    org = make_org()
    make_action(org, title="Kobo Remit wallet")  # "remitances" stems onto "remit"
    for i in range(8):
        make_action(org, title=f"Remittances corridor {i}")
    results = search.query("remitances")
    assert results.total == 1 and results.suggestion == "remittances" and results.corrected_from is None


def test_asking_past_the_last_page_shows_the_last_page(make_org, make_action):
    org = make_org()
    for i in range(7):
        make_action(org, title=f"Bursary {i}")
    results = search.query("bursary", page=9, per_page=5)
    assert results.page == 2 and len(results.hits) == 2 and results.total == 7
    newest = search.query("bursary", sort="newest", page=9, per_page=5)
    assert newest.page == 2 and len(newest.hits) == 2


def test_highlight_marks_what_the_index_matched_and_escapes_the_rest():
    terms = highlight.query_terms(["remittance", "Senegal"], "en")
    text = "<b>Remittances</b> to Sénégal & back; remitting is not a match"
    marked = highlight.whole(text, highlight.spans(text, terms, "en"))
    assert str(marked) == (
        "&lt;b&gt;<mark>Remittances</mark>&lt;/b&gt; to <mark>Sénégal</mark> &amp; back; remitting is not a match"
    )
    long_text = " ".join(["filler"] * 200 + ["remittances"] + ["filler"] * 200)
    fragment = str(highlight.fragments(long_text, highlight.spans(long_text, terms, "en")))
    assert fragment.startswith("…") and fragment.endswith("…") and "<mark>remittances</mark>" in fragment
    assert len(fragment) < 250
    assert highlight.fragments("nothing here", []) is None


def test_country_names_and_codes_in_a_query_mean_the_country(app_ctx):
    expand = search.expand_countries
    assert expand("ghana clinics") == "((ghana) OR country:GHA) clinics"
    assert expand("ghana health") == "((ghana) OR country:GHA) ((health) OR theme:health)"
    assert "country:CIV" in expand("Côte d’Ivoire") and "country:CIV" in expand("cote d'ivoire schools")
    for text in ("Allemagne", "Alemania", "DEU", "Germany"):
        assert "country:DEU" in expand(text), text
    assert expand("NOT Senegal") == "NOT ((Senegal) OR country:SEN)"
    assert expand('"Ghana health" country:SEN (Mali)') == '"Ghana health" country:SEN (((Mali) OR country:MLI))'
    # Codes only in capitals, and never a word that is a stop word: "IT training", "per year".
    for text in ("IT training", "per year", "gha", "in India"):
        assert expand(text).count("country:") == (1 if "India" in text else 0), text


def test_a_country_name_is_precise_and_never_loses_the_word(make_org, make_action):
    org = make_org()
    niger = make_action(org, title="Wells", origin=("NER",), implementation=("NER",))
    nigeria = make_action(org, title="Clinics", origin=("NGA",), implementation=("NGA",))
    chad = make_action(org, title="Coaching by Chad Smith", origin=("GHA",), implementation=("GHA",))
    refs = {hit.ref for hit in search.query("Niger", per_page=50).hits}
    assert niger.slug in refs and nigeria.slug not in refs
    assert chad.slug in {hit.ref for hit in search.query("Chad").hits}  # the word, untagged


def test_plain_text_is_text_not_html(make_org, make_action):
    assert plain_text("Health & care, 5 < 6, *bold*") == "Health & care, 5 < 6, bold"
    action = make_action(make_org(), title="Clinics", summary="", description="Mothers & babies <b>first</b>")
    assert search.query("amp").total == 0  # no "&amp;" words in the index
    (hit,) = search.query("mothers").hits
    assert "<mark>Mothers</mark> &amp; babies &lt;b&gt;first&lt;/b&gt;" in str(hit.snippet), hit.snippet
    assert hit.ref == action.slug


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_one_pass_analysis_equals_whooshs_four_filters(lang):
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.lang import stopwords_for_language
    from whoosh.support.charset import accent_map

    from hub.search.schema import ANALYZERS, WORD_PATTERN

    stock_analyzer = (
        RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language(lang), minsize=2)
        | CharsetFilter(accent_map) | StemFilter(lang=lang, cachesize=-1)
    )
    text = ("Côte d’Ivoire, Sénégal: l'état des remesas à Dakar; the and of les los, U.S. 3.5 NAÏVE "
            "remittances Remittance transferts jóvenes emprendedores a b cd")
    for options in ({"positions": True, "chars": True}, {"mode": "query"}, {"removestops": False, "positions": True}):
        fused, stock = (
            [(t.text, t.stopped, getattr(t, "pos", None), getattr(t, "startchar", None))
             for t in analyzer(text, **options)]
            for analyzer in (ANALYZERS[lang], stock_analyzer)
        )
        assert fused == stock, options


def test_did_you_mean_finds_a_spelling_that_has_results(make_org, make_action):
    org = make_org()
    make_action(org, title="Maternal health clinics")
    make_action(org, title="China trade fair", origin=("CHN",), implementation=("CHN",), theme_slugs=("education",))
    make_action(org, title="China investment forum", origin=("CHN",), implementation=("CHN",),
                theme_slugs=("education",))
    make_action(org, title="Diaspora bonds for schools")
    make_action(org, title="Bonds explained")
    # "clinc" is as near to the commoner "china" as to "clinics"; only "health clinics" finds anything.
    assert search.query("helth clinc", correct=False).suggestion == "health clinics"
    fallback = search.query("diaspra bonds", correct=False)
    assert fallback.fell_back_to_or and fallback.suggestion == "diaspora bonds"
    corrected = search.query("diaspra bonds")  # what the search page shows: the better spelling's results
    assert corrected.corrected_from == "diaspra bonds" and corrected.total == 1 and not corrected.fell_back_to_or
