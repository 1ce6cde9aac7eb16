"""actions: what a command does, as a call that returns data or a refusal made of problem codes.

Imports: render, views and everything below; never the command line.
"""
