"""The review app: a local web app where editors go through a store's findings and record verdicts.

``create_app(db)`` builds the Starlette application (routes in ``app.py``, page
data in ``views.py``, CSRF, access token and headers in ``security.py``);
``serve(db, host, port, token)`` in ``server.py`` runs it with uvicorn, which
is what ``checker review`` does.  The web dependencies are imported only when
this package is, so the checker itself never needs them.
"""

from __future__ import annotations

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
