"""tracker: progress tracking over flat files for the Ezhou work-safety key task list.

Data flows one way: load (text -> model, with source positions) -> validate (problems as values)
-> compute (pure report data) -> render (formats). ``cli`` glues these together.
"""

__version__ = "0.1.0"
