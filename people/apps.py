from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from people import vocabularies
        from people.models import Qualification, RoleType, Specialism, YearGroup

        for model in (RoleType, Specialism, Qualification, YearGroup):
            for signal in (post_save, post_delete):
                signal.connect(vocabularies.forget, sender=model, dispatch_uid=f"forget-{model}")
