"""The inquiry team's pages for the study report's appendix tables and framework table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.lib import downloads
from thrive.reports.appendix import appendix_tables
from thrive.reports.framework_table import framework_table


@requires(WORK)
@require_GET
def appendix_tables_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The three appendix tables, each with its warnings; ?table=…&format=csv|xlsx downloads one."""
    inquiry = inquiry_for(request, pk)
    tables = {slugify(table.title): table for table in appendix_tables(inquiry)}
    fmt = request.GET.get("format", "")
    if fmt:
        table = tables.get(request.GET.get("table", ""))
        if table is not None and fmt in downloads.TABLE_FORMATS:
            record(request, Action.EXPORT, "inquiry", inquiry.pk, f"{table.title} table as {fmt}")
            name = f"{slugify(inquiry.title)[:40]}-{slugify(table.title)}"
            return downloads.table_response(fmt, name, table.columns, table.rows)
        error = "Choose one of the tables below and download it as CSV or Excel (XLSX)."
        context = {"inquiry": inquiry, "tables": tables.items(), "error": error}
        return render(request, "reports/appendix_tables.html", context, status=400)
    record(request, Action.VIEW, "inquiry", inquiry.pk, "appendix tables")
    context = {"inquiry": inquiry, "tables": tables.items()}
    return render(request, "reports/appendix_tables.html", context)


@requires(WORK)
@require_GET
def framework_table_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The six areas of living, validating beside invalidating, with themes and approved quotes."""
    inquiry = inquiry_for(request, pk)
    table = framework_table(inquiry)
    record(request, Action.VIEW, "inquiry", inquiry.pk, "framework table")
    return render(request, "reports/framework_table.html", {"inquiry": inquiry, "table": table})
