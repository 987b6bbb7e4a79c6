"""The one way Passerelle parses XML it is given: what the file itself holds, nothing more.

Documents, ITS rule files, SRX rules, XLIFF and TMX files all come from outside. A DTD, an
external entity or a network fetch would let such a file read the machine's files or reach its
network, and libxml2's size and depth limits keep a crafted file from exhausting memory, so every
parser is made here with those doors shut.
"""

from __future__ import annotations

from lxml import etree


def safe_parser(*, remove_comments: bool = False) -> etree.XMLParser:
    """An XML parser that never loads a DTD, an external entity or anything from the network,
    with libxml2's limits on."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=remove_comments,
    )
