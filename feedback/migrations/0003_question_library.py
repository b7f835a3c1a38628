"""The library of evaluation questions an organiser picks from; admins keep it in Django
admin. Removing this migration's rows is left to admins (answers protect their questions)."""

from django.db import migrations

RATINGS = [
    "Overall, how useful was this event?",
    "How well was it organised?",
    "How useful was the talk or workshop?",
    "How likely are you to use what you learned?",
    "How well did the presenter explain the ideas?",
]
TEXTS = [
    "What will you do differently as a result?",
    "What could be better next time?",
    "What was the most useful part?",
    "What would you like a future event to cover?",
]


def add_library(apps, schema_editor):
    Question = apps.get_model("feedback", "Question")
    for text in RATINGS:
        Question.objects.get_or_create(text=text, defaults={"kind": "rating"})
    for text in TEXTS:
        Question.objects.get_or_create(text=text, defaults={"kind": "text"})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_initial")]

    operations = [migrations.RunPython(add_library, migrations.RunPython.noop)]
