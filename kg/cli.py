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
) -> None:
    """Build the graph from reports and write OUT/graph.ttl and OUT/graph.html.

    Exit code 0 when every input was read, 1 when some failed (the rest are still built).

    Example: kg build seeds/ --out outputs/
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    failures: list[str] = []

    def on_error(e: KGError) -> None:
        failures.append(str(e))
        _err(f"Error: {e}")

    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=quiet or not sys.stderr.isatty()) as bar:
        task = bar.add_task("build", total=None)
        graph = kg.build(inputs, on_error=on_error,
                         progress=lambda i, n: bar.update(task, completed=i, total=n))
    kg.write(graph, out)
    if not quiet:
        s, st = graph.summary(), graph.stats
        _err(f"{s['reports']} reports, {s['townships']} townships, {s['regulations']} regulations "
             f"({st.unresolved_regulations} not in the national list), {s['mechanisms']} mechanisms, "
             f"{s['activities']} activities, {s['indicators']} indicators, {s['triples']} triples, "
             f"{st.seconds:.1f} s -> {out}")
    raise typer.Exit(1 if failures else 0)


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit 1."""
    try:
        app()
    except KGError as e:
        _err(f"Error: {e}")
        sys.exit(1)
