"""PO catalogs: the typed model, reading, writing in GNU msgcat's layout, MO files.

Knows nothing of projects, documents or steps.
"""
