"""compute: pure functions from checked records to the figures the office reads.

A pair's state as of a date (``state``), the report (``report``), the assessment (``scoring``), the roll-up
of lower levels (``rollup``) and what a change did (``review``). Nothing here reads a file or knows a word of
any language: the same data serves every output.

Imports: check, load, core.
"""
