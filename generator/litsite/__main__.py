"""``python -m litsite`` runs the command line."""

from .cli import main

main()
