"""Which copy of the per-sentence modules runs: the one mypyc compiled (see setup.py), or the source.

An install compiles them beside their sources. A source edited since would be shadowed by its
stale compiled copy, so then the whole compiled group runs from source, with a warning, until
`make setup` compiles again. CAVEAT_PURE_PYTHON=1 runs the source always: the two must agree.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

# setup.py compiles these, as one group: the records they pass and the steps that run per sentence
MODULES = ("records", "sentences", "terms", "match", "selectors")
_PACKAGE = Path(__file__).parent
# An install writes a module's source and compiled copy within moments of each other, in either order.
_INSTALL_SLACK_SECONDS = 2.0


def compiled_copy(name: str) -> Path | None:
    """Where module ``name``'s compiled copy lies, if it was compiled."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = _PACKAGE / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def running_compiled() -> bool:
    """Whether the matcher runs as compiled code: which copy ``choose`` let import."""
    module = importlib.import_module("caveat.match")
    return Path(module.__file__ or "").suffix != ".py"


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports the compiled group's modules from their ``.py`` files."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != "caveat" or name not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, _PACKAGE / f"{name}.py")


def choose() -> None:
    """Run the source instead of the compiled copies when asked to, or when they are stale."""
    copies = {name: compiled_copy(name) for name in MODULES}
    stale = [
        name
        for name, copy in copies.items()
        if copy is not None
        and (_PACKAGE / f"{name}.py").stat().st_mtime > copy.stat().st_mtime + _INSTALL_SLACK_SECONDS
    ]
    if stale:
        warnings.warn(
            f"caveat: {', '.join(f'{n}.py' for n in stale)} changed since compiled: running the source "
            "(slower) until `make setup` compiles it again",
            stacklevel=2,
        )
    if stale or (os.environ.get("CAVEAT_PURE_PYTHON") == "1" and any(copies.values())):
        sys.meta_path.insert(0, _SourceFinder())
