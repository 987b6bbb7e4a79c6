"""Catalogs and built pages -> a release folder with MO files and a manifest."""
