"""run inputs: a flow run's free-text inputs, kept in the case store instead of Prefect (issue 26 item 9)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 21:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('run_input',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flow', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('digest'),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('run_input')
