"""The `kg` command line: parses arguments, calls the library, renders results. Thin."""
from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

import kg
from kg.errors import KGError, NoReports

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
def _root(ctx: typer.Context,
          version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                          help="Print the version and exit.")] = None) -> None:
    if ctx.invoked_subcommand != "build":
        gc.enable()     # main() paused the collector for start-up; a build keeps it off (kg.pipeline.paused_gc)


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Report files or folders (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o",
                                      help="Output folder for graph.ttl and graph.html.")] = Path("outputs"),
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
    manifest: Annotated[Optional[Path], typer.Option(
        "--manifest", "-m", exists=True, dir_okay=False, help="A CSV (file,township,county,year or "
        "文件,乡镇,县级单位,年度) giving a report's township, county or year where its text lacks them; "
        "file is relative to the CSV's folder, an empty cell keeps what was found. Default: "
        "manifest.csv at the top of an input folder.")] = None,
) -> None:
    """Build the graph from reports and write OUT/graph.ttl and OUT/graph.html.

    Reads .txt/.md (UTF-8, UTF-16, GBK), .docx, .pdf (text layer) and .html. Each file that
    cannot be read gets one line on stderr; the others are still built. Files with the same
    text (a report saved as .txt and .docx) are counted once, with a note. Exit code: 0 every
    input was read, 1 some failed or a manifest row is bad (or none could be read: then
    nothing is written), 2 usage error, 130 interrupted (the previous outputs are left as
    they were).

    Example: kg build reports/ --out outputs/ --manifest reports/manifest.csv --jobs 2
    """
    extra = _graph_formats(out, formats)
    failures: list[str] = []
    old_term = _raise_on_sigterm()
    try:
        graph = _extract(inputs, out, failures, quiet=quiet, max_report_mb=max_report_mb, jobs=jobs,
                         cache=cache, manifest=manifest)
        if graph is None:
            _err(f"Error: no report could be read; nothing written to {_one_line(str(out))}")
            raise typer.Exit(1)
        kg.write(graph, out, formats=extra)
    except KeyboardInterrupt as e:
        done = "the new outputs were complete and are in place" if getattr(e, "kg_outputs_replaced", False) \
            else "the previous outputs are unchanged"
        _err(f"Interrupted: {done} ({_one_line(str(out))})")
        raise typer.Exit(130) from None
    except OSError as e:                 # disk full, a read-only or missing place: one line, old outputs kept
        where = e.filename or out
        _err(f"Error: cannot write to {_one_line(str(where))}: {e.strerror or e}; "
             "the previous outputs are unchanged")
        raise typer.Exit(1) from None
    finally:
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if not quiet:
        _summary(graph, out)
    raise typer.Exit(1 if failures else 0)


def _graph_formats(out: Path, formats: str | None) -> list[str]:
    """The extra graph formats of `kg build --format`, checked (and --out with them)."""
    from kg.pipeline import GRAPH_FORMATS

    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    extra = [f.strip().lower().lstrip(".") for f in (formats or "").split(",") if f.strip()]
    if any(f not in GRAPH_FORMATS for f in extra):
        raise typer.BadParameter(f"choose from {', '.join(GRAPH_FORMATS)}", param_hint="--format")
    return extra


