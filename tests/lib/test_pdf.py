"""PDFs are made offline: local styles load, nothing outside is fetched."""

import pytest

from thrive.lib.pdf import STATIC, allowed, html_to_pdf


def test_a_page_becomes_a_pdf_with_its_local_stylesheet():
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" href="thrive/thrive.css"></head>'
        "<body><h1>Hello</h1></body></html>"
    )
    assert pdf.startswith(b"%PDF-")


def test_files_under_static_and_data_uris_are_allowed():
    assert allowed((STATIC / "thrive" / "thrive.css").as_uri())
    assert allowed("data:image/png;base64,AAAA")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.css",
        "http://127.0.0.1:8000/",
        "file:///etc/passwd",
        (STATIC / ".." / "settings.py").as_uri(),
    ],
)
def test_anything_outside_the_static_folder_is_refused(url):
    assert not allowed(url)


def test_an_image_from_the_network_does_not_stop_the_pdf():
    pdf = html_to_pdf('<p>Hi</p><img src="https://example.org/tracker.png" alt="">')
    assert pdf.startswith(b"%PDF-")
