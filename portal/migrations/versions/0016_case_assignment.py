"""case assignment: the caseworker of the street office who handles an application

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 01:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_to_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_applications_assigned_to_id', ['assigned_to_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_applications_assigned_to_id_accounts'), 'accounts',
                                    ['assigned_to_id'], ['id'])


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_applications_assigned_to_id_accounts'), type_='foreignkey')
        batch_op.drop_index('ix_applications_assigned_to_id')
        batch_op.drop_column('assigned_to_id')