def _extract(inputs: list[Path], out: Path, failures: list[str], *, quiet: bool, max_report_mb: float | None,
             jobs: int, cache: bool, manifest: Path | None) -> kg.KnowledgeGraph | None:
    """kg.build with a progress bar and a line per error (kept in `failures`) or warning; None: no report."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.cache import CACHE_NAME

    def on_error(e: KGError) -> None:
        failures.append(str(e))
        _err(f"Error: {_one_line(str(e))}")

    def on_warning(e: KGError) -> None:
        _err(f"{getattr(e, 'kind', 'Warning')}: {_one_line(str(e))}")

    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, disable=quiet or not sys.stderr.isatty()) as bar:
        task = bar.add_task("build", total=None)
        try:
            return kg.build(inputs, on_error=on_error, on_warning=on_warning, max_report_mb=max_report_mb,
                            exclude=[out], progress=lambda i, n: bar.update(task, completed=i, total=n),
                            jobs=jobs, cache=out / CACHE_NAME if cache else None, manifest=manifest)
        except NoReports:
            return None


def _summary(graph: kg.KnowledgeGraph, out: Path) -> None:
    """The summary line of a build, on stderr."""
    from kg.kinds import FACTS

    s, st = graph.summary(), graph.stats
    notes = {"regulation": f" ({st.unresolved_regulations} not in the national list)"}
    facts = ", ".join(f"{s[f.plural]} {f.plural}{notes.get(f.key, '')}" for f in FACTS)
    _err(f"{s['reports']} reports, {s['townships']} townships, {facts}, {s['triples']} triples, "
         f"{st.seconds:.1f} s -> {out}")


def _one_line(message: str) -> str:
    """A message fit for one terminal line: control characters and undecodable bytes escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _raise_on_sigterm():
    """`kill` stops a build like Ctrl-C does, so temporary files are cleaned up."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(
        help="SPARQL text, a .rq file, or the name of a shipped query (see --list).")] = None,
    graph: Annotated[Path, typer.Option("--graph", "-g",
                                        help="A build folder or a .ttl/.nq/.trig file.")] = Path("outputs"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json or xlsx (needs "
                                     "township-kg[xlsx]; with --output or stdout redirected).")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="Column names, and kinds and relations in the "
                                      "rows: en (as stored) or zh (乡镇, 法律, 引用 …).")] = "en",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", dir_okay=False,
                                                   help="Write the rows to this file instead of stdout.")] = None,
    store: Annotated[bool, typer.Option("--store/--no-store", help="Answer from the build's persistent store "
                                        "(OUT/.kg-store, made on the first query and remade when the build "
                                        "changes) instead of reading the build each time.")] = True,
    param: Annotated[Optional[list[str]], typer.Option(
        "--param", "-p", help="key=value for a $key in the query (repeatable); bound as an escaped literal. "
                              "A law, township, kind or relation may be written short "
                              "(宪法, 付店, 法律, 引用).")] = None,
    show: Annotated[bool, typer.Option("--show",
                                       help="Print the SPARQL with parameters bound instead of running it.")] = False,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the shipped queries, one per line.")] = False,
) -> None:
    """Run a SPARQL query over a built graph and print the rows.

    The first query of a build folder keeps its graph in OUT/.kg-store, so later ones answer
    in a fraction of a second; a rebuilt graph gets a new store.

    Example: kg query townships-citing-law --param law=中华人民共和国民法典 --graph outputs/ --lang zh
    """
    from kg import query as q

    if list_:
        for item in q.list_queries():
            params = " ".join(f"{k}={v}" for k, v in item.params.items())
            typer.echo(f"{item.name}\t{item.description}" + (f"  [{params}]" if params else ""))
        return
    sparql = _query_options(sparql, fmt, lang, output)
    chosen = q.load_query(sparql)
    values = q.parse_assignments(param)
    if show:
        typer.echo(chosen.render(values), nl=False)
        return
    # a value read another way (付店 → 付店镇), unknown or ambiguous: one line on stderr, exit 0
    rows = q.run(q.open_dataset(graph, persistent=store), chosen, values, on_note=lambda note: _err(str(note)))
    text = q.format_rows(rows, fmt, lang)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if output is not None:
        output.write_bytes(data)
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        typer.echo(text, nl=False)


def _query_options(sparql: str | None, fmt: str, lang: str, output: Path | None) -> str:
    """The query of `kg query`, its options checked."""
    from kg import query as q

    if not sparql:
        raise typer.BadParameter("give a query (SPARQL text, a .rq file or a shipped name; see --list)",
                                 param_hint="SPARQL")
    if fmt not in q.FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(q.FORMATS)}", param_hint="--format")
    if lang not in q.LANGS:
        raise typer.BadParameter(f"choose from {', '.join(q.LANGS)}", param_hint="--lang")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise typer.BadParameter("a workbook is binary: give --output FILE.xlsx or redirect stdout",
                                 param_hint="--format")
    return sparql


@app.command()
def serve(
    graph: Annotated[Path, typer.Option("--graph", "-g",
                                        help="A build folder or a .ttl/.nq/.trig file.")] = Path("outputs"),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 7878,
    host: Annotated[str, typer.Option("--host",
                                      help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1,
                                           help="Seconds a query may run before it is stopped.")] = 30.0,
) -> None:
    """Serve a built graph read-only: SPARQL 1.1 at /query, a query page at /, the graph page (关系图) at /graph.

    The graph page is the build folder's graph.html, read from disk per request; it is there
    only when --graph names a build folder that holds one.

    UPDATE and graph writes are refused (403), and so is SERVICE; each query runs in a process
    of its own, stopped after --timeout seconds or 256 MB of result. Stop with Ctrl-C.

    Example: kg serve --graph outputs/ --port 7878
    """
    from kg.query import open_graph
    from kg.query.serve import make_server

    g = open_graph(graph)
    page = graph / "graph.html" if graph.is_dir() and (graph / "graph.html").is_file() else None
    server = make_server(g, host, port, timeout_s=timeout, page=page)
    base = f"http://{host}:{server.server_port}"
    _err(f"SPARQL 查询接口 {base}/query，查询页 {base}/"
         + (f"，关系图 {base}/graph" if page else "")
         + "（只读；Ctrl-C 停止）")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.command()
def push(
    build_dir: Annotated[Path, typer.Argument(
        help="A build folder with graph.nq or graph.trig (kg build --format nq).")],
    store: Annotated[str, typer.Option("--store", help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")],
    timeout: Annotated[float, typer.Option("--timeout", min=1,
                                           help="Seconds each request may take, answer included.")] = 60.0,
    user: Annotated[Optional[str], typer.Option("--user", help="name:password for HTTP Basic auth "
                                                "(or $KG_STORE_USER, or the URL's user:password@).")] = None,
) -> None:
    """Load a build into a store over the SPARQL 1.1 Graph Store HTTP Protocol, one named graph per report.

    Each report graph is sent with HTTP PUT, which replaces it: pushing again never duplicates.
    Credentials travel as an Authorization header and are never printed.

    Example: kg push outputs/ --store http://127.0.0.1:7878/store
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.query.push import push as push_graphs
    from kg.query.push import shown_store

    # the bar is transient: an error (with its "k of n report graphs were replaced") prints after it
    with Progress(TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("push", total=None)
        done = push_graphs(build_dir, store, timeout=timeout, user=user,
                           progress=lambda i, n: bar.update(task, completed=i, total=n))
    _err(f"{done.graphs} report graphs, {done.triples} triples -> {shown_store(store)}")


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="A build folder or a .ttl/.nq/.trig file.")] = Path("outputs"),
    shapes: Annotated[Optional[Path], typer.Option("--shapes",
                                                   help="SHACL shapes (default ontology/shapes.ttl).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes checking parts of the graph "
                                      "in parallel (0: one per CPU). The result is the same for any number.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Check a build against the SHACL shapes; exit 1 when any shape is violated.

    A big build is checked in parts (each report graph with the nodes it points to), in
    parallel, with a progress bar on stderr; the problems are those of checking it whole.

    Example: kg validate outputs/ --jobs 2
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from kg.query import open_graph
    from kg.query.validate import validate as check

    with Progress(TextColumn("validating"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, disable=quiet or not sys.stderr.isatty()) as bar:
        task = bar.add_task("validate", total=None)
        report = check(open_graph(graph), shapes, jobs=jobs,
                       progress=lambda i, n: bar.update(task, completed=i, total=n))
    typer.echo(report.text(), nl=False)
    raise typer.Exit(1 if report.violations else 0)


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit 1."""
    gc.disable()    # start-up makes no cycles, just objects for the collector to walk: 1/5 of `kg build seeds/`
    try:
        app()
    except KGError as e:
        _err(f"Error: {e}")
        sys.exit(1)
