"""git: the one package that runs git.

The git runner (``run``: argument lists, never a shell, revisions passed as data), the folder as a commit
holds it, a source ``folder.pipeline`` reads as it reads the working tree (``sources``), the folder at a
revision and who added each record (``history``), and the lower levels fetched, locked and read at their
pinned commits (``levels``).

Imports: folder, compute, check, load, core.
"""
