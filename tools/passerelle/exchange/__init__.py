"""Catalogs in the formats CAT tools speak: XLIFF 2.1 and 1.2, TMX 1.4b, TBX and CSV glossaries.

A layer of its own between the steps and the PO layer: it reads and writes these files from and
to the PO model (entries, placeholders) and knows nothing of projects. Every XML file is parsed
without DTDs, external entities or network (see :mod:`passerelle.exchange.xmlsafe`).
"""
