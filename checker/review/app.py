"""The review web app: a Starlette application over one store file.

``create_app(db)`` checks that the store opens (and upgrades it to the current
schema), loads the rules' descriptions, and returns the app with its routes:
the findings list, a finding with its claims side by side, its verdict form
and history, and an article's full text with a figure marked in place.  Each
request opens the store for itself in a worker thread (read-only for pages,
for writing only to record a verdict), so a ``checker check`` running at the
same time never sees a half-written verdict and no SQLite connection is shared
between threads.  Security (CSRF, access token, Host check, headers) lives in
``security.py``; what the pages show is built in ``views.py``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from checker.errors import CheckerError, StaleUpdate, StoreError
from checker.rules import load_rules
from checker.store import REVIEW_STATUSES, Store

from .security import CSRF_FIELD, LOOPBACK_NAMES, Csrf, Guard, is_loopback
from .views import (
    STATUS_LABELS,
    DocumentPage,
    FindingPage,
    ListFilters,
    ListPage,
    document_page,
    finding_page,
    finding_url,
    list_page,
)

REVIEWER_COOKIE = "checker_reviewer"
MAX_NOTE = 10_000
MAX_REVIEWER = 100

_T = TypeVar("_T")


@dataclass(frozen=True)
class VerdictForm:
    """What the verdict form shows: the finding's state, or what the editor typed when it was refused."""

    status: str
    note: str
    reviewer: str
    version: int
    wrong_claim: str = ""


