"""Compiles the per-sentence steps (caveat/compiled.py lists them) to C with mypyc on install.

Splitting and matching walk every word of every sentence through dictionaries and small loops:
work that mypyc, which compiles type-annotated Python as it is, runs about a third faster.
The modules stay plain Python: without a C compiler and Python's headers (Debian's python3-dev)
the build goes on without them and Caveat runs the same code, slower. CAVEAT_PURE_PYTHON=1
skips compiling.
"""

import os
import runpy

from setuptools import setup

# read, not imported: importing caveat here would import the modules about to be compiled
COMPILED = runpy.run_path("server/caveat/compiled.py")["MODULES"]


def compiled_modules() -> list:
    if os.environ.get("CAVEAT_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify

    sources = [f"server/caveat/{name}.py" for name in COMPILED]
    modules = mypycify(sources, opt_level="3", group_name="caveat_native")
    for module in modules:
        module.optional = True  # a failed compile leaves the pure Python modules in use
    return modules


setup(ext_modules=compiled_modules())
