"""What a typed query means: its words, the ones that carry no meaning, and why a row matched.

People type questions ("who chairs the SEND network", "SLE maths primary"), not keywords.
The words that only make a question ("who", "the") are dropped, a few word forms are brought
to the one the index holds ("chairs" -> "chair"), and the result explains itself with the facts
of its row the query's words begin ("Chair of SEND network", "SLE: maths", "Primary").
"""

from __future__ import annotations

import re

MAX_TERMS = 8
WORD_RE = re.compile(r"\w+")

# Words that make a question or a phrase but name nothing the index holds.
# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "and", "any", "are", "at", "by", "can", "do", "does", "for", "from", "has",
    "have", "in", "is", "it", "me", "my", "of", "on", "or", "our", "show", "the", "their",
    "there", "to", "was", "what", "where", "which", "who", "whom", "whose", "with",
})
# fmt: on

# Word forms brought to the one the index's facts use: "Chair of SEND network".
SYNONYMS = {
    "chairs": "chair",
    "chaired": "chair",
    "chairing": "chair",
    "chairperson": "chair",
    "chairman": "chair",
    "chairwoman": "chair",
    "leads": "lead",
    "leader": "lead",
    "leaders": "lead",
    "leading": "lead",
    "led": "lead",
    "mentors": "mentor",
    "mentoring": "mentor",
    "sles": "sle",
    "nles": "nle",
    "dsls": "dsl",
    "sbms": "sbm",
    "headteachers": "headteacher",
    "heads": "head",
}


def normal_word(word: str) -> str:
    word = word.lower()
    return SYNONYMS.get(word, word)


def terms_of(query: str) -> list[str]:
    """The words to search for, in order, without repeats: a query made only of stop words
    ("who") is searched as typed."""
    words = [word.lower() for word in WORD_RE.findall(query)]
    meaningful = [normal_word(word) for word in words if word not in STOP_WORDS]
    return list(dict.fromkeys(meaningful or words))[:MAX_TERMS]


def respelled(query: str, fixes: dict[str, str]) -> str:
    """`query` as typed, with each corrected word replaced: "mathss" -> "maths"."""
    return WORD_RE.sub(lambda m: fixes.get(normal_word(m.group()), m.group()), query)


def facts_text(facts: list[str]) -> str:
    return "\n".join(dict.fromkeys(fact for fact in facts if fact))


def why_matched(facts: str, terms: list[str]) -> list[str]:
    """The facts of a row that a word of the query begins a word of, those that match most
    words first. A fact may carry words it matches without showing them after a tab
    ("SLE: maths<tab>Specialist Leader of Education": "leader" finds it, "SLE: maths" shows)."""
    scored = []
    for fact in facts.splitlines():
        words = [word.lower() for word in WORD_RE.findall(fact)]
        matched = sum(any(word.startswith(term) for word in words) for term in terms)
        if matched:
            scored.append((matched, fact.split("\t")[0]))
    scored.sort(key=lambda pair: -pair[0])
    return list(dict.fromkeys(fact for _, fact in scored))


def lower_first(name: str) -> str:
    """A specialism as it reads in a sentence: "maths", "early years", but "SEND"."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]
