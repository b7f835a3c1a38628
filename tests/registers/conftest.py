import io
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "registers" / "samples"


@pytest.fixture
def sample_bytes() -> bytes:
    return (SAMPLES / "edubasealldata_sample.csv").read_bytes()


@pytest.fixture
def sample_text(sample_bytes):
    """A fresh text stream of the sample extract for each use."""
    return lambda: io.StringIO(sample_bytes.decode("cp1252"), newline="")


@pytest.fixture
def links_text():
    return lambda: io.StringIO((SAMPLES / "links_sample.csv").read_text("cp1252"), newline="")
