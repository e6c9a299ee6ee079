"""The controlled vocabulary of themes and the 17 Sustainable Development Goals."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db


class Theme(db.Model):
    """One theme of the shared vocabulary; every content type is tagged from it."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(sa.SmallInteger, default=0)

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"


class SDG(db.Model):
    """A Sustainable Development Goal, numbered 1 to 17."""

    __tablename__ = "sdg"
    __table_args__ = (sa.CheckConstraint("id BETWEEN 1 AND 17", name="goal_number"),)

    id: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(sa.String(120))

    def __repr__(self) -> str:
        return f"<SDG {self.id}>"
