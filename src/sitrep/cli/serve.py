"""``sitrep serve``: the REST API and the web UI over a database (``sitrep.serve``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from . import Db, _guarded, app
from .progress import err_console


@app.command()
def serve(
    db: Db = "sitrep.db",
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="SITREP_TOKEN",
                                              help="Require this secret on every request (Authorization: Bearer, or ?token= once).")] = None,
    assets: Annotated[Path | None, typer.Option("--assets", help="node_modules folder with the map's packages (default: found).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=64,
        help="Server processes (SQLite readers run in parallel across processes); default: one per two CPUs, 1-4.")] = None,
) -> None:
    """Explore the record in a browser and over a REST API (read-only): http://127.0.0.1:8000/

    Example: sitrep serve --db demo.db
    """
    from ..serve.app import SETTINGS_ENV, Settings, create_app
    from ..serve.db import prepare_database, sqlite_location
    from ..serve.security import check_bind

    refusal = check_bind(host, token)
    if refusal:
        raise typer.BadParameter(refusal, param_hint="--host")
    processes = workers if workers is not None else default_workers()
    with _guarded():
        settings = Settings(db=sqlite_location(db), host=host, token=token, assets=assets)
        prepare_database(settings.db)  # once, before any worker starts
        settings.prepare = False
        application = create_app(settings)
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"sitrep serve: {db} at http://{shown}:{port}/ (API docs at /api/docs), "
                      f"{processes} process{'es' if processes > 1 else ''}; Ctrl-C stops it.", highlight=False)
    if application.state.assets is None:
        err_console.print("note: the map's JavaScript packages are not installed (run `make assets`); the map page says so.",
                          highlight=False)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "server_header": False,
                               "proxy_headers": False}
    if processes == 1:
        uvicorn.run(application, **options)
        return
    # each worker process imports the factory and builds its own app (its own store connections)
    os.environ[SETTINGS_ENV] = settings.to_env()
    uvicorn.run("sitrep.serve.app:app_from_env", factory=True, workers=processes, **options)


def default_workers() -> int:
    """One server process per two CPUs, at least 1 and at most 4. Each process computes and keeps
    its own corpus-wide aggregates, so on a small or busy machine a second process first doubles
    that work (measured on 2 shared cores: no gain, docs/benchmarks.md); the other half of the
    CPUs is left to SQLite, the clients and whatever else runs there."""
    return max(1, min(4, (os.cpu_count() or 1) // 2))
