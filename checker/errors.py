"""Errors the library raises, in one place, each with a code and a message that names the culprit.

The CLI turns any ``CheckerError`` into a one-line message and a non-zero exit
code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class CheckerError(Exception):
    """Base class of every error meant for the user."""

    code = "E000"
    exit_code = 2

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputNotFound(CheckerError):
    code = "E001"


class NoDocuments(CheckerError):
    code = "E002"


class RuleFileError(CheckerError):
    code = "E010"


class LexiconError(CheckerError):
    code = "E011"


class StoreError(CheckerError):
    code = "E020"


class SchemaTooNew(StoreError):
    code = "E021"


class StaleUpdate(StoreError):
    """A review decision made on a version of a finding that someone else has changed since."""

    code = "E022"
