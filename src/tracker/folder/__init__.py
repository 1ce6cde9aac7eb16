"""folder: a tracking folder on disk, read through load and check, with the derived cache and safe writes.

Where the folder is and what it holds (``root``), where its files come from (``source``: the working tree
here; a git revision and a lower level's mirror are ``git.sources``), files written without loss (``files``),
the cache of checked files (``cache``) and what a report as of today keeps of them (``enough``), the worker
processes that check a cold folder (``workers``), the one pipeline that reads any source, load → check →
cache (``pipeline``), appending a record (``store``, ``filestate``, ``refresh``) and ``tracker init``
(``setup``).
What a roll-up keeps of a lower level at its locked commit, and of a folder's levels.yaml: ``figures``.

Imports: compute, check, load, core. Never runs git.
"""
