"""``python -m server`` is the ``kinerja`` command."""

import sys

from server.cli import main

sys.exit(main())
