"""Imports every command module so that each registers on the group."""

from passerelle.cli import (
    catalogs,  # noqa: F401
    checking,  # noqa: F401
    documents,  # noqa: F401
    drafting,  # noqa: F401
    pipeline,  # noqa: F401
    releasing,  # noqa: F401
)
