"""``python -m sourcedrift`` is the ``sourcedrift`` command."""

import sys

from sourcedrift.cli import main

sys.exit(main())
