"""assisted submission: what a mandate allows, the ID number typed for consent (so it
fills the application), whose phone received the consent code, the second member of staff who saw a consent given in person at the window, and who submitted an application
when it was not the applicant

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 16:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        # Mandates given before this version allowed filing and uploading, never submitting.
        batch_op.add_column(sa.Column('allows', sa.String(length=80), nullable=False, server_default='file,upload'))
        batch_op.add_column(sa.Column('id_number', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('phone_holder', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('witness', sa.Text(), nullable=True))
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_applications_submitted_by_id_accounts', 'accounts', ['submitted_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint('fk_applications_submitted_by_id_accounts', type_='foreignkey')
        batch_op.drop_column('submitted_by_id')
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.drop_column('witness')
        batch_op.drop_column('phone_holder')
        batch_op.drop_column('id_number')
        batch_op.drop_column('allows')
