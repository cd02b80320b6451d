"""Bounds on the work one request can cause: input-size guards and a time budget.

The pipeline has no cancellation points of its own, and a worker thread cannot be killed
safely, so the bounds come in two layers:

1. Cheap checks on the raw input, before any parsing (``check_document``): a page with more
   start tags than CAVEAT_MAX_ELEMENTS, or plain text longer than CAVEAT_MAX_TEXT_CHARS, is
   refused with 413. They run in one linear scan, so a hostile page costs milliseconds.
2. A deadline around the whole analysis (``time_budget``). In the main thread of a process
   (a gunicorn sync worker, Flask's test client) a ``SIGALRM`` timer interrupts the work the
   moment the budget runs out; long C calls (lxml parsing) finish first, then the interrupt
   lands. Elsewhere, e.g. in werkzeug's threaded server behind ``caveat serve``, signals
   cannot reach the thread, so the elapsed time is checked once the work is done. Either way
   the client gets the same 422 ``analysis_timeout`` error.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import current_app

from caveat.errors import ApiError

# A start tag: "<" then a letter. Also counts tag-like text inside scripts and comments, which
# only errs on the side of refusing.
_START_TAG = re.compile(r"<[A-Za-z]")

P = ParamSpec("P")
R = TypeVar("R")


class BudgetExceeded(BaseException):
    """Raised inside the analysis when its time budget runs out.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in the pipeline
    can swallow it and carry on past the deadline.
    """


def check_document(html: str | None, text: str | None, max_elements: int, max_text_chars: int) -> None:
    """Refuse input whose size alone would make the analysis run away; raises ApiError(413)."""
    if html is not None:
        elements = sum(1 for _ in _START_TAG.finditer(html))
        if elements > max_elements:
            raise ApiError(
                413,
                "too_many_elements",
                f"The page has {elements} HTML elements; this server checks pages of at most {max_elements}.",
            )
    if text is not None and len(text) > max_text_chars:
        raise ApiError(
            413,
            "text_too_long",
            f"The text has {len(text)} characters; this server checks at most {max_text_chars}.",
        )


def _timeout_error(seconds: float) -> ApiError:
    return ApiError(
        422,
        "analysis_timeout",
        f"The page took longer than this server's budget of {seconds:g} s to analyse; "
        "it is probably far larger or more deeply nested than an article.",
    )


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Run the block within ``seconds``; raises ApiError(422, analysis_timeout) when it overruns."""
    started = time.monotonic()
    if not _can_use_alarm():
        yield
        if time.monotonic() - started > seconds:
            raise _timeout_error(seconds)
        return

    expired = threading.Event()

    def expire(signum: int, frame: Any) -> None:
        expired.set()
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except BudgetExceeded:
        raise _timeout_error(seconds) from None
    finally:
        # disarm before restoring, so a late alarm cannot reach the previous handler
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # The alarm can land in code that swallows what it raises (a garbage-collector callback, a
    # __del__); the work then ran on past the deadline, and the answer is the same.
    if expired.is_set():
        raise _timeout_error(seconds)


def time_budget(route: Callable[P, R]) -> Callable[P, R]:
    """Run a route within the app's CAVEAT_TIME_BUDGET."""

    @wraps(route)
    def bounded(*args: P.args, **kwargs: P.kwargs) -> R:
        with deadline(current_app.extensions["caveat"].config.time_budget):
            return route(*args, **kwargs)

    return bounded
