"""caseload: each request carries its application's caseworker, and an index of the office's open
requests by caseworker, so the queue's per-caseworker counts read one index range

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 06:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_to_id', sa.Integer(), nullable=True))
    # The caseworker of each request's application, for the cases assigned so far.
    op.execute("UPDATE requests SET assigned_to_id = (SELECT applications.assigned_to_id FROM applications "
               "WHERE applications.id = requests.application_id) "
               "WHERE application_id IN (SELECT id FROM applications WHERE assigned_to_id IS NOT NULL)")
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('ix_requests_office_caseload', ['office_code', 'assigned_to_id'], unique=False,
                              postgresql_include=['due_on', 'deadline_on'],
                              postgresql_where=sa.text("stage = 'open'"), sqlite_where=sa.text("stage = 'open'"))


def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_office_caseload', postgresql_where=sa.text("stage = 'open'"),
                            sqlite_where=sa.text("stage = 'open'"))
        batch_op.drop_column('assigned_to_id')
