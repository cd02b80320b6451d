"""The Flask app factory: load the claim database and build the matcher once, then serve.

Everything a request needs is built here at start and kept read-only on
``app.extensions["caveat"]``, so workers hold no per-request state and any number of them
can run behind a load balancer. ``gunicorn 'caveat.app:create_app()'`` reads CAVEAT_*
variables; an invalid claim file stops the start with the file and field named.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask

from caveat.api import api, public
from caveat.claims import ClaimDatabase, load_database
from caveat.config import Config
from caveat.errors import register_error_handlers
from caveat.feedback_api import feedback
from caveat.match import Matcher
from caveat.security import install


@dataclass(frozen=True, slots=True)
class Runtime:
    """What every request reads and none writes."""

    config: Config
    database: ClaimDatabase
    matcher: Matcher


def load_runtime(config: Config) -> Runtime:
    """Load the database and build the matcher; raises ClaimFileError on a bad claim file."""
    database = load_database(config.claims_dir)
    return Runtime(config, database, Matcher(database))


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.from_env()
    app = Flask("caveat")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented field order
    app.extensions["caveat"] = load_runtime(config)
    install(app, config, open_routes=public)
    register_error_handlers(app)
    app.register_blueprint(api)
    app.register_blueprint(feedback)
    app.register_blueprint(public)
    return app
