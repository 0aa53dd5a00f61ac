"""precheck_sessions

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-29 08:20:49.403636

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('precheck_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('household', sa.Text(), nullable=True),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_precheck_sessions'))
    )
    with op.batch_alter_table('precheck_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_precheck_sessions_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('precheck_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_precheck_sessions_expires_at'))

    op.drop_table('precheck_sessions')
