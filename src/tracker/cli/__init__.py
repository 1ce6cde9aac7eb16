"""cli: the command line. Each command parses its options, calls one action, renders, chooses the exit code.

Exit codes: 0 fine, 1 problems found (or refused input), 2 usage or I/O error, 3 internal error.

Imports: everything; nothing imports cli.
"""
