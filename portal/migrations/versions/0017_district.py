"""district figures: running totals of requests, applications and decisions,
kept in the same transaction as the rows they count, and counted once here for the rows already there

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 03:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'request_tallies',
        sa.Column('district_code', sa.String(length=12), nullable=False),
        sa.Column('office_code', sa.String(length=16), nullable=False),
        sa.Column('type', sa.String(length=24), nullable=False),
        sa.Column('delegated', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('stage', sa.String(length=8), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('district_code', 'office_code', 'type', 'delegated', 'status', 'stage',
                                name=op.f('pk_request_tallies')),
    )
    op.create_index('ix_request_tallies_office', 'request_tallies', ['office_code'], unique=False)
    op.create_table(
        'application_tallies',
        sa.Column('district_code', sa.String(length=12), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('district_code', 'month', name=op.f('pk_application_tallies')),
    )
    op.create_table(
        'decision_tallies',
        sa.Column('district_code', sa.String(length=12), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('type', sa.String(length=24), nullable=False),
        sa.Column('days', sa.SmallInteger(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('district_code', 'month', 'type', 'days', name=op.f('pk_decision_tallies')),
    )
    # The few events the office queue looks up by action (objections, change reports, review invitations).
    side = sa.text("action IN ('ask_review', 'answer_review', 'resident_change', 'resident_change_handled', "
                   "'review_invited')")
    op.create_index('ix_events_side_actions', 'events', ['action', 'request_id', 'id'], unique=False,
                    postgresql_where=side, sqlite_where=side)
    # Open requests by the step's due date and by the decision deadline (the queue's and the
    # district view's overdue and due-this-week counts).
    is_open = sa.text("stage = 'open'")
    for scope in ('district', 'office'):
        op.create_index(f'ix_requests_{scope}_due', 'requests', [f'{scope}_code', 'due_on'], unique=False,
                        postgresql_include=['type', 'deadline_on'], postgresql_where=is_open, sqlite_where=is_open)
        op.create_index(f'ix_requests_{scope}_deadline', 'requests', [f'{scope}_code', 'deadline_on'], unique=False,
                        postgresql_include=['type', 'due_on'], postgresql_where=is_open, sqlite_where=is_open)
    # The shipped calendar: the loaded State Council notices are read through the app's session,
    # which must not wait on this migration's connection. (The app's code is imported only when this runs.)
    from portal.domain.calendar import load_calendar
    from portal.office.tallies import rebuild

    rebuild(op.get_bind(), load_calendar())


def downgrade():
    op.drop_index('ix_events_side_actions', table_name='events')
    for scope in ('district', 'office'):
        op.drop_index(f'ix_requests_{scope}_due', table_name='requests')
        op.drop_index(f'ix_requests_{scope}_deadline', table_name='requests')
    op.drop_table('decision_tallies')
    op.drop_table('application_tallies')
    op.drop_index('ix_request_tallies_office', table_name='request_tallies')
    op.drop_table('request_tallies')
