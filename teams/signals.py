"""Signals teams sends to the floors above it, which it does not import.

``commune_passed``: a reform passed what old communes kept to their successors
(``passes``: old commune pk -> new ``Commune``; ``reform``; ``by``, the user). A receiver
moves what its app keeps and returns ``(what, count)`` for the reform's summary: the
logins of officials move in ``accounts``.
"""

from django.dispatch import Signal

commune_passed = Signal()
