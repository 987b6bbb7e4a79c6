"""Allow ``python -m passerelle``."""

from passerelle.cli import main

main()
