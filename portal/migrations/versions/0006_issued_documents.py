"""issued_documents: PDF receipts and notices as issued

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 08:24:51.063461

"""
import sqlalchemy as sa
from alembic import op

import portal.models.types

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=10), nullable=False),
    sa.Column('verification_code', sa.String(length=12), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_issued_documents_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_issued_documents_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_issued_documents_request_id_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('event_id', name=op.f('uq_issued_documents_event_id'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_documents_application_id'), ['application_id'], unique=False)
        batch_op.create_index('uq_issued_documents_code', ['application_id', 'verification_code'], unique=True)
        batch_op.create_index('uq_issued_documents_receipt', ['application_id'], unique=True, sqlite_where=sa.text("kind = 'receipt'"), postgresql_where=sa.text("kind = 'receipt'"))


def downgrade():
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index('uq_issued_documents_receipt', sqlite_where=sa.text("kind = 'receipt'"), postgresql_where=sa.text("kind = 'receipt'"))
        batch_op.drop_index('uq_issued_documents_code')
        batch_op.drop_index(batch_op.f('ix_issued_documents_application_id'))

    op.drop_table('issued_documents')
