"""uploaded images stored in the database, so every host serves them

Revision ID: i18_images
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "i18_images"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_image",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_stored_image")),
    )


def downgrade():
    op.drop_table("stored_image")
