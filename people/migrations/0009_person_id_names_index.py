from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0008_lazy_telephone")]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("erased_at__isnull", True)),
                fields=["id"],
                include=("last_name", "first_name"),
                name="person_id_names_idx",
            ),
        ),
    ]
