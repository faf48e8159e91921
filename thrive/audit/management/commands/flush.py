"""Django's `flush`, able to empty audit_auditevent too (the database refuses otherwise).

Django's test runner flushes between transactional tests; nothing in the service flushes.
"""

from __future__ import annotations

from django.core.management.commands import flush
from django.db import connections

from thrive.audit.erasure import MARKER_TABLE, erasure_allowed


class Command(flush.Command):
    def handle(self, **options):
        database = options["database"]
        if MARKER_TABLE not in connections[database].introspection.table_names():
            return super().handle(**options)  # before migration 0003: nothing to open
        with erasure_allowed("flush: the whole database emptied", using=database):
            return super().handle(**options)
