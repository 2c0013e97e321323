"""corrections of extracted rows and their history

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('corrections',
    sa.Column('table_name', sa.String(length=16), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=120), nullable=True),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('rejected', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('original', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_corrections'))
    )
    op.create_index('ix_corrections_article', 'corrections', ['article_id'], unique=False)
    op.create_table('correction_history',
    sa.Column('history_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.String(length=16), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('editor', sa.String(length=120), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('history_id', name=op.f('pk_correction_history'))
    )
    op.create_index('ix_correction_history_row', 'correction_history', ['table_name', 'row_id', 'history_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_correction_history_row', table_name='correction_history')
    op.drop_table('correction_history')
    op.drop_index('ix_corrections_article', table_name='corrections')
    op.drop_table('corrections')
