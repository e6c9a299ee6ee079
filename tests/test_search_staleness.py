"""Records nobody kept up for two years rank below equally good records that are kept up."""

from __future__ import annotations

from datetime import date, timedelta

from hub import search
from hub.extensions import db
from hub.modeling import utcnow


def test_an_organization_not_confirmed_for_two_years_ranks_lower(make_org):
    # The stale one says "midwives" more often: on words alone it would come first.
    stale = make_org(name="Midwives Network Tamale", description="Midwives training midwives, for midwives.")
    fresh = make_org(name="Midwives Association Accra", description="We train nurses.")
    stale.verified_at = stale.last_confirmed_at = utcnow() - timedelta(days=900)
    db.session.commit()
    assert [hit.ref for hit in search.query("midwives").hits] == [fresh.slug, stale.slug]
    stale.last_confirmed_at = utcnow()  # the owner confirms: its own score again
    db.session.commit()
    assert [hit.ref for hit in search.query("midwives").hits] == [stale.slug, fresh.slug]


def test_a_partnership_without_a_report_for_two_years_ranks_lower(make_org, make_partnership):
    org = make_org()
    inactive = make_partnership(org, title="Remittance savings groups", summary="Remittance remittance savings.",
                                last_report_on=date.today() - timedelta(days=800))
    active = make_partnership(org, title="Remittance literacy", summary="Courses.",
                              last_report_on=date.today() - timedelta(days=30))
    never = make_partnership(org, title="Remittance hub pilot", summary="Courses.")  # no report yet: not stale
    refs = [hit.ref for hit in search.query("remittance").hits]
    assert refs.index(active.slug) < refs.index(inactive.slug)
    assert refs.index(never.slug) < refs.index(inactive.slug)


def test_an_index_from_before_the_field_is_noticed_and_rebuilt(app_ctx, make_org):
    import shutil

    from whoosh import index

    from hub.search.schema import build_schema

    make_org(name="Midwives Network Tamale")
    path = search.index_dir()
    shutil.rmtree(path)
    path.mkdir()
    old = build_schema()
    old.remove("kept_up")
    index.create_in(str(path), old)
    assert search.schema_outdated()
    search.rebuild()
    assert not search.schema_outdated()
    assert [hit.title for hit in search.query("midwives").hits]
