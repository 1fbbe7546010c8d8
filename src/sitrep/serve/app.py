"""The application factory: ``create_app(settings)`` builds the FastAPI app (REST API + web UI).

Nothing is opened at import time: the database is checked (and its schema brought up to
date) when the app is created, and each worker thread opens its own read-only store on
first use (``sitrep.serve.db``).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .conditional import Conditional
from .db import StorePool, prepare_database
from .security import Guard, is_loopback
from .views import warm

#: the JavaScript packages the pages use, as installed by npm (`make assets`): URL prefix -> folder
ASSET_FOLDERS = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
}


@dataclass(slots=True, kw_only=True)
class Settings:
    """How the app runs. ``host`` only decides whether requests must be addressed to loopback."""

    db: Path
    host: str = "127.0.0.1"
    token: str | None = None
    #: the ``node_modules`` folder holding the JavaScript packages (None: looked for)
    assets: Path | None = None
    #: check and migrate the database when the app is made (False: the caller did, once, for
    #: every worker process)
    prepare: bool = True

    def to_env(self) -> str:
        """These settings as the value of :data:`SETTINGS_ENV` (how worker processes get them)."""
        return json.dumps({"db": str(self.db), "host": self.host, "token": self.token,
                           "assets": str(self.assets) if self.assets else None})


#: the environment variable that hands the settings to `sitrep serve --workers N`'s processes
SETTINGS_ENV = "SITREP_SERVE_SETTINGS"


def app_from_env() -> FastAPI:
    """The app of one worker process of ``sitrep serve --workers N`` (uvicorn imports this
    factory in each process): the settings come from :data:`SETTINGS_ENV`, and the database
    was checked and migrated once by the command before the workers started."""
    raw = json.loads(os.environ[SETTINGS_ENV])
    return create_app(Settings(db=Path(raw["db"]), host=raw["host"], token=raw["token"],
                               assets=Path(raw["assets"]) if raw["assets"] else None, prepare=False))


def find_assets(explicit: Path | None = None) -> Path | None:
    """The ``node_modules`` folder with the pages' JavaScript packages: ``explicit``, else
    ``$SITREP_ASSETS``, else the one `make assets` fills next to the source tree, else one in
    the current folder. None when none holds Leaflet (the map then says how to install it)."""
    candidates: list[Path] = [explicit] if explicit else []
    if os.environ.get("SITREP_ASSETS"):
        candidates.append(Path(os.environ["SITREP_ASSETS"]))
    candidates += [parent / "node_modules" for parent in Path(__file__).resolve().parents[:4]]
    candidates.append(Path.cwd() / "node_modules")
    for folder in candidates:
        if (folder / "leaflet" / "dist" / "leaflet.js").is_file():
            return folder
    return None


def create_app(settings: Settings) -> FastAPI:
    """The app over ``settings.db`` (checked and migrated now; read-only afterwards)."""
    from .routers import (
        actors,
        documents,
        events,
        framing,
        incidents,
        overview,
        places,
        quotes,
        search,
    )
    from .web import incident_pages, pages

    if settings.prepare:
        prepare_database(settings.db)
    pool = StorePool(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the overview and outlet comparison read the whole corpus: computed before anyone asks
        threading.Thread(target=warm, args=(pool,), name="sitrep-serve-warm", daemon=True).start()
        yield
        pool.close()

    app = FastAPI(
        title="sitrep", version=__version__, lifespan=lifespan,
        description="The sitrep record, read-only: documents with their spans, actors, events, incidents, quotes, "
                    "framing, places and full-text search. JSON shaped like the export contract "
                    "(docs/export-format.md); lists page by keyset (`next` → `cursor`).",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.pool = pool
    app.state.settings = settings
    assets = find_assets(settings.assets)
    app.state.assets = assets
    # the last one added runs first: the guard checks a request before anything is answered
    app.add_middleware(Conditional, state=pool.state)
    app.add_middleware(Guard, token=settings.token, loopback_only=is_loopback(settings.host))
    for module in (overview, incidents, documents, events, actors, quotes, places, framing, search):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("sitrep.serve", "static")]), name="static")
    if assets is not None:
        for prefix, sub in ASSET_FOLDERS.items():
            if (assets / sub).is_dir():
                app.mount(f"/assets/{prefix}", StaticFiles(directory=assets / sub), name=f"assets-{prefix}")
    app.include_router(pages.router)
    app.include_router(incident_pages.router)
    return app
