"""Demo records that hang off the organizations and actions: partnerships, stories, evidence."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from hub.demo.blocks import PartnershipBlock, StoryBlock
from hub.demo.evidence import COMMUNITY_PROFILES, DATA_SOURCES
from hub.demo.loader import REPORT_AGES, STATUS_CYCLE, STORY_HEADINGS, DemoBuilder
from hub.demo.partnerships import PARTNERSHIPS
from hub.demo.stories_en import STORIES_EN
from hub.demo.stories_fr_es import STORIES_FR_ES
from hub.extensions import db
from hub.partnerships.models import Partnership, PartnershipPartner, ProgressReport
from hub.places.models import CommunityProfile
from hub.sources.models import DataSource
from hub.stories.models import Story

STORIES = STORIES_EN + STORIES_FR_ES
# The few partnerships and stories (by position) still in review; the rest are published.
PARTNERSHIP_STATES = {6: "submitted", 9: "changes_requested", 20: "draft", 23: "submitted"}
STORY_STATES = {7: "submitted", 13: "changes_requested", 24: "draft"}


def build_partnerships(b: DemoBuilder) -> int:
    p = 0
    for block in PARTNERSHIPS:
        for j in range(len(block.settings)):
            partnership = _partnership(b, block, j, p)
            b.partnerships[(block.key, j)] = partnership
            db.session.add(partnership)
            p += 1
    db.session.flush()
    records = b.partnerships.values()
    published = sum(x.is_published for x in records)
    pending = sum(x.confirmation == "pending" for r in records for x in r.partners)
    b.progress(f"Partnerships: {p} ({published} published), "
               f"{sum(len(r.partners) for r in records)} partners ({pending} awaiting "
               f"confirmation), {sum(len(r.reports) for r in records)} progress reports.")
    return p


def _partnership(b: DemoBuilder, block: PartnershipBlock, j: int, p: int) -> Partnership:
    setting = block.settings[j]
    ctx = b.context(setting)
    lead = b.orgs[setting.org]
    title = block.title.format(**ctx)
    status = "planned" if p % 9 == 4 else STATUS_CYCLE[p % len(STATUS_CYCLE)].replace(
        "planned", "ongoing")
    record = Partnership(
        slug=b.slug(Partnership, title), title=title, lead_organization=lead,
        summary=block.summary.format(**ctx), description=block.description.format(**ctx),
        status=status, language=block.language,
        created_by_id=getattr(b.authors.get(setting.org), "id", None),
    )
    roles = ((setting.org, "lead"), *block.partners[j])
    reports = [] if status == "planned" else list(block.reports[: 1 + p % 3])
    newest = b.today - timedelta(days=REPORT_AGES[p % len(REPORT_AGES)])
    if status == "planned":
        record.start_date = b.today + timedelta(days=45 + p * 7)
        record.end_date = record.start_date + timedelta(days=730)
    else:
        record.start_date = newest - timedelta(days=91 * len(reports) + 120 + p * 11)
        if status == "completed":
            record.end_date = newest - timedelta(days=7)
        elif p % 4:
            record.end_date = b.today + timedelta(days=200 + p * 17)
    since_start = (b.today - record.start_date).days
    b.review(record, p, lead.is_verified, max(1, min(3 + (p * 53) % 700, since_start)),
             block.language, state=PARTNERSHIP_STATES.get(p, "published") if lead.is_verified else "")
    for q, (key, role) in enumerate(roles):
        org = b.orgs[key]
        confirmation = "confirmed"
        if q and (not org.is_verified or (p * 3 + q) % 8 == 0):
            confirmation = "pending"
        elif q and p == 14:
            confirmation = "declined"
        record.partners.append(PartnershipPartner(
            organization=org, role=role, confirmation=confirmation,
            responded_at=None if confirmation == "pending" else record.created_at
            + timedelta(days=2 + q),
            responded_by_id=getattr(b.authors.get(key), "id", None)
            if confirmation != "pending" else None,
        ))
    for n, (achievements, challenges) in enumerate(reports):
        author = roles[n % len(roles)][0]
        record.reports.append(ProgressReport(
            organization=b.orgs[author], report_date=newest - timedelta(days=91 * (len(reports)
                                                                               - 1 - n)),
            achievements=achievements.format(**ctx), challenges=challenges.format(**ctx),
            author_id=getattr(b.authors.get(author), "id", None),
        ))
    record.last_report_on = max((r.report_date for r in record.reports), default=None)
    # Where it works: the origin country, and where the diaspora lives when a diaspora group leads.
    record.countries = b.place(ctx["origin_iso3"], *(
        [ctx["residence_iso3"]] if lead.org_type.startswith("diaspora") else []))
    record.themes = b.tags(block.themes)
    record.sdgs = [b.sdgs[n] for n in block.sdgs]
    member_orgs = {b.orgs[key] for key, _role in roles}
    for key in block.actions:
        action = b.actions.get((key, j))
        if action is not None and action.organization in member_orgs:
            record.actions.append(action)
    b.contexts[id(record)] = ctx
    return record


def build_stories(b: DemoBuilder) -> int:
    s = 0
    stories = []
    for block in STORIES:
        for j in range(2):
            story = _story(b, block, j, s)
            if story is not None:
                stories.append(story)
                db.session.add(story)
                s += 1
    db.session.flush()
    languages = {lang: sum(x.language == lang for x in stories) for lang in ("en", "fr", "es")}
    b.progress(f"Stories: {s} ({sum(x.is_published for x in stories)} published; "
               + ", ".join(f"{n} in {lang}" for lang, n in languages.items()) + ").")
    return s


def _story(b: DemoBuilder, block: StoryBlock, j: int, s: int) -> Story | None:
    parent = (b.actions.get((block.action, j)) if block.action
              else b.partnerships.get((block.partnership, j)))
    if parent is None:
        return None
    ctx = b.contexts[id(parent)]
    org = parent.organization if block.action else parent.lead_organization
    title = block.title.format(**ctx)
    headings = STORY_HEADINGS[block.language]
    sections = (block.context, block.done, block.results, block.lessons)
    story = Story(
        slug=b.slug(Story, title), title=title, summary=block.summary.format(**ctx),
        body="\n\n".join(f"## {heading}\n\n{text.format(**ctx)}"
                           for heading, text in zip(headings, sections, strict=True)),
        organization=org, language=block.language, consent_confirmed=True,
        created_by_id=parent.created_by_id,
    )
    if block.action:
        story.action = parent
    else:
        story.partnership = parent
    # A story is told after the work it reports on was published.
    parent_days = (b.now - parent.published_at).days if parent.published_at else 0
    verified = org.is_verified and parent.is_published
    b.review(story, s, verified, max(1, parent_days - 20 - (s * 17) % 120), block.language,
             state=STORY_STATES.get(s, "published") if verified else "")
    story.countries = b.place(ctx["origin_iso3"], *block.extra_countries)
    story.themes = b.tags(block.themes)
    return story


def build_community_profiles(b: DemoBuilder) -> int:
    existing = {tuple(row) for row in db.session.execute(
        sa.select(CommunityProfile.origin_iso3, CommunityProfile.destination_iso3))}
    created = 0
    for i, (origin, residence, summary, languages, notes, sources) in enumerate(COMMUNITY_PROFILES):
        if (origin, residence) in existing:  # a moderator's own profile wins
            continue
        # Dated like the rest of the demo content, not at the moment of loading: otherwise every
        # profile tops "newest first" lists and feeds on the day of install.
        written = b.days_ago(45 + (i * 53) % 500)
        db.session.add(CommunityProfile(
            origin_iso3=origin, destination_iso3=residence, summary=summary,
            languages=languages, notes=notes, sources=sources, is_demo=True,
            updated_by_id=b.moderator_id, created_at=written, updated_at=written,
        ))
        created += 1
    db.session.flush()
    b.progress(f"Community profiles: {created}.")
    return created


def build_data_sources(b: DemoBuilder) -> int:
    for i, spec in enumerate(DATA_SOURCES):
        org = b.orgs[spec["org"]]
        source = DataSource(
            slug=b.slug(DataSource, spec["slug"]), title=spec["title"], kind=spec["kind"],
            description=spec["description"], publisher=org.name, organization=org,
            url=f"{org.website}/data/{spec['slug']}", years_from=spec["years"][0],
            years_to=spec["years"][1], format=spec["format"], licence=spec["licence"],
            languages=spec["languages"], access=spec["access"],
            update_frequency=spec["update_frequency"],
            strengths_limitations=spec["limitations"],
            how_to_cite=f"{org.name}. {spec['title']} ({spec['years'][0]}–{spec['years'][1]}).",
        )
        b.review(source, i, True, 30 + i * 90, "en", state=spec["state"])
        source.countries = b.place(*spec["countries"])
        source.themes = b.tags(spec["themes"])
        db.session.add(source)
    db.session.flush()
    b.progress(f"Data sources: {len(DATA_SOURCES)} (fictional studies by demo organizations).")
    return len(DATA_SOURCES)
