"""The shared library: what every app uses and nothing in the domain.

The bottom floor (``tests/test_layering.py`` holds it there): NFC text fields and
validators (``text``), form fields and helpers (``forms``, ``widgets``), admin bases
(``admin``), the refusal message and download responses (``responses``), safe spreadsheet
cells (``spreadsheets``), and the web plumbing the settings name (``middleware``,
``throttling``, ``health``, ``startup``, ``context_processors``). It imports no app.
"""
