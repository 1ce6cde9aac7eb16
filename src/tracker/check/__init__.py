"""check: the rules, returning problems as values; never prints, never exits.

The list's cross-checks (``catalog``), the rules every progress record meets (one module per rule in
``rules``, each listed with the codes it files, the fields it reads and the record types it makes in
``registry``; ``records`` runs them over a file or a record, ``quick`` takes a well-formed progress record at
once, ``context`` is what a rule is handed, ``checked`` what checking gives), a filled return's rows
(``sheet``) and who may change which file (``authors``). ``tracker record`` and ``tracker validate`` share
these rules, so an entry refused at the terminal is refused in a file, with the same words.

Imports: load, core.
"""
