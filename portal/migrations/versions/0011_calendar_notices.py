"""calendar_notices: State Council holiday notices loaded after deployment

A year after the last notice is worked out provisionally from the statutory holidays; loading
the notice (``flask calendar load`` or the admin page) stores it here and recalculates the open
requests' dates.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 12:30:00

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.SmallInteger(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('holidays', sa.JSON(), nullable=False),
    sa.Column('makeup_workdays', sa.JSON(), nullable=False),
    sa.Column('loaded_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('loaded_by_account_id', sa.Integer(), nullable=True),
    sa.Column('moved', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['loaded_by_account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('calendar_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_notices_year'), ['year'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_notices_year'))
    op.drop_table('calendar_notices')
