"""The OASIS XLIFF schemas, loaded offline, and the check every export passes before it is written.

The package ships the schema files as OASIS publishes them (``xliff-core-1.2-strict.xsd``, the
XLIFF 2 core ``xliff_core_2.0.xsd`` that XLIFF 2.1 keeps, and the W3C ``xml.xsd`` both import),
unedited so that anyone can compare them with the originals. Their imports name the W3C schema by
URL or by a relative path of the OASIS distribution; a resolver answers both with the shipped copy,
so loading a schema never opens a connection. Schemas are compiled once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from passerelle.errors import PasserelleError

__all__ = ["SCHEMA_FILES", "invalid_export", "schema_for", "validate_export"]

#: The schema an XLIFF version is validated against (XLIFF 2.1 keeps the 2.0 core schema's
#: namespace and file; its version attribute is free text there).
SCHEMA_FILES = {"2.1": "xliff_core_2.0.xsd", "1.2": "xliff-core-1.2-strict.xsd"}
_XML_XSD = "xml.xsd"


def _folder() -> Path:
    return Path(str(resources.files("passerelle.exchange") / "schemas"))


class _ShippedXmlSchema(etree.Resolver):  # type: ignore[misc]  # lxml ships no stubs for it
    """Answers the W3C ``xml.xsd`` import, by whatever URL or path, with the shipped file."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        if system_url.rsplit("/", 1)[-1] == _XML_XSD:
            return self.resolve_filename(str(_folder() / _XML_XSD), context)
        return None


@cache
def schema_for(version: str) -> etree.XMLSchema:
    """The compiled schema of XLIFF ``version``; nothing is fetched from the network."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_ShippedXmlSchema())
    document = etree.parse(str(_folder() / SCHEMA_FILES[version]), parser)
    return etree.XMLSchema(document)


def invalid_export(version: str, data: bytes) -> str | None:
    """Why ``data`` fails the schema of ``version`` ("line N: message"), or None if it passes."""
    schema = schema_for(version)
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(document):
        return None
    error = schema.error_log.last_error
    return f"line {error.line}: {error.message}" if error else "fails the schema"


class ExportSchemaError(PasserelleError):
    """An export that fails its own schema: a fault of this program, reported, never written."""


def validate_export(version: str, data: bytes, path: str | Path) -> None:
    """Raise unless ``data``, about to be written to ``path``, passes the OASIS schema."""
    reason = invalid_export(version, data)
    if reason is not None:
        raise ExportSchemaError(
            f"the XLIFF {version} written for this file fails the OASIS schema ({reason}); "
            "nothing was written",
            path=path,
            hint="please report it with the catalog that produced it",
        )