class Review:
    """What the routes share: the store's path, the CSRF signer, the templates, the rules' descriptions."""

    def __init__(self, db: Path, secret: bytes, rule_descriptions: dict[str, str]) -> None:
        self.db = db
        self.csrf = Csrf(secret)
        self.rule_descriptions = rule_descriptions
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("checker.review", "templates"),
            # Always on, whatever the template's extension: article text and notes are shown as text.
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates = Jinja2Templates(env=env)

    # -- the store, opened per request --------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with Store.open(self.db, readonly=True) as store:
            yield store

    def load_list(self, filters: ListFilters) -> ListPage:
        with self.reading() as store:
            records = store.findings(include_gone=True)
            docs = {d.id: d.document for d in store.documents()}
            reviews = store.last_reviews()
        return list_page(records, docs, reviews, filters)

    def load_finding(self, finding_id: str) -> FindingPage | None:
        with self.reading() as store:
            record = store.finding(finding_id)
            if record is None:
                return None
            history = store.history(finding_id)
            docs = {d.id: d.document for d in store.documents()}
            runs = {r.id: r for r in store.runs()}
        return finding_page(record, history, docs, runs, self.rule_descriptions)

    def load_document(self, doc_id: str, finding_id: str | None, claim_id: str | None) -> DocumentPage | None:
        with self.reading() as store:
            record = store.document(doc_id)
            if record is None:
                return None
            claim = None
            if claim_id:
                # The finding's own copy of the claim first: it is what the editor was looking at.
                found = store.finding(finding_id) if finding_id else None
                pool = list(found.claims) if found else store.claims(doc_id)
                claim = next((c for c in pool if c.id == claim_id), None)
        return document_page(record.document, claim, finding_id if finding_id and claim else None)

    def save_verdict(self, finding_id: str, form: VerdictForm) -> int:
        with Store.open(self.db, create=False) as store:
            return store.set_verdict(
                finding_id, form.status, form.note, form.reviewer, form.version, form.wrong_claim or None
            )

    # -- pages -------------------------------------------------------------------------------------------

    def render(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        token, fresh = self.csrf.token_for(request)
        response = self.templates.TemplateResponse(
            request,
            name,
            {**context, "csrf_field": CSRF_FIELD, "csrf_token": token, "store_name": self.db.name},
            status_code=status,
        )
        if fresh:
            self.csrf.set_cookie(response, token)
        return response

    def error(self, request: Request, status: int, title: str, message: str) -> Response:
        return self.render(request, "error.html.j2", {"title": title, "message": message}, status)


def _review(request: Request) -> Review:
    return request.app.state.review  # type: ignore[no-any-return]


async def _in_thread(fn: Callable[..., _T], *args: Any) -> _T:
    # SQLite work runs off the event loop: a store busy with a `checker check` must not stall it.
    return await run_in_threadpool(fn, *args)


async def list_view(request: Request) -> Response:
    review = _review(request)
    page = await _in_thread(review.load_list, ListFilters.from_query(request.query_params))
    return review.render(request, "list.html.j2", {"page": page})


async def finding_view(request: Request) -> Response:
    review = _review(request)
    page = await _in_thread(review.load_finding, request.path_params["finding_id"])
    if page is None:
        raise HTTPException(404, "There is no such finding in this store.")
    form = VerdictForm(
        status=page.status,
        note="",
        reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, ""))[:MAX_REVIEWER],
        version=page.version,
        wrong_claim=page.wrong_claim_id,
    )
    notice = "Verdict saved." if request.query_params.get("saved") == "1" else ""
    return review.render(
        request, "finding.html.j2", {"page": page, "form": form, "notice": notice, "error": ""}
    )


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _same_origin(request: Request) -> bool:
    """A browser's Origin header, when sent, must be this app's own (a second line behind the token)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


async def verdict_view(request: Request) -> Response:
    review = _review(request)
    finding_id = request.path_params["finding_id"]
    form_data = await request.form(max_files=0, max_fields=20)
    if not review.csrf.accepts(request, form_data) or not _same_origin(request):
        return review.error(
            request,
            403,
            "Verdict refused",
            "The form's security token is missing or wrong (the app may have been restarted since the page "
            "was loaded). Nothing was saved: reload the finding and give your verdict again.",
        )
    page = await _in_thread(review.load_finding, finding_id)
    if page is None:
        raise HTTPException(404, "There is no such finding in this store.")
    status = _field(form_data, "status")
    version_text = _field(form_data, "version")
    typed = VerdictForm(
        status=status if status in REVIEW_STATUSES else page.status,
        note=_field(form_data, "note").strip()[:MAX_NOTE],
        reviewer=_field(form_data, "reviewer").strip()[:MAX_REVIEWER],
        version=int(version_text) if version_text.isdigit() else page.version,
        wrong_claim=_field(form_data, "wrong_claim") if status == "confirmed_error" else "",
    )
    problem = ""
    if status not in REVIEW_STATUSES:
        problem = "Choose one of the statuses."
    elif not version_text.isdigit():
        problem = "The form does not say which version of the finding it was loaded with: reload the page."
    elif not typed.reviewer:
        problem = "Give your name: every verdict is recorded with its reviewer."
    elif typed.wrong_claim and typed.wrong_claim not in {c.id for c in page.claims}:
        problem = "The figure named as wrong is not one of this finding's figures."
    if problem:
        context = {"page": page, "form": typed, "notice": "", "error": problem}
        return review.render(request, "finding.html.j2", context, 400)
    try:
        await _in_thread(review.save_verdict, finding_id, typed)
    except StaleUpdate:
        current = await _in_thread(review.load_finding, finding_id)
        assert current is not None
        message = (
            f"Your verdict was not saved: this finding changed since you loaded it (you had version "
            f"{typed.version}, it is now at version {current.version}, "
            f"“{STATUS_LABELS.get(current.status, current.status)}”). Its current verdict and history "
            "are shown below; your note is kept in the form. Send it again if you still mean it."
        )
        context = {
            "page": current,
            "form": replace(typed, version=current.version),
            "notice": "",
            "error": message,
        }
        return review.render(request, "finding.html.j2", context, 409)
    response = RedirectResponse(finding_url(finding_id) + "?saved=1", status_code=303)
    response.set_cookie(REVIEWER_COOKIE, quote(typed.reviewer), httponly=True, samesite="strict", path="/")
    return response


async def document_view(request: Request) -> Response:
    review = _review(request)
    page = await _in_thread(
        review.load_document,
        request.path_params["doc_id"],
        request.query_params.get("finding"),
        request.query_params.get("claim"),
    )
    if page is None:
        raise HTTPException(404, "There is no such article in this store.")
    return review.render(request, "document.html.j2", {"page": page})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {404: "Not found", 405: "Method not allowed"}
    return _review(request).error(request, exc.status_code, titles.get(exc.status_code, "Error"), exc.detail)


async def _store_error(request: Request, exc: Exception) -> Response:
    # A store that went missing or got damaged while the app runs: say so, as text, without a traceback.
    return _review(request).error(request, 500, "The store could not be read", str(exc))


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    host: str = "127.0.0.1",
    secret: bytes | None = None,
) -> Starlette:
    """The review app over the store ``db`` (which must exist; it is upgraded to the current schema).

    ``token``: when given, every request must present it (see security.py).  ``host``: the address the
    app is served on; on a loopback address only loopback Host names are accepted.  ``secret`` signs the
    CSRF tokens (random by default: forms loaded before a restart are then refused, by design).
    """
    path = Path(db)
    # Fail now, not on the first request: a missing, damaged or too-new store is a clear error.
    Store.open(path, create=False).close()
    try:
        descriptions = {r.id: r.description for r in load_rules()}
    except CheckerError:
        # The store keeps rule ids only; without readable rule files the pages still work, unexplained.
        descriptions = {}
    key = secret or secrets.token_bytes(32)
    allowed = frozenset(LOOPBACK_NAMES | {host.strip("[]").lower()}) if is_loopback(host) else None
    static = StaticFiles(packages=[("checker.review", "static")])
    app = Starlette(
        routes=[
            Route("/", list_view, methods=["GET"]),
            Route("/findings/{finding_id}", finding_view, methods=["GET"]),
            Route("/findings/{finding_id}/verdict", verdict_view, methods=["POST"]),
            Route("/documents/{doc_id}", document_view, methods=["GET"]),
            Mount("/static", app=static, name="static"),
        ],
        middleware=[Middleware(Guard, secret=key, token=token, allowed_hosts=allowed)],
        exception_handlers={HTTPException: _http_error, StoreError: _store_error},
    )
    app.state.review = Review(path, key, descriptions)
    return app
