"""The evaluation form, built from the event's questions and the sessions the person went
to, and the organiser's choice of questions."""

from __future__ import annotations

from django import forms

from alliance.lib.forms import PortalForm
from feedback.evaluation import RATING_LABELS, RATINGS, Asked
from feedback.models import Question
from feedback.services import Part

TEXT_LIMIT = 2000


def _field(question: Question) -> forms.Field:
    if question.kind == Question.Kind.RATING:
        return forms.TypedChoiceField(
            label=question.text,
            choices=[(v, RATING_LABELS[v]) for v in RATINGS],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose a rating from 1 to 5."},
        )
    return forms.CharField(
        label=question.text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvaluationForm(PortalForm):
    """One part about the event, then one per session attended (when the event asks about
    sessions). Ratings are required; free text is not."""

    named = forms.BooleanField(
        label="Show my name with my answers",
        required=False,
        help_text="Off unless you tick it: the organisers then see your answers without your name.",
    )

    def __init__(self, *args, asked: Asked, sessions: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout: list[tuple[object | None, list[tuple[str, Question]]]] = []
        parts = [(None, asked.event)] + [(s, asked.session) for s in sessions if asked.session]
        for session, questions in parts:
            if not questions:
                continue
            prefix = "event" if session is None else f"session{session.pk}"
            names = []
            for question in questions:
                name = f"{prefix}-q{question.pk}"
                self.fields[name] = _field(question)
                names.append((name, question))
            self.layout.append((session, names))
        # The tick last, after the answers it is about.
        self.fields["named"] = self.fields.pop("named")

    def sections(self) -> list[tuple[object | None, list[forms.BoundField]]]:
        return [(session, [self[name] for name, _ in names]) for session, names in self.layout]

    def parts(self) -> list[Part]:
        data = self.cleaned_data
        return [
            Part(
                session=session,
                answers=[
                    (q, data[name], "")
                    if q.kind == Question.Kind.RATING
                    else (q, None, data[name].strip())
                    for name, q in names
                ],
            )
            for session, names in self.layout
        ]


class QuestionsForm(PortalForm):
    """For each question of the library: whether it is asked about the event, about each
    session, or both, and its place on the form."""

    ASK = [
        ("", "Not asked"),
        ("event", "About the event"),
        ("session", "About each session"),
        ("both", "About the event and each session"),
    ]

    def __init__(self, *args, library: list[Question], asked: Asked, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.library = library
        position = {}
        for order, q in enumerate(asked.event, start=1):
            position[q.pk] = ("event", order)
        for order, q in enumerate(asked.session, start=1):
            where, first = position.get(q.pk, ("", order))
            position[q.pk] = ("both" if where == "event" else "session", first)
        for question in library:
            where, order = position.get(question.pk, ("", None))
            self.fields[f"ask-{question.pk}"] = forms.ChoiceField(
                label=question.text, choices=self.ASK, required=False, initial=where
            )
            self.fields[f"order-{question.pk}"] = forms.IntegerField(
                label=f"Order of “{question.text}”",
                required=False,
                min_value=1,
                max_value=99,
                initial=order,
            )

    def rows(self) -> list[tuple[Question, forms.BoundField, forms.BoundField]]:
        return [(q, self[f"ask-{q.pk}"], self[f"order-{q.pk}"]) for q in self.library]

    def chosen(self) -> list[tuple[Question, bool, int]]:
        """(question, about each session, order) for each question asked, in order."""
        data = self.cleaned_data
        picked = []
        for index, question in enumerate(self.library):
            where = data.get(f"ask-{question.pk}") or ""
            order = data.get(f"order-{question.pk}") or 50 + index
            if where in ("event", "both"):
                picked.append((question, False, order))
            if where in ("session", "both"):
                picked.append((question, True, order))
        return sorted(picked, key=lambda row: (row[2], row[0].text))
