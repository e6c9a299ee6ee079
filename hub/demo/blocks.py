"""The shapes of the demo building blocks: each text is written once, placed in one or more settings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Org:
    """A fictional organization; `key` is how the other blocks refer to it."""

    key: str
    name: str
    org_type: str
    hq: str
    description: str
    acronym: str = ""
    heritage: tuple[str, ...] = ()
    operation: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    founded: int | None = None
    language: str = "en"
    verified: bool = True
    trusted: bool = False
    article: str = ""  # how a sentence names it: "the ", "l'", "la ", "el "


@dataclass(frozen=True)
class Setting:
    """Where a block is placed: which organization, which origin country, which city."""

    org: str
    origin: str = ""  # ISO3; else the first heritage (or operation) country of the organization
    city: int = 0  # index into the origin country's cities
    residence: str = ""  # ISO3; the organization's headquarters country when empty
    partners: tuple[str, ...] = ()
    featured: bool = False


@dataclass(frozen=True)
class ActionBlock:
    """An action written once with {placeholders}, then placed in each of its settings."""

    key: str
    kind: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    settings: tuple[Setting, ...]
    # (indicator, baseline, target, unit); "achieved" follows from the action's status.
    results: tuple[tuple[str, int, int, str], ...] = ()
    budget_eur: int | None = None
    beneficiaries: str = ""
    in_residence_too: bool = False  # implemented in the country of residence as well
    language: str = "en"


@dataclass(frozen=True)
class PartnershipBlock:
    """A partnership: a lead, partners with roles, and progress reports (achievements, challenges)."""

    key: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    settings: tuple[Setting, ...]
    # Partner keys with their role, for each setting in order: ((org, role), ...).
    partners: tuple[tuple[tuple[str, str], ...], ...]
    reports: tuple[tuple[str, str], ...] = ()
    actions: tuple[str, ...] = ()  # ActionBlock keys whose actions (same lead) are linked
    language: str = "en"


@dataclass(frozen=True)
class StoryBlock:
    """A success story told about an action block's actions (or a partnership block's)."""

    key: str
    title: str
    summary: str
    context: str
    done: str
    results: str
    lessons: str
    themes: tuple[str, ...]
    action: str = ""  # ActionBlock key: one story per action of that block
    partnership: str = ""  # PartnershipBlock key, instead of an action
    language: str = "en"
    extra_countries: tuple[str, ...] = field(default=())
