"""Events and opportunities in search: their own kind, and what has ended ranks below what is current."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest

from hub import search
from hub.modeling import utcnow

pytestmark = pytest.mark.search_sync


def test_kinds_and_ended_ranking_by_the_clock_at_query_time(monkeypatch, make_org, make_event, make_opportunity):
    org = make_org(name="Nurses Abroad Network")
    # The closed call says "fellowship" more often: on words alone it would rank first.
    make_opportunity(org, title="Nursing fellowship fellowship", summary="A fellowship, fellowship for nurses.",
                     closes_in=timedelta(days=-2), kind="fellowship")
    soon = make_opportunity(org, title="Nursing fellowship", summary="For nurses.", closes_in=timedelta(hours=2))
    results = search.query("fellowship")
    assert [hit.ref for hit in results.hits][0] == soon.slug
    assert {hit.kind for hit in results.hits} == {"opportunity"}
    assert search.query("fellowship", {"kind": ["opportunity"]}).total == 2
    assert search.query("fellowship", {"kind": ["calls"]}).total == 2

    # Three hours later the open call has closed too: nothing was re-indexed, the order follows the clock.
    later = utcnow() + timedelta(hours=3)
    monkeypatch.setattr(sys.modules["hub.search.query"], "utcnow", lambda: later)
    refs = [hit.ref for hit in search.query("fellowship").hits]
    assert refs[0] != soon.slug


def test_an_ended_event_ranks_below_an_upcoming_one_on_every_page(make_org, make_event):
    org = make_org(name="Diaspora Forum Society")
    for n in range(3):
        make_event(org, title=f"Remittance forum remittance {n}", summary="Remittance remittance talk.",
                   starts_in=timedelta(days=-10 - n))
    upcoming = make_event(org, title="Remittance forum", summary="A talk.", starts_in=timedelta(days=4))
    results = search.query("remittance", per_page=2)
    assert results.hits[0].ref == upcoming.slug and results.total == 4
    assert search.query("remittance", sort="newest").hits[0].ref == upcoming.slug
    assert search.query("remittance", {"kind": ["event"]}).facets
