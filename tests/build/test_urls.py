"""litsite's own page paths and URLs agree with MkDocs' for every kind of page it makes."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from litsite.build.urls import canonical_url, dest_path, page_url, relative_url

URIS = [
    "index.md",
    "records/pmid-31070229.md",
    "publications/records/doi-10-1093-x.md",
    "authors/_d.md",
    "topics/index.md",
    "search/index.md",
    "records/pmid-31070229.bib",
]


def _config(tmp_path, **settings):
    (tmp_path / "docs").mkdir(exist_ok=True)
    return load_config(config_file=None, site_name="x", docs_dir=str(tmp_path / "docs"), **settings)


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("uri", URIS)
def test_paths_and_urls_are_mkdocs_own(uri, directory_urls, tmp_path):
    file = File(uri, src_dir=None, dest_dir=str(tmp_path), use_directory_urls=directory_urls)
    assert dest_path(uri, directory_urls) == file.dest_uri
    assert page_url(uri, directory_urls) == file.url


@pytest.mark.parametrize("url", ["records/a/", "topics/x.html", "", "./", "search/"])
@pytest.mark.parametrize("other", ["records/b/", "index.html", "authors/_d.html", "./", "a/b/c/"])
def test_relative_urls_are_mkdocs_own(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


@pytest.mark.parametrize("site_url", ["https://lab.example.org/papers/", "https://x.org", None])
@pytest.mark.parametrize("uri", ["index.md", "records/pmid-1.md"])
def test_canonical_url_is_mkdocs_own(site_url, uri, tmp_path):
    config = _config(tmp_path, site_url=site_url)
    page = Page(
        None, File(uri, src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True), config
    )
    assert canonical_url(site_url, page_url(uri, True)) == (page.canonical_url or "")
