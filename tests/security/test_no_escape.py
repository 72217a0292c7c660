"""No record id, DOI or citation key can write outside the target folder or over another record.

``tests/data/hostile/csl-hostile-ids.json`` holds CSL items whose ``id`` is a path traversal, an
absolute path, a Windows device name, 300 characters, the same word in NFC and NFD or in two
cases, or control characters, and items whose DOI or PMID is hostile.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from litsite.citations.bibtex import bibtex_keys
from litsite.ids import RESERVED, assign_ids
from litsite.model import Person, Record, Source
from litsite.report import Report
from tests.conftest import DATA
from tests.security.hostile import litsite
from tests.site_helpers import make_site

HOSTILE_IDS = DATA / "hostile" / "csl-hostile-ids.json"
#: A safe file stem: lowercase ASCII, digits, inner hyphens, at most 64 characters.
SAFE_STEM = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def _import(tmp_path, *files):
    for file in files:
        shutil.copy(file, tmp_path / file.name)
    return litsite("import", *(f.name for f in files), "--into", "records", cwd=tmp_path)


def test_import_writes_only_inside_the_target_folder(tmp_path):
    run = _import(tmp_path, HOSTILE_IDS)
    assert run.returncode == 0, run.stderr
    everything = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert everything == {HOSTILE_IDS.name, "records"}
    records = tmp_path / "records"
    snapshots = records / ".litsite-imported"  # what the last import wrote, for re-imports
    assert all(p.parent in (records, snapshots) for p in records.rglob("*"))


def test_every_file_name_is_a_safe_stem(tmp_path):
    _import(tmp_path, HOSTILE_IDS)
    stems = [p.stem for p in (tmp_path / "records").glob("*.yaml")]
    assert all(SAFE_STEM.match(stem) for stem in stems), stems
    assert not RESERVED & set(stems)


def test_no_record_overwrites_another(tmp_path):
    """30 items, two of them one work (DOIs differing only in case): 29 files, none lost."""
    run = _import(tmp_path, HOSTILE_IDS)
    files = list((tmp_path / "records").glob("*.yaml"))
    assert len(files) == 29
    assert "30 read, 29 imported, 0 updated, 0 unchanged, 0 conflicts, 1 merged" in run.stderr
    titles = {json.dumps(f.read_text().split("title:")[1].splitlines()[0]) for f in files}
    assert len(titles) == 29


def test_ids_differing_by_case_or_normalisation_get_their_own_files(tmp_path):
    run = _import(tmp_path, HOSTILE_IDS)
    names = {p.name for p in (tmp_path / "records").iterdir()}
    assert {"cafe.yaml", "cafe-2.yaml", "case.yaml", "case-2.yaml"} <= names
    assert "id 'cafe' is already used by another record; this one is 'cafe-2'" in run.stderr


def test_a_later_import_never_overwrites_a_different_work(tmp_path):
    _import(tmp_path, HOSTILE_IDS)
    before = (tmp_path / "records" / "con-id.yaml").read_text()
    other = tmp_path / "other.json"
    other.write_text(json.dumps([{"id": "CON", "type": "book", "title": "Another work"}]))
    run = litsite("import", other.name, "--into", "records", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "records" / "con-id.yaml").read_text() == before
    assert "con-id.yaml holds a different work; this one is con-id-3.yaml" in run.stderr


@given(st.lists(st.text(), min_size=1, max_size=8))
def test_any_ids_become_distinct_safe_stems(ids):
    records = [
        Record(id=i, title=i, sources=[Source("f.json", n, "csl-json")]) for n, i in enumerate(ids)
    ]
    assign_ids(records, Report())
    stems = [r.id for r in records]
    assert all(SAFE_STEM.match(s) and s not in RESERVED for s in stems), stems
    assert len({s.casefold() for s in stems}) == len(stems)


@given(st.text())
def test_nfc_and_nfd_spellings_never_share_a_stem(text):
    records = [
        Record(id=unicodedata.normalize(form, text), sources=[Source("f.json", n, "csl-json")])
        for n, form in enumerate(("NFC", "NFD"))
    ]
    assign_ids(records, Report())
    assert records[0].id != records[1].id


@given(st.lists(st.tuples(st.text(), st.text(), st.integers(0, 3000)), min_size=1, max_size=6))
def test_citation_keys_are_plain_and_unique(works):
    records = [Record(title=title, authors=[Person(family=family)]) for title, family, _ in works]
    keys = bibtex_keys(records)
    assert all(re.fullmatch(r"[A-Za-z0-9]+", key) for key in keys), keys
    assert len({k.lower() for k in keys}) == len(keys)


def test_a_site_built_from_hostile_ids_stays_in_its_folder(tmp_path):
    config = make_site(tmp_path / "site", records=[HOSTILE_IDS])
    run = litsite("build", "-f", config.name, cwd=config.parent)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    pages = [p.parent.name for p in (config.parent / "site" / "records").glob("*/index.html")]
    assert len(pages) == 29
    assert all(SAFE_STEM.match(page) and page not in RESERVED for page in pages)
