"""queue_stages: where each request stands (open, support, closed), and the queue's indexes over it

``requests.stage`` is "open" while a request is being decided, "support" while support is paid
or a recognition is in force, and "closed" once it has ended, including a refusal whose written
notice was recorded (an appeal is heard outside the system, 《最低生活保障审核确认办法》第二十一条、第三十八条). The office
queue reads the open backlog and the support due through partial indexes, and the history one
page at a time, so its cost no longer grows with the years of decided cases. ``urgency`` (0
urgent emergency aid, 1 other urgent, 2 the rest) is the queue's first sort key, so the open
indexes are in queue order and a page of open work is read without sorting the backlog.
``ix_requests_office_status_due`` had the same keys as ``ix_requests_office_queue`` (0008) and
is dropped.

The states are written out as they stand at this revision; from here on the model
(portal/models/request.py, ``stage_of``) keeps the column right on every write.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 11:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OPEN_STATES = (
    "SUBMITTED", "NEEDS_MATERIALS", "TRANSFERRED", "ACCEPTED", "INVESTIGATING", "DATA_CHECK", "CHECK_FAILED",
    "RECHECK", "HOME_VISIT", "PRELIM_OPINION", "PUBLICITY", "DISPUTED", "COUNTY_REVIEW", "APPROVED", "REJECTED",
    "SELF_CARE_ASSESSMENT", "SUPPORT_CHOICE", "TERMINATION_NOTICE", "TERMINATION_DISPUTED", "FAST_AID_GRANTED",
    "BACKFILL", "STAGED_AID", "FORWARDED", "RETURNED", "UNDER_REVIEW",
)
OPEN_KEY = ['urgency', 'due_on', 'deadline_on', 'id']  # the queue's order
OPEN_COLUMNS = ["status", "type", "delegated", "urgent"]
SUPPORT_COLUMNS = ["type", "urgent", "urgency", "deadline_on"]
HISTORY_COLUMNS = ["stage", "status", "type", "urgent"]


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.String(length=8), nullable=False, server_default='closed'))
        batch_op.add_column(sa.Column('urgency', sa.SmallInteger(), nullable=False, server_default='2'))
    op.execute(sa.text("""UPDATE requests SET stage = CASE
        WHEN status IN ('IN_PAYMENT', 'PHASING_OUT') THEN 'support'
        WHEN status = 'APPROVED' AND type IN ('low_income', 'rigid_expenditure') THEN 'support'
        WHEN status = 'REJECTED' AND CAST(flags AS TEXT) LIKE '%"refusal_notified"%' THEN 'closed'
        ELSE 'open' END
        WHERE status IN :states""").bindparams(sa.bindparam("states", expanding=True,
                                                           value=list(OPEN_STATES) + ["IN_PAYMENT", "PHASING_OUT"])))
    op.execute("""UPDATE requests SET urgency = CASE WHEN type = 'temp_emergency' THEN 0 ELSE 1 END
                  WHERE urgent""")
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.alter_column('stage', server_default=None)
        batch_op.alter_column('urgency', server_default=None)
        batch_op.drop_index('ix_requests_office_status_due')
        for scope in ('office', 'district'):
            batch_op.create_index(f'ix_requests_{scope}_open', [f'{scope}_code', *OPEN_KEY], unique=False,
                                  postgresql_include=OPEN_COLUMNS,
                                  postgresql_where=sa.text("stage = 'open'"), sqlite_where=sa.text("stage = 'open'"))
            batch_op.create_index(f'ix_requests_{scope}_support', [f'{scope}_code', 'due_on', 'id'], unique=False,
                                  postgresql_include=SUPPORT_COLUMNS, postgresql_where=sa.text("stage = 'support'"),
                                  sqlite_where=sa.text("stage = 'support'"))
            batch_op.create_index(f'ix_requests_{scope}_history', [f'{scope}_code', 'id'], unique=False,
                                  postgresql_include=HISTORY_COLUMNS)


def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        for scope in ('district', 'office'):
            batch_op.drop_index(f'ix_requests_{scope}_history')
            batch_op.drop_index(f'ix_requests_{scope}_support')
            batch_op.drop_index(f'ix_requests_{scope}_open')
        batch_op.create_index('ix_requests_office_status_due', ['office_code', 'status', 'due_on'], unique=False)
        batch_op.drop_column('urgency')
        batch_op.drop_column('stage')
