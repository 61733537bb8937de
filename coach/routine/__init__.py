"""Routines: the files users write, checked and turned into a model the player can follow.

``durations`` parses times, ``model`` is the validated shape, ``loader`` reads and checks
files (with ``problems``, ``fields`` and ``checks`` behind it), ``catalog`` finds the
built-in and user routines, ``schema`` describes the format for editors. Import from those
modules directly: this package imports nothing itself, so that ``timeline`` and the other
routine modules can import each other's pieces freely.
"""
