"""The demo alliance's register data: the shipped fictional sample extract and links file."""

from pathlib import Path

from registers.files import open_text
from registers.importer import import_register
from registers.links import import_links

# The samples ship with registers, whose tests and scripts read them too.
SAMPLES = Path(__file__).resolve().parent.parent / "registers" / "samples"


def import_samples() -> int:
    """Import the samples; returns how many rows changed (0 the second time)."""
    with open(SAMPLES / "edubasealldata_sample.csv", "rb") as binary:
        text, _encoding = open_text(binary)
        report = import_register(text=text, dry_run=False)
    with open(SAMPLES / "links_sample.csv", "rb") as binary:
        text, _encoding = open_text(binary)
        links = import_links(text=text, dry_run=False)
    return report.created + report.updated + links.links_created + links.memberships_inherited
