"""office contacts (issue 15 part 3): dated contact entries of street offices and deciding
authorities, never edited, replacing the offices' address, phone and hours columns

Details already typed into those columns are kept as entries in force from 2000-01-01 (so every
document issued before keeps reading them), with their origin as the source.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 23:58:00

"""
from alembic import op
import sqlalchemy as sa

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

    op.execute(
        "INSERT INTO contact_entries (subject, address, phone, hours, effective_from, source, demo, changed_at) "
        "SELECT 'office:' || code, COALESCE(address, ''), COALESCE(phone, ''), COALESCE(hours, ''), "
        "DATE '2000-01-01', 'offices table before migration 0014', "
        + ("false" if op.get_bind().dialect.name == "postgresql" else "0") + ", CURRENT_TIMESTAMP "
        "FROM offices WHERE COALESCE(address, '') <> '' OR COALESCE(phone, '') <> '' OR COALESCE(hours, '') <> ''")

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
