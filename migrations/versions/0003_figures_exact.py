"""Issue 16: KNOMAD rows of places outside the UN DESA list; a data source's own dates

Revision ID: i16_figures_exact
Revises: i18_multi_host
Create Date: 2026-12-04 21:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "i16_figures_exact"
down_revision = "i18_multi_host"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unlisted_remittance",
        sa.Column("origin_code", sa.String(length=3), nullable=False),
        sa.Column("destination_code", sa.String(length=3), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("usd_million", sa.Float(), nullable=False),
        sa.Column("origin_label", sa.String(length=120), nullable=False),
        sa.Column("destination_label", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("origin_code", "destination_code", "year", name=op.f("pk_unlisted_remittance")),
    )
    with op.batch_alter_table("data_source") as batch:
        batch.add_column(sa.Column("source_published", sa.String(length=10), nullable=False, server_default=""))
        batch.add_column(sa.Column("source_updated", sa.String(length=10), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("data_source") as batch:
        batch.drop_column("source_updated")
        batch.drop_column("source_published")
    op.drop_table("unlisted_remittance")
