"""The application floor: the command line and the web workbench, above ``corpus``, ``analysis`` and ``reports``."""
