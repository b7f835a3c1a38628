import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models.functions import Trim

# What a missing part of a name becomes, so that the constraint can be added to a database
# that already holds a nameless row (the admin once saved one in a click). An admin finds them
# by searching for it and writes the real name.
UNKNOWN = "Unknown"


def name_the_nameless(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    live = Person.objects.filter(erased_at__isnull=True)
    live.annotate(first=Trim("first_name")).filter(first="").update(first_name=UNKNOWN)
    live.annotate(last=Trim("last_name")).filter(last="").update(last_name=UNKNOWN)


class Migration(migrations.Migration):
    dependencies = [("people", "0009_person_id_names_index")]

    operations = [
        migrations.RunPython(name_the_nameless, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("erased_at__isnull", False),
                    models.Q(
                        models.Q(
                            django.db.models.lookups.Exact(
                                django.db.models.functions.text.Trim("first_name"), ""
                            ),
                            _negated=True,
                        ),
                        models.Q(
                            django.db.models.lookups.Exact(
                                django.db.models.functions.text.Trim("last_name"), ""
                            ),
                            _negated=True,
                        ),
                    ),
                    _connector="OR",
                ),
                name="person_named",
                violation_error_message="A person needs a first name and a last name.",
            ),
        ),
    ]
