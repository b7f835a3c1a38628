"""Partnership pages (pages.py) and the coordinators' edit pages (edit.py)."""
