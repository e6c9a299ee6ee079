"""Turn the demo building blocks into records: deterministic, one query per reference table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from hub.actions.models import Action, ActionLink, ActionResult
from hub.auth.models import Membership, User
from hub.auth.passwords import hash_password, new_auth_stamp
from hub.demo.accounts import DEMO_ACCOUNTS
from hub.demo.actions_fr_es import ACTIONS_FR_ES
from hub.demo.actions_money import ACTIONS_MONEY
from hub.demo.actions_people import ACTIONS_PEOPLE
from hub.demo.blocks import ActionBlock, Org, Setting
from hub.demo.organizations import ORGANIZATIONS
from hub.demo.partnerships import PARTNERSHIPS
from hub.demo.stories_en import STORIES_EN
from hub.demo.stories_fr_es import STORIES_FR_ES
from hub.demo.words import COUNTRY_WORDS, PER_EURO
from hub.events.models import Event
from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.opportunities.models import Opportunity
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.places.models import Country
from hub.sources.models import DataSource
from hub.stories.models import Story
from hub.taxonomy.models import SDG
from hub.taxonomy.services import themes_by_slug

ACTIONS = ACTIONS_PEOPLE + ACTIONS_MONEY + ACTIONS_FR_ES

# Status of the i-th action or partnership, and how far along its results are.
STATUS_CYCLE = ("completed", "ongoing", "planned", "completed", "ongoing", "ongoing",
                "completed", "ongoing", "planned", "ongoing")
PROGRESS = {"completed": (1.0, 0.9, 1.1, 0.85), "ongoing": (0.4, 0.6, 0.3, 0.7)}
# Review state of the i-th item of a verified organization; the rest stay published.
REVIEW_EXCEPTIONS = {5: "submitted", 9: "changes_requested", 11: "draft"}
# Days since the newest progress report: green, green, amber, green, red, green, red.
REPORT_AGES = (10, 45, 120, 25, 210, 70, 400)
REVIEW_NOTES = {
    "en": ("Please add a baseline for each result and say where the figures come from.",
           "The budget should say which share comes from diaspora contributions.",
           "Please remove the names of individual beneficiaries or confirm their consent."),
    "fr": ("Merci d'indiquer une valeur de référence pour chaque résultat et sa source.",
           "Précisez la part du budget apportée par la diaspora.",
           "Merci de retirer les noms des bénéficiaires ou de confirmer leur consentement."),
    "es": ("Agregue una línea de base para cada resultado e indique su fuente.",
           "Indique qué parte del presupuesto aporta la diáspora.",
           "Retire los nombres de las personas beneficiarias o confirme su consentimiento."),
}
LINK_LABELS = {"en": ("Project page", "Final report (PDF)"),
               "fr": ("Page du projet", "Rapport final (PDF)"),
               "es": ("Página del proyecto", "Informe final (PDF)")}
STORY_HEADINGS = {"en": ("Context", "What was done", "Results", "Lessons learnt"),
                  "fr": ("Contexte", "Ce qui a été fait", "Résultats", "Leçons apprises"),
                  "es": ("Contexto", "Qué se hizo", "Resultados", "Lecciones aprendidas")}


def _website(org: Organization) -> str:
    # example.org is reserved for examples, so no demo link can point at a real organization.
    return f"https://{org.slug}.example.org"


def _budget(euros: int | None, currency: str, scale: float) -> Decimal | None:
    if euros is None:
        return None
    amount = euros * scale * PER_EURO[currency]
    step = 10 ** max(len(str(int(amount))) - 2, 0)  # two significant figures
    return Decimal(round(amount / step) * step)


def _achieved(baseline: int, target: int, unit: str, status: str, i: int) -> str:
    if status == "planned":
        return ""
    value = round(baseline + (target - baseline) * PROGRESS[status][i % 4])
    if unit == "%":
        value = min(value, 100)
    return _figure(value, unit)


def _figure(value: int, unit: str) -> str:
    return f"{value:,}{unit}"


def _result(n: int, row: tuple, status: str, i: int, j: int) -> ActionResult:
    indicator, baseline, target, unit = row
    if j and not unit and target > baseline:  # the second place is a smaller programme
        target = round(target * 0.7)
    return ActionResult(position=n, indicator=indicator, baseline=_figure(baseline, unit),
                        target=_figure(target, unit),
                        achieved=_achieved(baseline, target, unit, status, i + n))


def _names(the_org: str) -> dict[str, str]:
    """The organization as a sentence names it: mid-sentence, first word, after "de"."""
    of_org = f"de {the_org}"
    for wrong, right in (("de le ", "du "), ("de les ", "des "), ("de el ", "del ")):
        if of_org.startswith(wrong):
            of_org = right + of_org[len(wrong):]
    return {"the_org": the_org, "The_org": the_org[:1].upper() + the_org[1:], "of_org": of_org}


class DemoBuilder:
    """Builds every demo record in the current session; adds and flushes, never commits."""

    def __init__(self, progress: Callable[[str], None]):
        self.progress = progress
        self.now = utcnow().replace(microsecond=0)
        self.today = self.now.date()
        self.countries = {c.iso3: c for c in db.session.scalars(sa.select(Country))}
        self.themes = themes_by_slug()
        self.sdgs = {g.id: g for g in db.session.scalars(sa.select(SDG))}
        self.taken = {
            model: set(db.session.scalars(sa.select(model.slug)))
            for model in (Organization, Action, Partnership, Story, DataSource, Event, Opportunity)
        }
        self.orgs: dict[str, Organization] = {}
        self.org_blocks = {block.key: block for block in ORGANIZATIONS}
        self.authors: dict[str, User] = {}
        self.moderator_id: int | None = None
        self.actions: dict[tuple[str, int], Action] = {}
        self.partnerships: dict[tuple[str, int], Partnership] = {}
        self.contexts: dict[int, dict] = {}  # id(record) -> the text context it was written in
        self.told = {story.action for story in STORIES_EN + STORIES_FR_ES}
        # (action block, setting) -> keys of the organizations in the partnership linking it
        self.action_partners: dict[tuple[str, int], set[str]] = {
            (key, j): {block.settings[j].org, *(org for org, _role in partners)}
            for block in PARTNERSHIPS
            for j, partners in enumerate(block.partners)
            for key in block.actions
        }

    def slug(self, model, text: str) -> str:
        base, n = slugify(text, 90), 1
        slug = base
        while slug in self.taken[model]:
            n += 1
            slug = f"{base}-{n}"
        self.taken[model].add(slug)
        return slug

    def place(self, *codes: str) -> list[Country]:
        return [self.countries[code] for code in dict.fromkeys(codes)]

    def tags(self, slugs) -> list:
        return [self.themes[slug] for slug in slugs]

    def context(self, setting: Setting) -> dict:
        block = self.org_blocks[setting.org]
        origin = setting.origin or (block.heritage or block.operation)[0]
        residence = setting.residence or block.hq
        o, r = COUNTRY_WORDS[origin], COUNTRY_WORDS[residence]
        return {
            **_names(block.article + block.name), "origin_iso3": origin, "residence_iso3": residence,
            "origin": o.en, "origin_adj": o.adj, "city": o.cities[setting.city % len(o.cities)],
            "residence": r.en, "fr_origin": o.fr, "au_origin": o.fr_in, "du_origin": o.fr_of,
            "fr_adj": o.fr_adj, "en_residence": r.fr_in, "es_origin": o.es, "es_adj": o.es_adj,
            "es_residence": f"en {r.es}",
        }

    def days_ago(self, days: int) -> datetime:
        return self.now - timedelta(days=days, hours=(days * 7) % 24)

    def review(self, record, i: int, verified: bool, published_days: int, language: str,
               featured: bool = False, state: str = "") -> None:
        """Set the review state, dates and reviewer of the i-th record of its kind."""
        if not state:
            state = REVIEW_EXCEPTIONS.get(i % 12, "published") if verified else (
                "submitted" if i % 2 == 0 else "draft")
        if featured:
            state = "published"
        record.review_state, record.featured = state, featured
        record.is_demo = True
        if state == "published":
            record.published_at = self.days_ago(published_days)
            record.submitted_at = record.published_at - timedelta(days=4)
            record.reviewed_at, record.reviewed_by_id = record.published_at, self.moderator_id
        elif state in ("submitted", "changes_requested"):
            record.submitted_at = self.days_ago(1 + i % 20)
            if state == "changes_requested":
                record.reviewed_at = record.submitted_at + timedelta(days=2)
                record.reviewed_by_id = self.moderator_id
                record.review_note = REVIEW_NOTES[language][i % 3]
        stamp = record.published_at or record.submitted_at or self.days_ago(5 + i % 30)
        record.created_at = stamp - timedelta(days=12 + i % 40)
        record.updated_at = record.reviewed_at or stamp

    def build_organizations(self) -> int:
        for i, block in enumerate(ORGANIZATIONS):
            org = self._organization(block, i)
            self.orgs[block.key] = org
            db.session.add(org)
        db.session.flush()
        verified = sum(org.is_verified for org in self.orgs.values())
        self.progress(f"Organizations: {len(self.orgs)} ({verified} verified, "
                      f"{len(self.orgs) - verified} awaiting verification).")
        return len(self.orgs)

    def _organization(self, block: Org, i: int) -> Organization:
        org = Organization(
            slug=self.slug(Organization, block.name), name=block.name, acronym=block.acronym,
            org_type=block.org_type, description=block.description, language=block.language,
            hq_country_iso3=block.hq, founded_year=block.founded, trusted=block.trusted,
            verification="verified" if block.verified else "pending", is_demo=True,
        )
        org.website = _website(org)
        org.contact_email = f"contact@{org.slug}.example.org"
        org.heritage_countries = self.place(*block.heritage)
        org.operation_countries = self.place(*block.operation)
        org.themes = self.tags(block.themes)
        if block.verified:
            org.created_at = self.days_ago(120 + (i * 97) % 900)
            org.verified_at = org.created_at + timedelta(days=3 + i % 9)
            if i % 4 != 3:
                org.last_confirmed_at = self.days_ago(5 + (i * 23) % 420)
        else:
            org.created_at = self.days_ago(2 + i % 12)
        org.updated_at = org.last_confirmed_at or org.verified_at or org.created_at
        return org

    def build_users(self) -> int:
        existing = set(db.session.scalars(sa.select(User.email)))
        users = []
        for account in DEMO_ACCOUNTS:
            if account.email in existing:
                self.progress(f"  {account.email} already exists; left as it is.")
                continue
            user = User(
                email=account.email, display_name=account.name, role=account.role,
                password_hash=hash_password(account.password), auth_stamp=new_auth_stamp(),
                email_verified_at=self.days_ago(400), created_at=self.days_ago(400),
                is_demo=True,
            )
            if account.organization:
                org = self.orgs[account.organization]
                user.memberships.append(Membership(organization=org, role=account.org_role))
                user.current_organization_id = org.id
                self.authors.setdefault(account.organization, user)
            db.session.add(user)
            users.append(user)
        db.session.flush()
        self.moderator_id = next((u.id for u in users if u.role == "moderator"), None)
        for org in self.orgs.values():
            if org.is_verified:
                org.verified_by_id = self.moderator_id
        self.progress(f"Users: {len(users)} (one per role; passwords below).")
        return len(users)

    def build_actions(self) -> int:
        i = 0
        for block in ACTIONS:
            for j, setting in enumerate(block.settings):
                action = self._action(block, setting, i, j)
                self.actions[(block.key, j)] = action
                db.session.add(action)
                i += 1
        db.session.flush()
        published = sum(a.is_published for a in self.actions.values())
        self.progress(f"Actions: {i} ({published} published, {i - published} in review or "
                      f"draft), {sum(len(a.results) for a in self.actions.values())} results.")
        return i

    def _action(self, block: ActionBlock, setting: Setting, i: int, j: int) -> Action:
        ctx = self.context(setting)
        org = self.orgs[setting.org]
        status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
        currency = COUNTRY_WORDS[org.hq_country_iso3].currency
        title = block.title.format(**ctx)
        action = Action(
            slug=self.slug(Action, title), organization=org, title=title, kind=block.kind,
            summary=block.summary.format(**ctx), description=block.description.format(**ctx),
            status=status, language=block.language,
            beneficiaries=block.beneficiaries.format(**ctx),
            budget=_budget(block.budget_eur, currency, 1.0 if j == 0 else 0.7),
            currency=currency if block.budget_eur else "",
            created_by_id=getattr(self.authors.get(setting.org), "id", None),
        )
        spread = 3 + (i * 37) % 720
        if status == "planned":
            action.start_date = self.today + timedelta(days=30 + (i * 41) % 180)
            action.end_date = action.start_date + timedelta(days=365 + (i % 3) * 182)
            spread = 2 + spread % 60
        elif status == "completed":
            action.end_date = self.today - timedelta(days=20 + (i * 29) % 300)
            action.start_date = action.end_date - timedelta(days=180 + (i * 61) % 540)
        else:
            action.start_date = self.today - timedelta(days=60 + (i * 47) % 600)
            action.end_date = None if i % 5 == 1 else self.today + timedelta(days=90 + i * 13)
        if action.start_date < self.today:
            spread = min(spread, (self.today - action.start_date).days)
        # Actions with a success story are published, so the story can link to them.
        told = block.key in self.told and org.is_verified
        self.review(action, i, org.is_verified, spread, block.language,
                    featured=setting.featured, state="published" if told else "")
        action.origin_countries = self.place(ctx["origin_iso3"])
        implementation = [ctx["origin_iso3"]]
        if block.in_residence_too:
            implementation.append(ctx["residence_iso3"])
        action.implementation_countries = self.place(*implementation)
        action.themes = self.tags(block.themes)
        partners = self.action_partners.get((block.key, j), set())
        if setting.org in partners:
            action.partners = [self.orgs[key] for key in sorted(partners - {setting.org})]
        action.sdgs = [self.sdgs[n] for n in block.sdgs]
        action.results = [_result(n, row, status, i, j) for n, row in enumerate(block.results)]
        project, report = LINK_LABELS[block.language]
        action.links = [ActionLink(position=0, label=project,
                                   url=f"{_website(org)}/projects/{action.slug}")]
        if status == "completed":
            action.links.append(ActionLink(position=1, label=report,
                                           url=f"{_website(org)}/reports/{action.slug}.pdf"))
        self.contexts[id(action)] = ctx
        return action
