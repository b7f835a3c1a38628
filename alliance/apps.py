from django.apps import AppConfig


class AllianceConfig(AppConfig):
    """The project package as an app: it owns the signals of the shared public page cache."""

    name = "alliance"
    verbose_name = "Alliance portal"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from alliance.lib.pagecache import content_changed

        # Any model: content_changed itself keeps to the content apps.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"public-pages-{id(signal)}")
