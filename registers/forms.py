from __future__ import annotations

from django import forms
from django.conf import settings

from alliance.lib.forms import PortalForm
from registers.files import CsvFileError, check_size, detect_encoding


class UploadForm(PortalForm):
    """A CSV file: refused whole when too big, empty, not text or in an unknown encoding."""

    file = forms.FileField(label="CSV file", help_text="UTF-8 or Windows-1252 CSV.")

    def __init__(self, *args, limit: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit or settings.REGISTERS_MAX_CSV_UPLOAD_BYTES

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, self.limit)
            self.encoding = detect_encoding(upload.file)
        except CsvFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def text(self) -> str:
        upload = self.cleaned_data["file"]
        upload.file.seek(0)
        return upload.file.read().decode(self.encoding)


class ConfirmForm(PortalForm):
    """The previewed file, posted back to import it; it is validated again in full."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    invite = forms.BooleanField(
        required=False, label="E-mail each new person an invitation to sign in"
    )
