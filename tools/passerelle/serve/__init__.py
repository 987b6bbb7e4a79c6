"""The local review app (``passerelle serve``): pages as they will ship beside the French,
click a sentence to edit its unit, saves as safe as the command line's.

``workspace`` reads what the app shows, ``preview`` renders pages with their units marked,
``saving`` writes one unit under the project lock, ``suggest`` offers memory matches and drafts,
``security`` guards every request, ``app`` routes them, ``server`` starts it all. The page's
files are in ``static/``, shipped with the package.
"""
