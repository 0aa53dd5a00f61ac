"""queue_indexes: the district reviewer's queue by district, status and due date (issue 10)

Revision ID: 0008
Revises: 0002
Create Date: 2026-11-29 09:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('ix_requests_district_status_due', ['district_code', 'status', 'due_on'], unique=False)


def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_district_status_due')
