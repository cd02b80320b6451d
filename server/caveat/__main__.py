"""``python -m caveat``: the same as the ``caveat`` command."""

import sys

from caveat.cli import main

sys.exit(main())
