"""Imports every command module so that each registers on the group."""

from passerelle.cli import pipeline  # noqa: F401
from passerelle.cli import documents  # noqa: F401
from passerelle.cli import catalogs  # noqa: F401
from passerelle.cli import drafting  # noqa: F401
from passerelle.cli import checking  # noqa: F401
from passerelle.cli import releasing  # noqa: F401
