"""The sourcedrift application: the command line (and, beside it, the web workbench).

The top floor: it calls ``analysis`` (which computes records) and ``reports``
(which renders them), formats for the terminal and turns ``InputError`` into
one line and exit status 2. Nothing below imports it.
"""

from analysis import __version__

__all__ = ["__version__"]
