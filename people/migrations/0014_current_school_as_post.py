"""Each person's current school becomes a current post there, with their job title."""

from django.db import migrations


def current_school_as_post(apps, schema_editor) -> None:
    Person = apps.get_model("people", "Person")
    Post = apps.get_model("people", "Post")
    has_post = Post.objects.filter(ends_on__isnull=True).values("person_id")
    people = (
        Person.objects.filter(school__isnull=False, erased_at__isnull=True)
        .exclude(pk__in=has_post)
        .values_list("pk", "school_id", "job_title")
    )
    Post.objects.bulk_create(
        [
            Post(person_id=pk, school_id=school_id, job_title=job_title)
            for pk, school_id, job_title in people.iterator(chunk_size=2000)
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0013_posts")]

    operations = [migrations.RunPython(current_school_as_post, migrations.RunPython.noop)]
