"""``python -m meantime`` is the ``meantime`` command."""

import sys

from .cli.main import main

sys.exit(main())
