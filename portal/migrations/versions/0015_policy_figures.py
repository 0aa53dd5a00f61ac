"""policy figures: dated policy parameters proposed by one administrator and approved
(or rejected) by another, layered on top of the shipped portal/data/policy/*.json

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 23:45:47.808852

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policy_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('region', sa.String(length=8), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('example', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_by_account_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('effect', sa.JSON(), nullable=True),
    sa.Column('decided_by_account_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reject_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_account_id'], ['accounts.id'], name=op.f('fk_policy_figures_decided_by_account_id_accounts')),
    sa.ForeignKeyConstraint(['proposed_by_account_id'], ['accounts.id'], name=op.f('fk_policy_figures_proposed_by_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_figures'))
    )
    with op.batch_alter_table('policy_figures', schema=None) as batch_op:
        batch_op.create_index('ix_policy_figures_key', ['key', 'region', 'effective_from'], unique=False)
        batch_op.create_index('ix_policy_figures_status', ['status', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('policy_figures', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_figures_status')
        batch_op.drop_index('ix_policy_figures_key')

    op.drop_table('policy_figures')
