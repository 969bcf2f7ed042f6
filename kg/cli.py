"""The `kg` command line: parses arguments, calls the library, renders results. Thin."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

import kg
from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Build, query and serve knowledge graphs of township 法治政府建设 reports.")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {kg.__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                          help="Print the version and exit.")] = None) -> None:
    pass


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Report files or folders (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for graph.ttl and graph.html.")] = Path("outputs"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    max_report_mb: Annotated[Optional[float], typer.Option(
        "--max-report-mb", min=0.001, help="Refuse reports with more text than this many MB "
        "(default 2, or $KG_MAX_REPORT_MB; a real report is 10-50 KB).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes extracting reports in parallel "
                                      "(0: one per CPU). The output is the same for any number.")] = 1,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse each unchanged report's facts from "
                                        "OUT/.kg-cache.sqlite (keyed by the file's bytes and the extractor "
                                        "version), so adding reports only extracts the new ones.")] = True,
    formats: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="Also write the graph as these files, comma-separated: nt (N-Triples), "
        "nq (N-Quads) and trig (one named graph per report), jsonld. graph.ttl is always written.")] = None,
) -> None:
    """Build the graph from reports and write OUT/graph.ttl and OUT/graph.html.

    Reads .txt/.md (UTF-8, UTF-16, GBK), .docx, .pdf (text layer) and .html. Each file that
    cannot be read gets one line on stderr; the others are still built. Exit code: 0 every
    input was read, 1 some failed (or none could be read: then nothing is written), 2 usage
    error, 130 interrupted (the previous outputs are left as they were).

    Example: kg build seeds/ --out outputs/ --jobs 2
    """
    from kg.cache import CACHE_NAME
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    extra = [f.strip().lower().lstrip(".") for f in (formats or "").split(",") if f.strip()]
    from kg.pipeline import GRAPH_FORMATS
    if any(f not in GRAPH_FORMATS for f in extra):
        raise typer.BadParameter(f"choose from {', '.join(GRAPH_FORMATS)}", param_hint="--format")
    failures: list[str] = []

    def on_error(e: KGError) -> None:
        failures.append(str(e))
        _err(f"Error: {_one_line(str(e))}")

    def on_warning(e: KGError) -> None:
        _err(f"{'Note' if type(e).__name__ == 'Skipped' else 'Warning'}: {_one_line(str(e))}")

    old_term = _raise_on_sigterm()
    try:
        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True, disable=quiet or not sys.stderr.isatty()) as bar:
            task = bar.add_task("build", total=None)
            graph = kg.build(inputs, on_error=on_error, on_warning=on_warning, max_report_mb=max_report_mb,
                             exclude=[out], progress=lambda i, n: bar.update(task, completed=i, total=n),
                             jobs=jobs, cache=out / CACHE_NAME if cache else None)
        if graph.stats.reports == 0:
            _err(f"Error: no report could be read; nothing written to {_one_line(str(out))}")
            raise typer.Exit(1)
        kg.write(graph, out, formats=extra)
    except KeyboardInterrupt as e:
        done = "the new outputs were complete and are in place" if getattr(e, "kg_outputs_replaced", False) \
            else "the previous outputs are unchanged"
        _err(f"Interrupted: {done} ({_one_line(str(out))})")
        raise typer.Exit(130) from None
    finally:
        _restore_sigterm(old_term)
    if not quiet:
        s, st = graph.summary(), graph.stats
        _err(f"{s['reports']} reports, {s['townships']} townships, {s['regulations']} regulations "
             f"({st.unresolved_regulations} not in the national list), {s['mechanisms']} mechanisms, "
             f"{s['activities']} activities, {s['indicators']} indicators, {s['triples']} triples, "
             f"{st.seconds:.1f} s -> {out}")
    raise typer.Exit(1 if failures else 0)


def _one_line(message: str) -> str:
    """A message fit for one terminal line: control characters and undecodable bytes escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _raise_on_sigterm():
    """`kill` stops a build like Ctrl-C does, so temporary files are cleaned up."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _restore_sigterm(old) -> None:
    import signal

    if old is not None:
        signal.signal(signal.SIGTERM, old)


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit 1."""
    try:
        app()
    except KGError as e:
        _err(f"Error: {e}")
        sys.exit(1)
