"""Passerelle: French source documents in, localised documents out.

The data flow is the architecture: source document -> units (formats, segment) -> catalogs
(catalog, merge) -> drafts -> checks -> localised document (build) -> release.
"""

__version__ = "0.1.0"
