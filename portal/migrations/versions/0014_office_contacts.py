"""office contacts: dated contact entries of street offices and deciding
authorities, never edited, replacing the offices' address, phone and hours columns

Details already typed into those columns are kept as entries in force from 2000-01-01 (so every
document issued before keeps reading them), with their origin as the source.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 23:58:00

"""
import datetime

import sqlalchemy as sa
from alembic import op

import portal.models.types

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('hours', sa.String(length=120), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('changed_by_account_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_account_id'], ['accounts.id'], name=op.f('fk_contact_entries_changed_by_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_entries'))
    )
    with op.batch_alter_table('contact_entries', schema=None) as batch_op:
        batch_op.create_index('ix_contact_entries_subject', ['subject', 'effective_from', 'id'], unique=False)

    offices = sa.table('offices', sa.column('code', sa.String), sa.column('address', sa.String),
                       sa.column('phone', sa.String), sa.column('hours', sa.String))
    entries = sa.table('contact_entries', sa.column('subject', sa.String), sa.column('address', sa.String),
                       sa.column('phone', sa.String), sa.column('hours', sa.String),
                       sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                       sa.column('demo', sa.Boolean), sa.column('changed_at', portal.models.types.UTCDateTime(timezone=True)))
    typed = [row for row in op.get_bind().execute(sa.select(offices)) if row.address or row.phone or row.hours]
    if typed:
        op.bulk_insert(entries, [
            {'subject': f'office:{row.code}', 'address': row.address or '', 'phone': row.phone or '',
             'hours': row.hours or '', 'effective_from': datetime.date(2000, 1, 1),
             'source': 'offices table before migration 0014', 'demo': False,
             'changed_at': datetime.datetime.now(datetime.timezone.utc)} for row in typed])

    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_column('hours')
        batch_op.drop_column('phone')
        batch_op.drop_column('address')


def downgrade():
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hours', sa.String(length=80), nullable=False, server_default=''))
    with op.batch_alter_table('contact_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_entries_subject')
    op.drop_table('contact_entries')
