"""POST /api/v1/feedback: a reader reports a wrong highlight or a claim Caveat missed.

The route sits behind the same bearer token and rate limit as the rest of ``/api/v1``. The store
is opened when the app is built, so a bad CAVEAT_FEEDBACK_DB stops the start, and the app then
advertises ``"feedback"`` in ``/healthz``'s ``features`` for the extension to offer its
"Report a problem" button.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from flask.blueprints import BlueprintSetupState

from caveat.api import json_object, require_token, runtime
from caveat.errors import ApiError
from caveat.feedback import FeedbackError, parse_report
from caveat.feedback_store import FeedbackStore, StoreError, store_for

FEATURE = "feedback"
feedback = Blueprint("feedback", __name__, url_prefix="/api/v1")
feedback.before_request(require_token)


@feedback.record_once
def _open_store(state: BlueprintSetupState) -> None:
    store = store_for(state.app.extensions["caveat"].config.feedback_db)
    state.app.extensions["caveat.feedback"] = store
    if store is not None:
        state.app.extensions.setdefault("caveat.features", []).append(FEATURE)


@feedback.post("/feedback")
def feedback_route() -> tuple[Response, int]:
    store: FeedbackStore | None = current_app.extensions["caveat.feedback"]
    if store is None:
        raise ApiError(404, "feedback_off", "This server does not take feedback (CAVEAT_FEEDBACK_DB=off).")
    try:
        report = parse_report(json_object(), runtime().database.claims)
    except FeedbackError as err:
        raise ApiError(400, err.code, str(err)) from None
    try:
        stored = store.add(report)
    except StoreError as err:
        # the reason goes to the log; the report itself is not logged
        current_app.logger.error("feedback not stored: %s", err)
        raise ApiError(
            503, "feedback_unavailable", "The report could not be stored; try again later."
        ) from None
    return jsonify({"id": stored.id, "created_at": stored.created_at}), 201
