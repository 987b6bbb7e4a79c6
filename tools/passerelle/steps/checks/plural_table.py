"""GNU gettext's own table of plural rules (``gettext-tools/src/plural-table.c``, 0.21).

``msginit`` writes these rules into new catalogs, and they often differ from CLDR's (babel's):
Spanish is ``nplurals=2; plural=(n != 1);`` for GNU and has a third form for millions in CLDR.
Both are right for a catalog, so the Plural-Forms check accepts either.
"""

from __future__ import annotations

_ONE = "nplurals=1; plural=0;"
_NOT_ONE = "nplurals=2; plural=(n != 1);"
_ABOVE_ONE = "nplurals=2; plural=(n > 1);"
_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
_CZECH = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"

GNU_PLURAL_FORMS: dict[str, str] = {
    **dict.fromkeys(("ja", "vi", "ko"), _ONE),
    **dict.fromkeys(
        ("en de nl sv da no nb nn fo es pt it bg el fi et he eo hu tr".split()),
        _NOT_ONE,
    ),
    "pt_BR": _ABOVE_ONE,
    "fr": _ABOVE_ONE,
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr"), _SLAVIC),
    **dict.fromkeys(("cs", "sk"), _CZECH),
    "pl": (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}


def gnu_plural_forms(lang: str) -> str | None:
    """GNU's rule for ``lang`` (``pt_BR`` first, then ``pt``), or None when GNU has none."""
    code = lang.split(".")[0].split("@")[0].replace("-", "_")
    return GNU_PLURAL_FORMS.get(code) or GNU_PLURAL_FORMS.get(code.split("_")[0].lower())
