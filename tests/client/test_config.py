import pytest

from portal.config import ConfigError, load_config


def test_production_refuses_to_start_without_secrets():
    with pytest.raises(ConfigError) as error:
        load_config({"PORTAL_ENV": "production"})
    assert "SECRET_KEY" in str(error.value) and "DATABASE_URL" in str(error.value) and "DATA_KEY" in str(error.value)


def test_production_with_secrets_has_secure_cookies():
    config = load_config({"PORTAL_ENV": "production", "SECRET_KEY": "k" * 40,
                          "DATABASE_URL": "postgresql+psycopg://u@h/db", "DATA_KEY": "x"})
    assert config["SESSION_COOKIE_SECURE"] is True and config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax" and config["SHOW_DEV_OUTBOX"] is False


def test_development_defaults_to_sqlite_under_instance(tmp_path):
    config = load_config({"PORTAL_INSTANCE": str(tmp_path)})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    assert config["SESSION_COOKIE_SECURE"] is False
    assert (tmp_path / "dev-secret-key").exists()


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError):
        load_config({"PORTAL_ENV": "staging"})


def test_bad_number_is_refused():
    with pytest.raises(ConfigError):
        load_config({"IDLE_TIMEOUT_MINUTES": "ten"})
