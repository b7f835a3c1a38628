"""Signals the schools app sends for writes that Django's own signals do not announce."""

from django.dispatch import Signal

# Sent with `pks` (a list of School primary keys) after schools were created or changed in
# bulk (bulk_create and bulk_update send no post_save), inside the writing transaction, so
# that what is derived from schools (the search index) follows in the same job.
schools_written = Signal()
