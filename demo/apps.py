from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo alliance as an app, for its `seed_demo` and `demo_code` commands, and the
    deployment check that refuses its published authenticator secret. It has no models."""

    name = "demo"
    verbose_name = "Demo alliance"

    def ready(self) -> None:
        from demo import checks  # noqa: F401 (registers the check)
