"""sweep report: the last deadline sweep's findings, read by 管理总览 instead of a sweep per view (issue 30)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 22:45:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sweep_report',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('ran_at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('sweep_report')
