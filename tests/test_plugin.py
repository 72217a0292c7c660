"""The MkDocs plugin inside different MkDocs setups: themes, ProperDocs, options, bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import DATA, SEED
from .site_helpers import build_site, make_site, record_page

HOSTILE = DATA / "pages" / "hostile.json"


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_docs_folder_is_never_written(tmp_path):
    config = make_site(tmp_path)
    before = sorted(p.name for p in (tmp_path / "docs").rglob("*"))
    build_site(config)
    assert sorted(p.name for p in (tmp_path / "docs").rglob("*")) == before


def test_home_page_is_generated_when_docs_has_none(tmp_path):
    site = build_site(make_site(tmp_path))
    assert "litsite-home" in (site / "index.html").read_text("utf-8")


def test_an_index_md_in_docs_wins_over_the_generated_home(tmp_path):
    config = make_site(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Our lab's papers\n", "utf-8")
    site = build_site(config)
    home = (site / "index.html").read_text("utf-8")
    assert "Our lab's papers" in home and "litsite-home" not in home


def test_material_theme_carries_metadata_and_cite_assets(tmp_path):
    site = build_site(make_site(tmp_path, theme={"name": "material"}))
    page = record_page(site)
    assert '<meta name="citation_author" content="de Roock, Sytze">' in page
    assert "assets/litsite/litsite.css" in page and "assets/litsite/litsite.js" in page
    assert "OBJECTIVES" in page


def test_properdocs_builds_the_same_site(tmp_path):
    config = make_site(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "records" / "pmid-31070229" / "index.html").read_text("utf-8")
    assert 'href="https://doi.org/10.1093/rheumatology/kez157"' in page


def test_site_url_makes_canonical_and_public_urls_absolute(tmp_path):
    site = build_site(make_site(tmp_path, site_url="https://lab.example.org/papers/"))
    page = record_page(site)
    url = "https://lab.example.org/papers/records/pmid-31070229/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta name="citation_public_url" content="{url}">' in page


def test_sitemap_lists_record_pages(tmp_path):
    site = build_site(make_site(tmp_path, site_url="https://lab.example.org/"))
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://lab.example.org/records/pmid-31070229/</loc>" in sitemap


def test_spanish_interface(tmp_path):
    site = build_site(make_site(tmp_path, plugin={"language": "es"}))
    page = record_page(site)
    assert '<h2 id="litsite-abstract-h">Resumen</h2>' in page
    assert "<dd>27 de abril de 2019</dd>" in page
    assert '<html lang="es">' in page


def test_strict_mode_stops_at_a_bad_file_naming_it(tmp_path, caplog):
    config = make_site(tmp_path, plugin={"strict": True})
    (tmp_path / "content" / "empty.txt").write_text("", "utf-8")
    with pytest.raises(Abort):
        build_site(config)
    assert re.search(r"content/empty\.txt: empty file", caplog.text)
    assert "Traceback" not in caplog.text


def test_builtin_search_mode_uses_mkdocs_search(tmp_path):
    config = make_site(tmp_path, plugin={"search": "mkdocs"})
    text = config.read_text("utf-8").replace("plugins:\n", "plugins:\n- search\n")
    config.write_text(text, "utf-8")
    site = build_site(config)
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith("records/pmid-31070229") for doc in index["docs"])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return build_site(make_site(folder, records=[SEED, HOSTILE]))


def test_hostile_record_adds_no_live_script_anywhere(hostile_site):
    for path in _html_files(hostile_site):
        tags = re.findall(r"<script\b[^>]*>", path.read_text("utf-8"))
        assert all("src=" in t or "application/ld+json" in t for t in tags), path


def test_hostile_record_text_is_shown_escaped(hostile_site):
    page = record_page(hostile_site, "vufind-hostile-1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_template_syntax_in_records_is_neutralised(hostile_site):
    page = record_page(hostile_site, "vufind-hostile-1")
    body = page[page.index("<main") :]
    assert "{{" not in body and "{%" not in body
    assert "&#123;&#123; 7*7 }}" in page


def test_hostile_json_ld_cannot_close_its_script(hostile_site):
    page = record_page(hostile_site, "vufind-hostile-1")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert json.loads(block)["name"].startswith("<script>alert(1)</script>")


def test_hostile_links_are_never_javascript(hostile_site):
    for path in _html_files(hostile_site):
        assert not re.search(r"""href=["']?\s*javascript:""", path.read_text("utf-8"), re.I)


