"""The school pages, one module per feature: directory (and CSV), profile, edit, history."""
