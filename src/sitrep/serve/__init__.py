"""``sitrep serve``: the REST API (``/api/``) and the web UI over one database, read-only.

Build the app with :func:`sitrep.serve.app.create_app` (a factory: nothing is opened at
import time); ``sitrep serve`` runs it with uvicorn. The API's routers are in
``serve/routers/`` (one per resource), its schemas in ``serve/schemas.py``, the functions
both the API and the pages call in ``serve/views.py``, the pages in ``serve/web/`` with
their templates in ``serve/templates/``; every query is a store method
(``sitrep/store/explore.py``). Security rules: ``serve/security.py``.
"""
