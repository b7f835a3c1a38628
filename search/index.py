"""Build and store the search documents: one function per kind, and a bulk rebuild.

`index_object(obj)` keeps one row current after a save (about 4 queries); `reindex_all()`
rebuilds every row in bulk for imports, benchmarks and `manage.py search_reindex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from alliance.lib.copying import copy_create
from alliance.lib.markdown import plain_text
from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person, RoleAssignment
from schools.models import School
from search.models import Kind, SearchDocument, SearchWord
from search.query import facts_text, lower_first

BATCH = 2000


def _join(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p)


def weighted_vector() -> SearchVector:
    """Names and identifiers weigh most, then the one-line summary, then everything else."""
    return (
        SearchVector("title", weight="A", config="simple")
        + SearchVector("keys", weight="A", config="simple")
        + SearchVector("subtitle", weight="B", config="simple")
        + SearchVector("facts", weight="B", config="simple")
        + SearchVector("body", weight="C", config="simple")
    )


def _document(kind: str, obj, *, title, subtitle="", keys="", facts=(), body="", public=False):
    facts = facts_text(list(facts))
    return SearchDocument(
        kind=kind,
        object_id=obj.pk,
        title=title[:300],
        subtitle=subtitle[:300],
        url=obj.get_absolute_url(),
        keys=keys[:300],
        facts=facts,
        body=body,
        text=_join(title, keys, subtitle, facts, body).lower(),
        is_public=public,
    )


# One document per kind ----------------------------------------------------------------------


def school_document(school: School) -> SearchDocument:
    """Needs `current_memberships` prefetched (with their partnership) for bulk use."""
    memberships = getattr(school, "current_memberships", None)
    if memberships is None:
        memberships = list(school.memberships.current().select_related("partnership"))
    postcode = school.postcode or ""
    return _document(
        Kind.SCHOOL,
        school,
        title=school.name,
        subtitle=_join(school.get_phase_display(), school.town),
        keys=_join(school.urn, postcode.replace(" ", ""), postcode),
        facts=[
            school.get_phase_display(),
            school.town,
            school.local_authority,
            *(f"Member of {m.partnership.name}" for m in memberships),
        ],
        body=_join(
            school.get_establishment_type_display(),
            school.local_authority,
            school.get_designation_display() if school.designation else "",
            *(m.partnership.name for m in memberships),
        ),
        public=school.is_published,
    )


def person_document(person: Person) -> SearchDocument:
    """Names, job, workplace and current roles; never contact details.

    Needs `current_roles` (with role_type, specialism, partnership), `chaired_groups` and
    `school` loaded for bulk use.
    """
    roles = getattr(person, "current_roles", None)
    if roles is None:
        roles = list(
            RoleAssignment.objects.current()
            .filter(person=person)
            .select_related("role_type", "specialism", "partnership")
        )
    workplace = person.workplace
    role_words = []
    facts = []
    for role in roles:
        role_words += [role.role_type.name, role.role_type.abbreviation]
        label = role.role_type.abbreviation or role.role_type.name
        if role.specialism_id:
            role_words.append(role.specialism.name)
            label = f"{label}: {lower_first(role.specialism.name)}"
        if role.partnership_id:
            role_words.append(role.partnership.name)
        if role.role_type.abbreviation and role.role_type.abbreviation != role.role_type.name:
            label = f"{label}\t{role.role_type.name}"  # found by its name, shown by its letters
        facts.append(label)
    facts += [f"Chair of {group.name}" for group in person.chaired_groups.all()]
    if person.school_id:
        facts.append(person.school.get_phase_display())
    return _document(
        Kind.PERSON,
        person,
        title=_join(person.display_name, person.last_name if person.preferred_name else ""),
        subtitle=_join(person.job_title, workplace.name if workplace else ""),
        facts=facts,
        body=_join(
            person.first_name,
            *role_words,
            person.school.town if person.school_id else "",
            person.expertise,
        ),
    )


def partnership_document(partnership: Partnership) -> SearchDocument:
    return _document(
        Kind.PARTNERSHIP,
        partnership,
        title=partnership.name,
        subtitle=partnership.get_kind_display(),
        facts=[
            f"Part of {partnership.parent.name}" if partnership.parent_id else "",
            f"Lead school: {partnership.lead_school.name}" if partnership.lead_school_id else "",
        ],
        body=_join(
            plain_text(partnership.description[:4000])[:2000],
            partnership.parent.name if partnership.parent_id else "",
            partnership.lead_school.name if partnership.lead_school_id else "",
        ),
        public=partnership.is_published,
    )


def group_document(group: NetworkGroup) -> SearchDocument:
    return _document(
        Kind.GROUP,
        group,
        title=group.name,
        subtitle=_join(group.get_focus_display(), "network,", group.partnership.name),
        facts=[f"Chair: {group.chair.display_name}" if group.chair_id else ""],
        body=_join(
            group.chair.display_name if group.chair_id else "",
            plain_text(group.description[:4000])[:2000],
            "chair",
        ),
        public=group.partnership.is_published,
    )


def event_document(event: Event) -> SearchDocument:
    host = event.host_school
    when = timezone.localtime(event.starts_at).strftime("%a %-d %b %Y")
    return _document(
        Kind.EVENT,
        event,
        title=event.title,
        subtitle=_join(event.get_kind_display(), when, host.name if host else ""),
        facts=[
            host.town if host else "",
            event.network_group.name if event.network_group_id else "",
            event.partnership.name if event.partnership_id else "",
        ],
        body=_join(
            host.town if host else "",
            event.network_group.name if event.network_group_id else "",
            event.partnership.name if event.partnership_id else "",
            event.venue,
            plain_text(event.description[:4000])[:2000],
        ),
        public=event.is_published,
    )


BUILDERS = {
    School: (Kind.SCHOOL, school_document),
    Person: (Kind.PERSON, person_document),
    Partnership: (Kind.PARTNERSHIP, partnership_document),
    NetworkGroup: (Kind.GROUP, group_document),
    Event: (Kind.EVENT, event_document),
}


# Writing ------------------------------------------------------------------------------------


def _set_vectors(queryset) -> None:
    if connection.vendor == "postgresql":
        queryset.update(search_vector=weighted_vector())


def words_of(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text) if 3 <= len(word) <= 100}


def _add_words(words: set[str]) -> None:
    if connection.vendor == "postgresql":
        # One array parameter, not a model instance and a placeholder per word: a national
        # import adds tens of thousands of words.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_searchword (word) SELECT unnest(%s::varchar[]) "
                "ON CONFLICT DO NOTHING",
                [sorted(words)],
            )
        return
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True
    )


def _rebuild_words() -> None:
    SearchWord.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_searchword (word) SELECT word FROM ts_stat("
                "'SELECT search_vector FROM search_searchdocument') "
                "WHERE length(word) BETWEEN 3 AND 100 ON CONFLICT DO NOTHING"
            )
        return
    words: set[str] = set()
    for text in SearchDocument.objects.values_list("text", flat=True).iterator():
        words |= words_of(text)
    _add_words(words)


@transaction.atomic
def index_object(obj) -> None:
    """Bring the search row of one school, person, partnership, group or event up to date."""
    kind, build = BUILDERS[type(obj)]
    if isinstance(obj, Person) and obj.erased_at:
        remove_object(obj)
        return
    doc = build(obj)
    fields = ["title", "subtitle", "url", "keys", "facts", "body", "text", "is_public"]
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=obj.pk, defaults={f: getattr(doc, f) for f in fields}
    )
    _set_vectors(SearchDocument.objects.filter(kind=kind, object_id=obj.pk))
    _add_words(words_of(doc.text))


def remove_object(obj) -> None:
    kind, _ = BUILDERS[type(obj)]
    SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()


def _in_batches(queryset) -> Iterator[list]:
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _all_documents() -> Iterable[tuple[str, Iterator[list]]]:
    current = RoleAssignment.objects.current().select_related(
        "role_type", "specialism", "partnership"
    )
    yield (
        Kind.SCHOOL,
        _in_batches(School.objects.prefetch_related(_current_memberships())),
    )
    yield (
        Kind.PERSON,
        _in_batches(
            Person.objects.filter(erased_at__isnull=True)
            .select_related("school", "organisation")
            .prefetch_related(
                Prefetch("role_assignments", queryset=current, to_attr="current_roles"),
                "chaired_groups",
            )
        ),
    )
    yield (
        Kind.PARTNERSHIP,
        _in_batches(Partnership.objects.select_related("parent", "lead_school")),
    )
    yield (Kind.GROUP, _in_batches(NetworkGroup.objects.select_related("partnership", "chair")))
    yield (
        Kind.EVENT,
        _in_batches(Event.objects.select_related("host_school", "network_group", "partnership")),
    )


def _current_memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current().select_related("partnership"),
        to_attr="current_memberships",
    )


def index_schools(pks: Iterable[int]) -> int:
    """Bring the search rows of these schools up to date in bulk: about 5 queries per 2,000
    schools (the schools with their memberships, delete, insert, vectors, words), so an
    import of every school in England is searchable when it commits."""
    pks = sorted(set(pks))
    total = 0
    with transaction.atomic():
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            schools = School.objects.filter(pk__in=chunk).prefetch_related(_current_memberships())
            documents = [school_document(school) for school in schools]
            SearchDocument.objects.filter(kind=Kind.SCHOOL, object_id__in=chunk).delete()
            created = copy_create(documents)
            _set_vectors(SearchDocument.objects.filter(pk__in=[d.pk for d in created]))
            words: set[str] = set()
            for document in documents:
                words |= words_of(document.text)
            _add_words(words)
            total += len(documents)
    return total


def reindex_all(progress=None) -> int:
    """Rebuild the whole index in bulk; returns the number of documents."""
    total = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for kind, batches in _all_documents():
            build = next(b for k, b in BUILDERS.values() if k == kind)
            for batch in batches:
                created = SearchDocument.objects.bulk_create([build(obj) for obj in batch])
                # Vectors batch by batch: one UPDATE over every row would outlast the
                # statement timeout on a national database.
                _set_vectors(SearchDocument.objects.filter(pk__in=[d.pk for d in created]))
                total += len(batch)
                if progress:
                    progress(kind, total)
        _rebuild_words()
    return total


@transaction.atomic
def reindex_documents_containing(needles: Iterable[str]) -> int:
    """Rebuild every document whose text holds one of `needles` from its row as it is now (a
    row gone or erased loses its document), then the word list: what erasure calls once the
    rows that named a person no longer do. Returns the number of documents rebuilt."""
    found = Q()
    for needle in needles:
        found |= Q(text__contains=needle.lower())
    if not found:
        return 0
    named = list(SearchDocument.objects.filter(found).values_list("kind", "object_id"))
    models = {kind: model for model, (kind, _) in BUILDERS.items()}
    for kind, object_id in named:
        row = models[kind]._default_manager.filter(pk=object_id).first()
        if row is None:
            SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
        else:
            index_object(row)
    _rebuild_words()
    return len(named)
