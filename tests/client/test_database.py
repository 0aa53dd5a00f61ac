"""Migrations: one head, and the same migrations build SQLite and PostgreSQL to match the models."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from portal import create_app
from portal.config import PROJECT_ROOT
from portal.extensions import db
from portal.models import Account, District, Office
from tests.conftest import _overrides

MIGRATIONS = PROJECT_ROOT / "portal" / "migrations"


def _script() -> ScriptDirectory:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_single_head_and_numbered_files():
    script = _script()
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert revision.revision.isdigit() and len(revision.revision) == 4
        assert revision.module.__file__.split("/")[-1].startswith(revision.revision + "_")


def _differences(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_build_sqlite_matching_the_models(tmp_path):
    app = create_app(_overrides(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path))
    with app.app_context():
        upgrade()
        assert _differences(app) == []
        assert db.session.execute(db.text("PRAGMA journal_mode")).scalar() == "wal"
        db.engine.dispose()


@pytest.mark.postgres
def test_migrations_build_postgresql_matching_the_models(pg_app):
    assert db.engine.dialect.name == "postgresql"
    assert _differences(pg_app) == []


def test_reference_data_has_74_offices_in_10_districts(any_app):
    assert db.session.scalar(db.select(db.func.count()).select_from(Office)) == 74
    assert db.session.scalar(db.select(db.func.count()).select_from(District)) == 10
    yuehai = db.session.get(Office, "44030506")
    assert (yuehai.name_zh, yuehai.name_hant, yuehai.name_en) == ("粤海街道", "粵海街道", "Yuehai Subdistrict")
    assert db.session.get(District, "DAPENG").name_zh == "大鹏新区"


def test_seed_is_idempotent_and_prints_how_to_sign_in(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    second = runner.invoke(args=["seed"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    assert "username caseworker" in first.output and "13800138000" in first.output
    roles = db.session.scalars(db.select(Account.role)).all()
    assert sorted(set(roles)) == ["admin", "assistant", "caseworker", "resident", "reviewer"]
    usernames = set(db.session.scalars(db.select(Account.username).where(Account.username.is_not(None))))
    assert {"assistant", "caseworker", "caseworker-futian", "reviewer", "admin"} <= usernames
    third = runner.invoke(args=["seed"])
    assert third.exit_code == 0 and len(db.session.scalars(db.select(Account.role)).all()) == len(roles)
    assert db.session.scalar(db.select(db.func.count()).select_from(Office)) == 74


def test_seed_refuses_demo_accounts_in_production(app):
    app.config["PORTAL_ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code != 0 and "never created in production" in result.output
