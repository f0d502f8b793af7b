from __future__ import annotations

import pytest
from django.db import transaction

from qingshan.audit.models import AuditEvent
from qingshan.audit.services import record_event


def test_events_are_append_only(db):
    with transaction.atomic():
        event = record_event("test.action", "thing", 1, summary="first")
    event.summary = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "first"


def test_an_event_must_share_the_transaction_of_its_change(transactional_db):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_event("test.action", "thing", 1)
