from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo alliance as an app, for its `seed_demo` command. It has no models."""

    name = "demo"
    verbose_name = "Demo alliance"
