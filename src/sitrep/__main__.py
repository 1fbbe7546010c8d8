"""``python -m sitrep`` runs the CLI."""

from .cli import main

main()
