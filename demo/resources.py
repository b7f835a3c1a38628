"""Demo resources: links and a small text file, tags, a comment, uses and a pin.

Called at the end of the demo's build (demo.builder); every row is found by a stable key first, so a
second build changes nothing.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.text import slugify

from partnerships.models import NetworkGroup, Partnership
from people.models import Person, Specialism
from resources.models import Comment, KeyStage, Pin, Resource, Sharing, Tag, Use
from schools.models import Phase, School

# title, specialism, key stage, tags, index of the school, shared with Central only, file text
RESOURCES = [
    (
        "Fractions on a number line: a Year 4 sequence",
        "Maths",
        KeyStage.KS2,
        ["fractions", "year 4", "reasoning"],
        1,
        False,
        None,
    ),
    (
        "Phonics catch-up groups: how we run them",
        "Reading and phonics",
        KeyStage.KS1,
        ["phonics", "catch-up"],
        3,
        False,
        None,
    ),
    ("SEND support plan template", "SEND", KeyStage.ALL, ["send", "templates"], 12, False, None),
    (
        "Central cluster moderation notes, spring term",
        "Writing",
        KeyStage.KS2,
        ["moderation", "writing"],
        9,
        True,
        None,
    ),
    (
        "Reading at home: letter to parents",
        "English",
        KeyStage.KS1,
        ["parents", "reading"],
        0,
        False,
        "Dear parents and carers,\n\nReading together for ten minutes a day makes a "
        "difference. Here are five ideas to try this week...\n",
    ),
]


def build_resources_demo(
    builder,
    *,
    town: Partnership,
    clusters: dict[str, Partnership],
    schools: list[School],
    staff_by_school: dict[int, list[Person]],
) -> None:
    specialisms = {s.name: s for s in Specialism.objects.all()}
    maths_network = NetworkGroup.objects.filter(partnership=town, slug="maths-network").first()
    for title, specialism, key_stage, tags, index, central_only, text in RESOURCES:
        school = schools[index]
        author = staff_by_school[school.pk][4]
        resource = Resource.objects.filter(title=title, source_school=school).first()
        if resource is None:
            resource = Resource(
                title=title,
                source_school=school,
                author=author,
                summary=f"{title}, as used at {school.name}. Take it and adapt it to your school.",
                specialism=specialisms.get(specialism),
                phase=Phase.PRIMARY,
                key_stage=key_stage,
                sharing=Sharing.PARTNERSHIP if central_only else Sharing.ALLIANCE,
                partnership=clusters["Central"] if central_only else None,
                url="" if text else f"https://resources.example.org/{slugify(title)}",
            )
            if text:
                resource.file = ContentFile(text.encode(), name="letter-to-parents.txt")
                resource.file_name = "letter-to-parents.txt"
                resource.file_type = "text"
                resource.file_size = len(text.encode())
            resource.save()
            builder.created += 1
        resource.tags.set([builder._get_or_create(Tag, name=tag) for tag in tags])
        for reader in (staff_by_school[schools[index + 1].pk][5], schools[2].headteacher):
            if reader is not None:
                builder._get_or_create(Use, resource=resource, person=reader)
        builder._get_or_create(
            Comment,
            resource=resource,
            author=staff_by_school[schools[index + 1].pk][5],
            defaults={"body": "We tried this last half term and adapted it for our classes."},
        )
        if maths_network and specialism == "Maths":
            builder._get_or_create(Pin, group=maths_network, resource=resource)
