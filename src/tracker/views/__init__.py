"""views: report data -> tables and documents' structure, with every word from core.i18n.

Listing tables (``tables``), the report's views (``report``), diff and log (``review``), the levels' tables
(``levels``), notices and the bulletin as 公文 parts (``notices``), a unit's return form (``form``), the one
colour map (``palette``), and the documents a command writes, as a renderer receives them (``documents``).
Numbers stay numbers: a renderer shows them, never recomputes them.

Imports: git (for the types it shows), folder, compute, check, load, core.
"""
