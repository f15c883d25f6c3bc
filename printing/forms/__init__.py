"""The official forms as reportlab templates, keyed by form id (see `registry.py`)."""
