"""queue_indexes: covering indexes for the office and district queues

The queue's counts and filters read status, type, delegation, urgency, dates and flags of every
request in a street office or district; with these columns in the index PostgreSQL answers
from the index alone instead of visiting thousands of scattered table rows. SQLite ignores
INCLUDE and gets plain indexes on the key columns.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 09:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

QUEUE_COLUMNS = ["id", "type", "delegated", "urgent", "deadline_on", "flags"]


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('ix_requests_office_queue', ['office_code', 'status', 'due_on'], unique=False,
                              postgresql_include=QUEUE_COLUMNS)
        batch_op.create_index('ix_requests_district_queue', ['district_code', 'status', 'due_on'], unique=False,
                              postgresql_include=QUEUE_COLUMNS)


def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_district_queue')
        batch_op.drop_index('ix_requests_office_queue')
