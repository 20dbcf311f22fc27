"""``python -m gametheory`` is the ``gametheory`` command."""

import sys

from .cli import main

sys.exit(main())
