"""data sources: other names (acronyms and well-known names), searched like the title

Revision ID: i15_source_other_names
Revises: i16_figures_exact
"""
from alembic import op
import sqlalchemy as sa


revision = "i15_source_other_names"
down_revision = "i16_figures_exact"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("data_source") as batch:
        batch.add_column(sa.Column("other_names", sa.String(length=500), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("data_source") as batch:
        batch.drop_column("other_names")
