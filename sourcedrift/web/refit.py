"""The "refit with my corrections" action: the same fitting as ``sourcedrift train``, run in the background.

The learned decisions (issue #15: ``sourcedrift train`` and ``evaluate --cv``)
are being built on another branch. This module is the one place the
workbench calls them: ``available()`` says whether refitting can run (and
why not); the page shows the action's button disabled, with that reason,
until it can. Wiring it to the training code is a change to this module only:
run the fitting on the story's gold files in a background thread, as
``stories.Registry`` runs analyses, and report the leave-one-story-out
figures before and after.
"""

from __future__ import annotations

NOT_YET = ("Refitting needs the command “sourcedrift train” (the learned decisions of issue #15), which this version does "
           "not have yet. Your corrections are saved as gold files in the story folder, ready to train on when "
           "it is available.")


def available() -> tuple[bool, str]:
    """Whether refitting can run here, and the reason shown when it cannot."""
    return False, NOT_YET
