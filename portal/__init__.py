"""Application factory: configuration, extensions, blueprints and CLI. No other logic."""
from __future__ import annotations

from flask import Flask

from portal.config import PROJECT_ROOT, load_config


def create_app(overrides: dict | None = None) -> Flask:
    # root_path at the project root: templates/, static/ and translations/ live there.
    app = Flask(__name__, root_path=str(PROJECT_ROOT), instance_path=str(PROJECT_ROOT / "instance"))
    app.config.update(load_config(overrides=overrides))

    from portal import database, errors, filters, i18n, security
    from portal.accounts import auth
    from portal.extensions import csrf, db, migrate

    db.init_app(app)
    database.configure(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "portal" / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    i18n.init_app(app)
    filters.init_app(app)
    auth.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    from portal.accounts.views import bp as accounts_bp
    from portal.admin.audit_views import bp as audit_bp
    from portal.admin.views import bp as admin_bp
    from portal.api.views import bp as api_bp
    from portal.apply.views import bp as apply_bp
    from portal.assist.views import bp as assist_bp
    from portal.calendar_notices.views import bp as calendar_admin_bp
    from portal.contacts.views import bp as contacts_admin_bp
    from portal.notify.views import bp as notify_bp
    from portal.office.views import bp as office_bp
    from portal.pages.views import bp as pages_bp
    from portal.policy_figures.views import bp as figures_bp
    from portal.precheck.views import bp as precheck_bp
    from portal.receipts.views import bp as receipts_bp
    from portal.status.views import bp as status_bp

    for blueprint in (pages_bp, accounts_bp, notify_bp, apply_bp, precheck_bp, api_bp, office_bp,
                      status_bp, receipts_bp, assist_bp, calendar_admin_bp, admin_bp, audit_bp, figures_bp,
                      contacts_admin_bp):
        app.register_blueprint(blueprint)

    from portal.cli import register_cli

    register_cli(app)
    return app
