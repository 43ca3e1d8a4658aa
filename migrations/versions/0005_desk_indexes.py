"""desk indexes: every list of the desk paged and every figure counted from an index (issue 30)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 22:10:00
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_case_kind_status_window', 'case', ['kind', 'status', 'window_id']),
    ('ix_case_opened_by', 'case', ['opened_by']),
    ('ix_case_opened_at', 'case', ['opened_at']),
    ('ix_workitem_open_staff', 'workitem', ['status', 'assignee_staff_id', 'due_at']),
    ('ix_workitem_open_role', 'workitem', ['status', 'assignee_role', 'assignee_window_id', 'due_at']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
