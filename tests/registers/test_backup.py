"""A whole-alliance backup restores without losing a row."""

import gzip
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from registers.importer import import_register
from registers.links import import_links

pytestmark = pytest.mark.django_db(transaction=True)


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions", "admin", "auth")
    }


def test_backup_and_restore_round_trip_every_row(tmp_path, sample_text, links_text):
    call_command("seed_demo", stdout=io.StringIO())
    import_register(text=sample_text(), dry_run=False)
    import_links(text=links_text(), dry_run=False)
    before = counts()
    assert before["schools.School"] > 24 and before["registers.RegisterRecord"] == 9
    backup = tmp_path / "alliance.xml.gz"
    call_command("backup_alliance", str(backup), stdout=io.StringIO())

    with pytest.raises(CommandError, match="already holds an alliance"):
        call_command("restore_alliance", str(backup), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    assert counts()["schools.School"] == 0
    call_command("restore_alliance", str(backup), stdout=io.StringIO())
    assert counts() == before
    again = tmp_path / "again.xml.gz"
    call_command("backup_alliance", str(again), stdout=io.StringIO())
    # Byte for byte the same, timestamps to the microsecond included.
    assert gzip.decompress(again.read_bytes()) == gzip.decompress(backup.read_bytes())


def test_backup_refuses_a_lossy_format(tmp_path):
    with pytest.raises(CommandError, match="Name the backup file .xml"):
        call_command("backup_alliance", str(tmp_path / "alliance.json"), stdout=io.StringIO())
