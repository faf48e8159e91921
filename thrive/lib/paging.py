"""Long lists in pages: Django's Paginator, 50 to a page, links keeping the other parameters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


def page_of(
    request: HttpRequest, items: QuerySet, *, per_page: int = PER_PAGE, param: str = "page"
) -> Page:
    """The page of an ordered queryset that `?<param>=N` asks for.

    Not a number gives page 1 and past the end gives the last page, so no address is an
    error. The page carries `first_href`, `previous_href`, `next_href` and `last_href`
    (empty where there is no such page) for thrive/templates/pagination.html; each keeps
    the request's other parameters, such as another list's page or a search.
    """
    page = Paginator(items, per_page).get_page(request.GET.get(param))

    def href(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}"

    last = page.paginator.num_pages
    page.first_href = href(1) if page.has_previous() else ""
    page.previous_href = href(page.previous_page_number()) if page.has_previous() else ""
    page.next_href = href(page.next_page_number()) if page.has_next() else ""
    page.last_href = href(last) if page.has_next() else ""
    return page
