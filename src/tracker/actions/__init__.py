"""actions: what a command does, as a call that returns data (a document of ``views.documents``) or raises a
refusal made of problem codes of the registry (``core.refusal``), so a rule has one wording wherever it
stops something. Actions take plain typed arguments (dates, ids, names as typed, a ``Lang`` where words are
needed) and a ``Scope`` (the folder, today, the cache, where to say what they notice); they never touch the
command line, and are tested without it.

``scope`` (reading the task list and the pairs, writing a record), ``lookup`` (units, items, actions as
people name them), ``listing``, ``checking``, ``reporting``, ``recording``, ``deciding``, ``reminding``,
``reviewing``, ``returns``, ``levels``, ``setup``.

Imports: render, views and everything below; never the command line.
"""
