"""`thrive demo` replaces the inquiry it made and nothing else, whatever the title."""

import pytest

from tests.inquiry.tool_projects import tool_qdpx
from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db


def test_it_replaces_its_own_inquiry_and_leaves_an_imported_one_with_its_title(coordinator):
    load_demo()
    first = Inquiry.objects.get(is_demo=True)
    imported, _, _ = exchange.import_project(
        tool_qdpx("QualCoder"), user=coordinator, title=DEMO_INQUIRY
    )
    load_demo()
    demo = Inquiry.objects.get(is_demo=True)
    assert demo.pk != first.pk
    assert not Inquiry.objects.filter(pk=first.pk).exists()
    assert Inquiry.objects.get(pk=imported.pk).transcripts.count() == 2
    assert Inquiry.objects.filter(title=DEMO_INQUIRY).count() == 2


def test_an_imported_inquiry_is_never_marked_as_the_demo(coordinator):
    load_demo()
    data = exchange.project_qdpx(Inquiry.objects.get(is_demo=True))
    copy, _, _ = exchange.import_project(data, user=coordinator)
    assert copy.title == DEMO_INQUIRY
    assert not copy.is_demo
