"""core: the values and words every layer shares, and nothing else.

The data model (``model``), problems as values (``problems``) and their registry of codes (``codes``), every
word a person reads in both languages (``i18n``), the calendar (``dates``), how user text is made inert in
each output (``escape``), what a maintainer identity may be (``identities``) and the table of output formats
(``formats``).

Imports: nothing of tracker outside core. Everything may import core.
"""
