"""``python -m analysis`` is the ``sourcedrift`` command."""

import sys

from analysis.cli import main

sys.exit(main())
