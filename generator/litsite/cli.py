"""The ``litsite`` command: a thin layer rendering each ``LitsiteError`` once, no traceback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .citations import convert_targets, write
from .citations.styles import LOCALES
from .curation import near_duplicates, record_findings, text_report
from .errors import LitsiteError
from .importer import import_records, site_folder
from .readers import READERS, iter_files, read_paths
from .report import Report
from .validate import validate

__all__ = ["main"]


class _LevelFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LevelFormatter())
    logger = logging.getLogger("litsite")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


class _Commands(click.Group):
    """Every command: an operating-system error (a full disk, a read-only or unreadable folder,
    a path under a regular file) is one line naming the path and the cause, exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            path = exc.filename2 or exc.filename
            where = f"{path}: " if path else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc


@click.group(cls=_Commands)
@click.option("-v", "--verbose", is_flag=True, help="Show debug messages.")
@click.version_option(package_name="litsite")
def main(verbose: bool) -> None:
    """Turn bibliographic records into a searchable, citable static site."""
    _setup_logging(verbose)


_paths = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
_from = click.option(
    "--from",
    "fmt",
    type=click.Choice(sorted(READERS)),
    help="Input format (default: detected from each file's name and content).",
)
_strict = click.option("--strict", is_flag=True, help="Stop at the first bad record.")


def _read(
    paths: tuple[Path, ...],
    fmt: str | None,
    strict: bool,
    merge: bool = True,
    root: Path | None = None,
) -> tuple[list, Report]:
    report = Report(strict=strict)
    try:
        return read_paths(paths, report, fmt, merge=merge, root=root), report
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc


def _check_target(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        write(value, [])
    except KeyError:
        raise click.BadParameter(
            f"'{value}' is not one of {', '.join(convert_targets())} or a CSL style's id"
        ) from None
    return value


@main.command()
@_paths
@_from
@click.option(
    "--to",
    "target",
    callback=_check_target,
    default="csl-json",
    show_default=True,
    help=f"Output format: {', '.join(convert_targets())}, or any CSL style's id.",
)
@click.option(
    "--language",
    type=click.Choice(sorted(LOCALES)),
    default="en",
    show_default=True,
    help="Language of CSL-styled citations (a style's own locale wins).",
)
@click.option(
    "--dedupe",
    is_flag=True,
    help="Merge records of the same work, as a site build does (default: one item per record).",
)
@_strict
def convert(
    paths: tuple[Path, ...],
    fmt: str | None,
    target: str,
    language: str,
    dedupe: bool,
    strict: bool,
) -> None:
    """Print the records in FILES in another format: one item per record, in input order."""
    # Output is shared: sources are named relative to the current folder (the site's).
    records, report = _read(paths, fmt, strict, merge=dedupe, root=Path.cwd())
    try:
        click.echo(write(target, records, language), nl=False)
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc
    if report.errors:
        sys.exit(1)


@main.command()
@_paths
@_from
@click.option(
    "--report",
    "curator",
    is_flag=True,
    help="Print the curator's report instead: per record, what to look at (missing DOI/PMID, "
    "leftover LaTeX or markup, mojibake, suspicious dates, corrections, fields not understood), "
    "merges and near-duplicates; exit status 0.",
)
def check(paths: tuple[Path, ...], fmt: str | None, curator: bool) -> None:
    """Validate records: one line per problem, exit status 1 if there is any."""
    records, report = _read(paths, fmt, strict=False)
    if curator:
        findings = [(record.label, record_findings(record)) for record in records]
        duplicates = near_duplicates([(r.label, r.title) for r in records])
        click.echo(text_report(findings, report.merges, duplicates), nl=False)
        return
    problems = report.errors + report.warnings + [p for r in records for p in validate(r)]
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(records)} records checked, {len(problems)} problems", err=True)
    if problems:
        sys.exit(1)


@main.command("import")
@_paths
@_from
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/records"),
    show_default=True,
    help="Folder for the record files (one <record id>.yaml each).",
)
@_strict
def import_(paths: tuple[Path, ...], fmt: str | None, into: Path, strict: bool) -> None:
    """Write the records in FILES as editable YAML files, one per record; end with counts.

    Re-importing keeps hand edits: see ``litsite.importer`` (and the README) for the rule."""
    # The record files already in INTO are the output, not input (a folder named may hold them).
    inputs = tuple(p for p in iter_files(paths) if not p.resolve().is_relative_to(into.resolve()))
    report = Report(strict=strict)
    try:
        records = read_paths(inputs, report, fmt, root=site_folder(into))
        summary = import_records(records, into, report)
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc
    # Each merge, conflict and skipped record has already been logged, with its reason.
    read = len(records) + len(report.merges)
    click.echo(
        f"{read} read, {len(summary.imported)} imported, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged, {len(summary.conflicts)} conflicts, "
        f"{len(report.merges)} merged, {len(report.errors)} skipped",
        err=True,
    )
    if report.errors:
        sys.exit(1)


_config_file = click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's MkDocs configuration.",
)


_jobs = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for reading, citing and rendering (default: every usable CPU).",
)


@main.command()
@_config_file
@click.option("--strict", is_flag=True, help="Fail on any warning (MkDocs' strict mode).")
@_jobs
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="LITSITE_SCHEDULER",
    help="Run reading, citing and rendering on the Dask cluster of this scheduler "
    "(tcp://host:8786; needs pip install 'litsite[dask]').",
)
@click.pass_context
def build(
    ctx: click.Context, config_file: Path, strict: bool, jobs: int, scheduler: str | None
) -> None:
    """Build the site into its site_dir; the previous site stays unless the build succeeds."""
    from .builder import build_site

    verbose = ctx.find_root().params["verbose"]
    try:
        summary = build_site(
            config_file, strict=strict, verbose=verbose, jobs=jobs, scheduler=scheduler
        )
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(str(summary), err=True)


@main.command()
@_config_file
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@_jobs
def serve(config_file: Path, dev_addr: str | None, open_browser: bool, jobs: int) -> None:
    """Preview the site; editing a record file rebuilds it and reloads the browser."""
    from .builder import serve_site

    try:
        serve_site(config_file, dev_addr, open_browser, jobs)
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", "site_name", help="Site title (default: the folder's name).")
@click.option("--language", type=click.Choice(["en", "es"]), default="en", show_default=True)
def new(folder: Path, site_name: str | None, language: str) -> None:
    """Create a minimal site in FOLDER: mkdocs.yml, content/, and a GitHub Pages workflow."""
    from .new_site import create_site

    try:
        written, source = create_site(folder, site_name or folder.resolve().name, language)
    except LitsiteError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in written:
        click.echo(f"created {path}")
    if not source.requirement:
        click.echo(
            f"warning: {source.problem}; set where the site's CI installs litsite from in "
            f"{folder / '.github/workflows/site.yml'} (its build fails until you do)",
            err=True,
        )
    click.echo(f"next: cd {folder} && litsite build   (or: litsite serve)")
