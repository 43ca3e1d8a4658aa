"""workitem case status: a case's items of one status read by the case, not by the status (issue 30)

A case's done (or open) items — the case page's 撤回 check (models/core/withdrawal.py), the signatures of a
printed form (models/core/signatures.py) — were read through the index on status: with a year of work every
done item of the store, 21 ms a case page on SQLite. The index on (case_ref, status) matches both.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 01:00:00
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_workitem_case_status', 'workitem', ['case_ref', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_workitem_case_status', table_name='workitem')
