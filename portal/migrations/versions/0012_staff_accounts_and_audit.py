"""staff accounts and audit: disabled_at and one-time set-password codes on accounts, the
administrators' trail (admin_events), and indexes that read the audit trail newest first

``events`` is read by the audit view for everyone or one member of staff, newest first, a page
at a time: (at, id) and (actor_account_id, at, id) make each page an index range.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:09:30.452787

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('admin_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor_account_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=16), nullable=True),
    sa.Column('via', sa.String(length=8), nullable=False),
    sa.Column('target_account_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['actor_account_id'], ['accounts.id'], name=op.f('fk_admin_events_actor_account_id_accounts')),
    sa.ForeignKeyConstraint(['target_account_id'], ['accounts.id'], name=op.f('fk_admin_events_target_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_events'))
    )
    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.create_index('ix_admin_events_actor', ['actor_account_id', 'at'], unique=False)
        batch_op.create_index('ix_admin_events_at', ['at', 'id'], unique=False)
        batch_op.create_index('ix_admin_events_target', ['target_account_id', 'at'], unique=False)

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disabled_at', portal.models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('setup_code_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('setup_code_expires_at', portal.models.types.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_actor_at', ['actor_account_id', 'at', 'id'], unique=False)
        batch_op.create_index('ix_events_at', ['at', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_at')
        batch_op.drop_index('ix_events_actor_at')

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_column('setup_code_expires_at')
        batch_op.drop_column('setup_code_hash')
        batch_op.drop_column('disabled_at')

    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.drop_index('ix_admin_events_target')
        batch_op.drop_index('ix_admin_events_at')
        batch_op.drop_index('ix_admin_events_actor')

    op.drop_table('admin_events')
