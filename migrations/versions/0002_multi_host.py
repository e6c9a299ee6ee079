"""several hosts: uploaded images in the database, the search outbox kept as a change log

Revision ID: i18_multi_host
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "i18_multi_host"
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
    op.create_table(
        "search_index_position",
        sa.Column("index_id", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("applied_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("index_id", name=op.f("pk_search_index_position")),
    )
    op.create_table(
        "search_log_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("pruned_through", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_log_state")),
    )
    # SQLite reuses the rowid of deleted rows unless the table says AUTOINCREMENT: recreate it so.
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("search_outbox", recreate=recreate,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_outbox_created_at"), ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("search_outbox") as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_outbox_created_at"))
    op.drop_table("search_log_state")
    op.drop_table("search_index_position")
    op.drop_table("stored_image")
