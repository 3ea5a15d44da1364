"""Figure checker: finds numeric claims that contradict each other across news articles.

    >>> from checker import check, write
    >>> result = check(["articles/"])
    >>> write(result, "reports/run")

``check`` reads files and folders (.txt, .md, .html, .json, .jsonl), extracts
every figure in French and English, groups the claims about the same quantity
and applies the comparison rules of rules/compare/.  See the README for the
report.json schema.
"""

from .errors import CheckerError
from .models import Claim, Document, Finding, Mention, Period, Result, Skipped
from .pipeline import check, check_documents, write

__version__ = "0.1.0"

__all__ = [
    "CheckerError",
    "Claim",
    "Document",
    "Finding",
    "Mention",
    "Period",
    "Result",
    "Skipped",
    "check",
    "check_documents",
    "write",
]
