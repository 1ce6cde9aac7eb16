"""load: text -> model, with the position of every value (1-based line and column).

YAML and its nodes (``yamltree``, ``fields``), the task list and units (``catalog``), a progress file's layout
(``progress``), what people type (``inputs``), the return form's layout and a filled return's cells (``form``,
``sheet``), and the levels' declarations and lock (``levels``). A loader reports what it cannot read as a
problem and goes on; it judges nothing the file could say validly.

Imports: core. The only package that parses YAML; ``sheet`` is the one place outside render that opens a
workbook (to read it).
"""
