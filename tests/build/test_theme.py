"""Theme shells: a page filled into a shell is exactly the page the theme renders, or the theme
gets no shell."""

from __future__ import annotations

import jinja2
import pytest

from litsite.build.theme import BODY, SLUG, TITLE, insert_head, make_shell, page_title

TITLE_TEXT = 'Fish & "chips" <b>'
BODY_TEXT = "<h1>Fish</h1><p>body</p>"


def _render(template: str, autoescape: bool, slug: str, title: str, body: str) -> str:
    env = jinja2.Environment(autoescape=autoescape)
    return env.from_string(template).render(
        page={"title": title, "content": body, "url": f"records/{slug}/"}
    )


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize(
    "template",
    [
        "<head><title>{{ page.title }} · Site</title></head><main>{{ page.content }}</main>",
        '<head><meta content="{{ page.title|e }}"></head><a href="/{{ page.url }}">x</a>',
        "<head></head><h2>{{ page.title }}</h2>{{ page.content }}{{ page.title }}",
    ],
)
def test_a_filled_shell_is_the_rendered_page(template, autoescape):
    if autoescape:
        template = template.replace("{{ page.content }}", "{{ page.content|safe }}")
    shell = make_shell(_render(template, autoescape, SLUG, TITLE, BODY))
    title = page_title(TITLE_TEXT)
    expected = _render(template, autoescape, "pmid-1", title, BODY_TEXT)
    assert shell.fill(slug="pmid-1", title=title, body=BODY_TEXT) == expected


@pytest.mark.parametrize(
    "template",
    [
        "<title>{{ page.title|upper }}</title>",
        "<title>{{ page.title|truncate(5) }}</title>",
        "<script>{{ page.title|tojson }}</script>",
        "<main>{{ page.content|e }}</main>",
    ],
)
def test_a_theme_that_transforms_a_field_gets_no_shell(template):
    assert make_shell(_render(template, False, SLUG, TITLE, BODY)) is None


def test_record_metadata_goes_before_the_first_head_end():
    shell = make_shell("<head><title>x</title></head><body>" + BODY + "</body>")
    page = shell.fill(slug="a", title="t", body="<p>b</p>", head="<meta name=m>")
    assert page == insert_head(
        "<head><title>x</title></head><body><p>b</p></body>", "<meta name=m>"
    )


def test_titles_reach_themes_without_angle_brackets():
    assert page_title("a <script> b") == "a ‹script› b"
