"""Keep the theme and SDG tables in step with the vocabulary in code."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import force_locale

from hub.extensions import db
from hub.taxonomy.models import SDG, Theme
from hub.taxonomy.vocabulary import SDGS, THEMES


def seed_vocabulary() -> int:
    """Insert or update every theme and SDG; returns how many rows were written."""
    written = 0
    with force_locale("en"):
        themes = {t.slug: t for t in db.session.scalars(sa.select(Theme))}
        for position, (slug, name) in enumerate(THEMES):
            theme = themes.get(slug) or Theme(slug=slug)
            theme.name, theme.position = str(name), position
            db.session.add(theme)
            written += 1
        goals = {g.id: g for g in db.session.scalars(sa.select(SDG))}
        for number, name in SDGS:
            goal = goals.get(number) or SDG(id=number)
            goal.name = str(name)
            db.session.add(goal)
            written += 1
    db.session.flush()
    return written


def themes_by_slug() -> dict[str, Theme]:
    return {t.slug: t for t in db.session.scalars(sa.select(Theme))}
