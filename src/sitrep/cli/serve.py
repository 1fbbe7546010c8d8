"""``sitrep serve``: the REST API and the web UI over a database (``sitrep.serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
) -> None:
    """Explore the record in a browser and over a REST API (read-only): http://127.0.0.1:8000/

    Example: sitrep serve --db demo.db
    """
    from ..serve.app import Settings, create_app
    from ..serve.db import sqlite_location
    from ..serve.security import check_bind

    refusal = check_bind(host, token)
    if refusal:
        raise typer.BadParameter(refusal, param_hint="--host")
    with _guarded():
        application = create_app(Settings(db=sqlite_location(db), host=host, token=token, assets=assets))
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"sitrep serve: {db} at http://{shown}:{port}/ (API docs at /api/docs); Ctrl-C stops it.",
                      highlight=False)
    if application.state.assets is None:
        err_console.print("note: the map's JavaScript packages are not installed (run `make assets`); the map page says so.",
                          highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
