"""window phone: the window's public counter line, told to a citizen referred there (首问负责制度 二.3; issue 28)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 22:50:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('window') as batch:
        batch.add_column(sa.Column('phone', sa.String(length=30), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('window') as batch:
        batch.drop_column('phone')
