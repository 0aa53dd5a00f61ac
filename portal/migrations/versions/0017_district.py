"""district figures (issue 17 part 6): running totals of requests, applications and decisions,
kept in the same transaction as the rows they count, and counted once here for the rows already there

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 03:20:00

"""
from alembic import op
import sqlalchemy as sa


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
    # The shipped calendar: the loaded State Council notices are read through the app's session,
    # which must not wait on this migration's connection.
    from portal.domain.calendar import load_calendar
    from portal.office.tallies import rebuild

    rebuild(op.get_bind(), load_calendar())


def downgrade():
    op.drop_table('decision_tallies')
    op.drop_table('application_tallies')
    op.drop_index('ix_request_tallies_office', table_name='request_tallies')
    op.drop_table('request_tallies')
