"""Application factory: configuration, extensions, blueprints and CLI. No other logic."""
from __future__ import annotations

from flask import Flask

from portal.config import PROJECT_ROOT, load_config


def create_app(overrides: dict | None = None) -> Flask:
    # root_path at the project root: templates/, static/ and translations/ live there.
    app = Flask(__name__, root_path=str(PROJECT_ROOT), instance_path=str(PROJECT_ROOT / "instance"))
    app.config.update(load_config(overrides=overrides))

    # The parts of the app are imported when an app is made, not with the package: the pure
    # rules (portal.domain), the migrations and the CLI's helpers import no views.
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

    # The blueprints, imported with an app for the same reason.
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

    # Routes kept in modules of their own add them to their package's blueprint (imported from its
    # views module), so each is named here; a route module left out is a 404 the tests find.
    from portal.apply import views_documents, views_submit  # noqa: F401
    from portal.assist import views_acting, views_leads, views_paper, views_resident, views_window  # noqa: F401
    from portal.office import (  # noqa: F401
        views_appeals, views_assignment, views_changes, views_district, views_household, views_records,
    )
    # (and the status pages' route modules)
    from portal.status import (  # noqa: F401
        views_appeals as status_appeals, views_changes as status_changes, views_claim, views_documents as status_documents,
        views_reviews, views_withdraw,
    )

    for blueprint in (pages_bp, accounts_bp, notify_bp, apply_bp, precheck_bp, api_bp, office_bp,
                      status_bp, receipts_bp, assist_bp, calendar_admin_bp, admin_bp, audit_bp, figures_bp,
                      contacts_admin_bp):
        app.register_blueprint(blueprint)

    # Signal receivers, imported and connected with an app whichever blueprints are registered: a receipt is issued and
    # the resident told of a change even by an app without those pages.
    from portal.office import caseload, tallies
    from portal.receipts import receivers
    from portal.status import notifications

    receivers.connect()
    notifications.connect()
    tallies.connect()
    caseload.connect()

    # The CLI's commands, with an app too.
    from portal.cli import register_cli

    register_cli(app)
    return app
