"""cache versions: the content and reference tokens cached pages and data are keyed by

Revision ID: i19_cache_versions
Revises: i15_source_other_names
"""
import secrets
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = "i19_cache_versions"
down_revision = "i15_source_other_names"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "cache_version",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_cache_version")),
    )
    now = datetime.now(UTC)
    op.bulk_insert(table, [{"name": name, "token": secrets.token_hex(8), "changed_at": now}
                           for name in ("content", "reference")])


def downgrade():
    op.drop_table("cache_version")
