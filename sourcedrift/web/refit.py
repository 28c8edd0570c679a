"""The "refit with my corrections" action: the same fitting as ``sourcedrift train``, run in the background.

The learned decisions (issue #15: ``sourcedrift train`` and ``evaluate --cv``)
are being built on another branch. This module is the one place the
workbench calls them: ``available()`` says whether this installation has
them (and why not), and the action button is shown disabled with that
reason until it does. Wiring it is a change to this module only.
"""

from __future__ import annotations


def available() -> tuple[bool, str]:
    """Whether refitting can run here, and the reason shown when it cannot."""
    try:
        from analysis import learn  # noqa: F401  (issue #15's module; absent until it lands)
    except ImportError:
        return False, ("Refitting needs `sourcedrift train` (the learned decisions of issue #15), which this "
                       "version does not have yet. Your corrections are saved as gold files in the story "
                       "folder, so they can be used for training as soon as it is available.")
    return False, ("`sourcedrift train` is installed, but the workbench is not wired to it yet in this version; "
                   "run `sourcedrift train` with your gold files from the command line.")
