"""cli: the command line. Each command parses its options, calls one action (``tracker.actions``), renders
what it returns through the table of formats and chooses the exit code; it decides nothing else.

``app`` (the app, its global options, the entry point ``main``), one module per group of commands
(``checking``, ``listing``, ``recording``, ``reporting``, ``deciding``, ``reminding``, ``reviewing``,
``returns``, ``levels``, ``setup``), ``options`` (the options they share, declared once), ``run`` (one run:
its language, its folder, the scope it hands actions), ``output`` (stdout or ``-o``, the format, the width),
``prompt`` (asking at a terminal), ``usage`` (click's usage errors said by kind), ``help`` (help pages from
i18n), ``base`` (the classes every command is made of, and how a refusal is shown), ``writes`` (which
document a command writes).

Exit codes: 0 fine, 1 problems found (or refused input), 2 usage or I/O error, 3 internal error.

Imports: everything; nothing imports cli.
"""
