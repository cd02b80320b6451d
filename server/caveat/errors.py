"""Every error the server returns is JSON: {"error": {"code": "<snake_case>", "message": "<sentence>"}}.

Clients (the extension, scripts, the scorer) branch on ``code`` and show ``message``; an HTML
error page from Flask would break both, so even an unexpected exception is answered in JSON.
"""

from __future__ import annotations

import re
import traceback

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

# Codes for the HTTP errors Flask and werkzeug raise themselves, where the reason-phrase
# would say less than a sentence of our own.
_HTTP_MESSAGES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthorized", "This server requires an 'Authorization: Bearer <token>' header."),
    404: ("not_found", "There is no such endpoint; see /openapi.json for the API."),
    405: ("method_not_allowed", "This endpoint does not accept that HTTP method."),
    415: ("unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'."),
    429: ("rate_limited", "Too many requests from this address; wait a little (see Retry-After) and retry."),
}


class ApiError(Exception):
    """An error the client can fix; raised from routes and turned into a JSON response."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def _api_error(err: ApiError) -> Response:
    return error_response(err.status, err.code, err.message)


def _http_error(err: HTTPException) -> Response:
    status = err.code or 500
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        code, message = "body_too_large", f"The request body is over this server's limit of {limit} bytes."
    else:
        fallback = (re.sub(r"\W+", "_", (err.name or "error").lower()).strip("_"), err.description or "")
        code, message = _HTTP_MESSAGES.get(status, fallback)
    response = error_response(status, code, message)
    # keep what the exception's own response carries, e.g. Allow on a 405
    for name, value in err.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _unexpected(err: Exception) -> Response:
    # The traceback goes to the log, but not the exception's message: it may quote the page
    # (a parser naming the bad character, say), and page text is never logged. The client
    # gets no internals.
    where = "".join(traceback.format_tb(err.__traceback__))
    current_app.logger.error("unhandled error: %s in %s\n%s", type(err).__name__, request.path, where)
    return error_response(500, "internal_error", "The server failed to handle this request.")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
