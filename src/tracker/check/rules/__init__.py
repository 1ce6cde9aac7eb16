"""check.rules: one module per rule for progress records, listed with what each files in ``check.registry``.

A module defines only the hooks it needs (``opens``, ``reads``, ``make``, ``made``, ``check``: see the
registry), and readers other rules may use (``fields.text``, ``dates.date``, ``tasks.task``). The runner
(``check.records``) calls them; no rule calls the runner.

Imports: check.context, check.checked, check.registry, load, core.
"""
