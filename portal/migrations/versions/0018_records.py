"""structured records: photos of home visits and attachments of first-review opinions

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07 03:00:00

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'record_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('stored_name', sa.String(length=80), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_record_files_application_id_applications'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['request_id'], ['requests.id'],
                                name=op.f('fk_record_files_request_id_requests'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                                name=op.f('fk_record_files_event_id_events'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['accounts.id'],
                                name=op.f('fk_record_files_uploaded_by_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_record_files')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_record_files_stored_name')),
    )
    with op.batch_alter_table('record_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_files_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_files_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_files_event_id'), ['event_id'], unique=False)


def downgrade():
    op.drop_table('record_files')
