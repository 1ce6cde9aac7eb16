"""check: the rules, returning problems as values; never prints, never exits.

The list's cross-checks (``catalog``), the rules every progress record meets (``records``), a filled return's
rows (``sheet``) and who may change which file (``authors``). ``tracker record`` and ``tracker validate`` share
these rules, so an entry refused at the terminal is refused in a file, with the same words.

Imports: load, core.
"""
