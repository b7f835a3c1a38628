from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # The index is a projection of other apps' rows; keeping it current from their save
        # signals means no app has to remember to call it, and bulk loads call reindex.
        from search import signals  # noqa: F401
