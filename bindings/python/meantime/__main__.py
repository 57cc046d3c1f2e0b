"""``python -m meantime`` is the ``meantime`` command."""

import sys

from .cli import main

sys.exit(main())
