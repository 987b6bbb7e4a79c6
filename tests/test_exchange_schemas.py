"""The OASIS XLIFF schemas the package ships: the published files, loaded offline, and enforced."""

from __future__ import annotations

from pathlib import Path

import pytest

from passerelle.errors import PasserelleError
from passerelle.exchange.validation import (
    SCHEMA_FILES,
    invalid_export,
    schema_for,
    validate_export,
)

SHIPPED = Path(__file__).resolve().parents[1] / "tools" / "passerelle" / "exchange" / "schemas"
#: Debian's php-symfony-translation carries OASIS's schema files (and W3C's xml.xsd) unchanged.
DEBIAN = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
DEBIAN_NAMES = {
    "xliff_core_2.0.xsd": "xliff-core-2.0.xsd",
    "xliff-core-1.2-strict.xsd": "xliff-core-1.2-strict.xsd",
    "xml.xsd": "xml.xsd",
}

V12 = (
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
    '<file original="a" source-language="fr" target-language="en" datatype="plaintext"{extra}>'
    '<body><trans-unit id="1"><source xml:lang="fr">Bonjour</source></trans-unit></body>'
    "</file></xliff>"
)
V21 = (
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="fr">'
    '<file id="f1"><unit id="u1"><segment{extra}><source>Bonjour</source></segment></unit>'
    "</file></xliff>"
)


@pytest.mark.skipif(not DEBIAN.is_dir(), reason="Debian's php-symfony-translation is not installed")
@pytest.mark.parametrize("shipped", sorted(DEBIAN_NAMES))
def test_shipped_schemas_are_the_published_files_byte_for_byte(shipped: str) -> None:
    assert (SHIPPED / shipped).read_bytes() == (DEBIAN / DEBIAN_NAMES[shipped]).read_bytes()


@pytest.mark.parametrize("version", sorted(SCHEMA_FILES))
def test_schemas_compile_with_their_imports_answered_locally(version: str) -> None:
    # The parser opens no connection: the xml.xsd import resolves to the shipped file, or
    # compiling fails. xml:lang is then known to the schema and valid where it is allowed.
    document = (V12 if version == "1.2" else V21).format(extra="")
    assert schema_for(version) is schema_for(version)
    assert invalid_export(version, document.encode()) is None


def test_strict_xliff12_refuses_what_the_transitional_schema_allows() -> None:
    # ts is deprecated in XLIFF 1.2 and left out of the strict schema.
    reason = invalid_export("1.2", V12.format(extra=' ts="x"').encode())
    assert reason is not None and reason.startswith("line 1:") and "'ts'" in reason


def test_xliff21_state_outside_the_enumeration_is_refused() -> None:
    reason = invalid_export("2.1", V21.format(extra=' state="done"').encode())
    assert reason is not None and "state" in reason


def test_an_export_failing_its_schema_is_an_error_naming_the_catalog() -> None:
    with pytest.raises(PasserelleError) as caught:
        validate_export("2.1", V21.format(extra=' state="done"').encode(), "locales/en/a.po")
    text = str(caught.value)
    assert text.startswith("locales/en/a.po") and "OASIS schema" in text
    assert "nothing was written" in text