def test_markdown_placeholders_in_records_are_stripped(hostile_site):
    page = record_page(hostile_site, "vufind-hostile-1")
    assert "\x02" not in page and "wzxhzdk:0" in page


def test_a_docs_page_at_a_generated_path_is_kept_as_written(tmp_path):
    config = make_site(tmp_path)
    (tmp_path / "docs" / "topics").mkdir()
    (tmp_path / "docs" / "topics" / "index.md").write_text("# Our own topic list\n", "utf-8")
    site = build_site(config)
    page = (site / "topics" / "index.html").read_text("utf-8")
    assert "Our own topic list" in page and "litsite-overview" not in page


def test_links_resolve_without_directory_urls(tmp_path):
    site = build_site(make_site(tmp_path, use_directory_urls=False))
    page_path = site / "records" / "pmid-31070229.html"
    hrefs = re.findall(r'href="(\.\./[^"#]+)', page_path.read_text("utf-8"))
    assert hrefs and all((page_path.parent / h).resolve().is_file() for h in hrefs)


def test_spanish_interface_names_the_language_in_spanish(tmp_path):
    site = build_site(make_site(tmp_path, plugin={"language": "es"}))
    assert "<dt>Idioma</dt><dd>inglés</dd>" in record_page(site)


def test_every_external_link_opens_without_referrer(hostile_site):
    for path in _html_files(hostile_site):
        for tag in re.findall(r'<a [^>]*href="https?:[^>]*>', path.read_text("utf-8")):
            assert 'rel="noopener noreferrer"' in tag, (path, tag)


def test_serve_watches_the_records_folder(tmp_path):
    from mkdocs.config import load_config

    config = load_config(config_file=str(make_site(tmp_path)))
    watched = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["litsite"].on_serve(Server(), config=config, builder=None)
    assert watched == [str(tmp_path / "content")]


def test_path_puts_the_publications_under_a_folder_of_a_docs_site(tmp_path):
    config = make_site(tmp_path, theme={"name": "material"}, plugin={"path": "publications"})
    (tmp_path / "docs" / "index.md").write_text("# Our lab\n", "utf-8")
    site = build_site(config)
    record = site / "publications" / "records" / "pmid-31070229" / "index.html"
    assert '<meta name="citation_author" content="de Roock, Sytze">' in record.read_text("utf-8")
    assert "litsite-home" in (site / "publications" / "index.html").read_text("utf-8")
    assert "Our lab" in (site / "index.html").read_text("utf-8")


def test_path_must_be_safe_folder_names(tmp_path):
    with pytest.raises(Abort):
        build_site(make_site(tmp_path, plugin={"path": "../outside"}))


def test_without_search_there_is_no_search_page_or_box(tmp_path):
    site = build_site(make_site(tmp_path, plugin={"search": "none"}))
    assert not (site / "search").exists()
    assert 'role="search"' not in record_page(site)


def test_litsite_search_mode_writes_the_sharded_index_next_to_its_page(tmp_path):
    site = build_site(make_site(tmp_path, plugin={"search": "litsite"}))
    manifest = json.loads((site / "search" / "manifest.json").read_text("utf-8"))
    row = json.loads((site / "search" / "d" / "0.json").read_text("utf-8"))[0]
    assert manifest["docs"] == 1 and row[0] == "records/pmid-31070229/"
    page = (site / "search" / "index.html").read_text("utf-8")
    assert 'data-litsite-search data-index="./" data-root="../"' in page
    assert "&#34;article-journal&#34;: &#34;Journal article&#34;" in page
    assert "assets/litsite/litsite-search.js" in page


def test_search_client_knows_where_the_search_page_is(tmp_path):
    site = build_site(make_site(tmp_path, plugin={"search": "litsite", "path": "publications"}))
    script = (site / "assets" / "litsite" / "litsite-search.js").read_text("utf-8")
    assert 'SEARCH_PAGE = "../../publications/search/"' in script
    assert 'SEARCH_LABEL = "Search"' in script
