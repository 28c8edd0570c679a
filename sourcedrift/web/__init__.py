"""``sourcedrift serve``: a local web workbench for teachers.

It lists stories, builds new ones from pasted or uploaded texts (the same
path as ``sourcedrift new``), analyses them in the background, shows each
article beside the primary with every mark selectable and its evidence, the
comparison grid and charts, saves a coder's label corrections as gold
annotations, and serves the classroom documents and replication bundle
exactly as ``sourcedrift report`` writes them.

Modules: ``stories`` (the registry of story folders and their background
analyses), ``marks`` (an article's marks and their evidence, read off the
records and the handout's laid-out lines), ``corrections`` (gold files and
agreement), ``outputs`` (the report as a zip), ``uploads`` (the new-story
form), ``refit`` (the "refit with my corrections" action), ``app`` (routes).
"""

from sourcedrift.web.app import create_app, serve

__all__ = ["create_app", "serve"]
