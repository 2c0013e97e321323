"""initial tracker schema

Revision ID: 0001
Revises: 
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tracker_decisions',
    sa.Column('decision_id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('theme', sa.String(length=120), nullable=True),
    sa.Column('announced_date', sa.String(length=16), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('char_start', sa.Integer(), nullable=True),
    sa.Column('char_end', sa.Integer(), nullable=True),
    sa.Column('announced_precision', sa.String(length=16), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=True),
    sa.Column('lead_in', sa.Text(), nullable=True),
    sa.Column('orphaned', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('responsible', sa.String(length=200), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by', sa.String(length=120), nullable=True),
    sa.PrimaryKeyConstraint('decision_id', name=op.f('pk_tracker_decisions'))
    )
    op.create_index('ix_tracker_decisions_due_date', 'tracker_decisions', ['due_date'], unique=False)
    op.create_index('ix_tracker_decisions_status', 'tracker_decisions', ['status'], unique=False)

    op.create_table('tracker_sign_in_attempts',
    sa.Column('attempt_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_tracker_sign_in_attempts'))
    )
    op.create_index('ix_tracker_sign_in_attempts_key', 'tracker_sign_in_attempts', ['key', 'attempted_at'], unique=False)

    op.create_table('tracker_sync_state',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('synced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('n_decisions', sa.Integer(), nullable=False),
    sa.Column('n_orphaned', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_tracker_sync_state'))
    )
    op.create_table('tracker_comments',
    sa.Column('comment_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('decision_id', sa.String(length=64), nullable=False),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['tracker_decisions.decision_id'], name=op.f('fk_tracker_comments_decision_id_tracker_decisions')),
    sa.PrimaryKeyConstraint('comment_id', name=op.f('pk_tracker_comments'))
    )
    op.create_index('ix_tracker_comments_decision', 'tracker_comments', ['decision_id', 'comment_id'], unique=False)

    op.create_table('tracker_history',
    sa.Column('history_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('decision_id', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('editor', sa.String(length=120), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['tracker_decisions.decision_id'], name=op.f('fk_tracker_history_decision_id_tracker_decisions')),
    sa.PrimaryKeyConstraint('history_id', name=op.f('pk_tracker_history'))
    )
    op.create_index('ix_tracker_history_changed_at', 'tracker_history', ['changed_at'], unique=False)
    op.create_index('ix_tracker_history_decision', 'tracker_history', ['decision_id', 'history_id'], unique=False)



def downgrade() -> None:
    op.drop_index('ix_tracker_history_decision', table_name='tracker_history')
    op.drop_index('ix_tracker_history_changed_at', table_name='tracker_history')

    op.drop_table('tracker_history')
    op.drop_index('ix_tracker_comments_decision', table_name='tracker_comments')

    op.drop_table('tracker_comments')
    op.drop_table('tracker_sync_state')
    op.drop_index('ix_tracker_sign_in_attempts_key', table_name='tracker_sign_in_attempts')

    op.drop_table('tracker_sign_in_attempts')
    op.drop_index('ix_tracker_decisions_status', table_name='tracker_decisions')
    op.drop_index('ix_tracker_decisions_due_date', table_name='tracker_decisions')

    op.drop_table('tracker_decisions')
