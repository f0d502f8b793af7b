from __future__ import annotations

from ..models import Tipoff


def lock(tipoff: Tipoff) -> Tipoff:
    """Take the case's row lock for the rest of the transaction and reload it, so that two
    people acting on one case at once are judged one after the other, on fresh state.  (On
    SQLite the transaction's write lock already serialises them.)"""
    Tipoff.objects.select_for_update().filter(pk=tipoff.pk).values_list("pk").first()
    tipoff.refresh_from_db()
    return tipoff
