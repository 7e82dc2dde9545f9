"""One error hierarchy for the library; the CLI and app map it at the edge."""

from __future__ import annotations


class SahelmapError(Exception):
    """Base class for every error sahelmap raises on purpose."""


class InputError(SahelmapError):
    """An input (article, manifest row, upload) that cannot be used.

    ``str(err)`` is one line naming the input and the reason, e.g.
    ``seeds/x.txt: not UTF-8 text (byte 0x89 at offset 0)``.
    """

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class GazetteerError(SahelmapError):
    """The bundled gazetteer is missing or unreadable."""
