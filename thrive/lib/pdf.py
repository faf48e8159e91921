"""HTML to PDF with WeasyPrint, offline: nothing is fetched from the network, ever."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

SYSTEM_PACKAGE = "libpango-1.0-0 libpangoft2-1.0-0 (Debian/Ubuntu) or pango (macOS, Homebrew)"
STATIC = Path(__file__).resolve().parents[1] / "static"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or a system library it needs is missing; the message names what to install."""


def _weasyprint():
    try:
        import weasyprint
    except OSError as error:  # the Python package is there, a system library is not
        raise PdfUnavailable(
            f"PDF needs the Pango library, which this machine lacks: install {SYSTEM_PACKAGE}."
        ) from error
    except ImportError as error:
        raise PdfUnavailable("PDF needs WeasyPrint: pip install -e . installs it.") from error
    return weasyprint


def allowed(url: str) -> bool:
    """Only data: URIs and files under Thrive's static folders may go into a PDF."""
    if url.startswith("data:"):
        return True
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    roots = [STATIC, *(Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", []))]
    return path.is_file() and any(path.is_relative_to(root) for root in roots)


def html_to_pdf(html: str) -> bytes:
    """The PDF of a complete HTML page; stylesheets must be inline or under thrive/static."""
    weasyprint = _weasyprint()

    class LocalOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url):
                raise ValueError(f"Thrive's PDFs fetch nothing from outside: refused {url[:80]}")
            return super().fetch(url, headers)

    fetcher = LocalOnly(allowed_protocols=("file", "data"))
    return weasyprint.HTML(
        string=html, base_url=STATIC.as_uri() + "/", url_fetcher=fetcher
    ).write_pdf()
