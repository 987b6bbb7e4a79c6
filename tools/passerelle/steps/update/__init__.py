"""Templates -> catalogs: the msgmerge-compatible update, alone or over a tree."""
