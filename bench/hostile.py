"""Replay the hostile-world table of issue 15: one line per row, pass or FAIL.

    .venv/bin/python bench/hostile.py

Each row is one or more tests of the suite (the row's attack, run for real: a SERVICE query
against a live endpoint, a zip bomb among good reports, a worker killed with SIGKILL …);
this runs them in one pytest session and prints the outcome per row. Exit 0 when all pass.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVE, BAD, PUSH = "tests/query/test_serve.py::", "tests/test_bad_input.py::", "tests/query/test_push.py::"
ROWS = [
    ("1 SERVICE federated query (open proxy)", [SERVE + "test_serve_refuses_service_so_it_is_no_proxy"]),
    ("2 3,000 nested { } (parser SIGSEGV)", [SERVE + "test_serve_deeply_nested_query_is_a_400_and_the_server_lives",
                                              SERVE + "test_query_command_refuses_what_the_endpoint_refuses"]),
    ("3 wildcard CORS, Host unchecked", [SERVE + "test_serve_sends_no_wildcard_cors_and_answers_only_its_own_host"]),
    ("4 cartesian query: timeout, result cap",
     [SERVE + "test_serve_a_runaway_query_is_stopped_at_the_timeout_while_others_are_answered"]),
    ("5 file name not UTF-8", [BAD + "test_bad_input_file_name_that_is_not_utf8_builds_with_the_others"]),
    ("6 .docx with a 4 GiB zero image", [BAD + "test_bad_input_docx_bombs_are_one_line_in_seconds_good_reports_built[image]"]),
    ("7 .docx whose document.xml unpacks to 500 MB",
     [BAD + "test_bad_input_docx_bombs_are_one_line_in_seconds_good_reports_built[document]"]),
    ("8 quadratic scans (“”1件, 《甲乙丙丁)", ["tests/extract/test_extract_hostile_text.py"]),
    ("9 deeply nested web page with many links",
     ["tests/ingest/test_ingest_formats.py::test_html_deeply_nested_page_with_many_links_is_read_in_seconds"]),
    ("10 UTF-16 without BOM", ["tests/ingest/test_ingest_encodings.py::test_encoding_bomless_utf16_chinese_with_nul_bytes_is_read"]),
    ("11 a worker killed", ["tests/test_parallel.py::test_parallel_a_killed_worker_costs_only_its_report",
                            "tests/test_parallel.py::test_parallel_a_report_over_its_time_budget_is_one_error"]),
    ("12 corrupt build cache", ["tests/test_cache.py::test_cache_unusable_file_is_one_warning_and_the_build_goes_on"]),
    ("13 “法律进乡村” as a township",
     ["tests/extract/test_township.py::test_township_campaign_words_ending_like_a_suffix_name_no_township"]),
    ("14 disk full, --out not writable", [BAD + "test_bad_input_disk_full_while_writing_is_one_line_and_old_outputs_stay",
                                          BAD + "test_bad_input_out_that_cannot_be_a_folder_is_one_line"]),
    ("15 kg push credentials and deadlines",
     [PUSH + "test_push_credentials_in_the_url_are_sent_as_basic_auth_and_never_shown",
      PUSH + "test_push_failing_midway_says_how_many_graphs_were_replaced",
      PUSH + "test_push_a_trickling_store_is_cut_at_the_deadline"]),
    ("16 ESC/OSC in names and request lines",
     [BAD + "test_bad_input_escape_sequences_of_a_name_reach_neither_csv_nor_query_output",
      BAD + "test_bad_input_hostile_file_name_is_one_line_and_round_trips",
      SERVE + "test_serve_log_escapes_control_bytes_of_request_lines"]),
    ("17 temporary files a SIGKILL left", ["tests/test_determinism.py::test_determinism_sigkill_while_writing_leaves_previous_outputs"]),
    ("18 highlight after astral characters",
     ["tests/export/test_html_browser.py::test_html_browser_evidence_highlight_is_right_after_astral_characters"]),
    ("fuzz: adversarial patterns mixed", ["tests/test_properties.py::test_property_adversarial_patterns_extract_with_offsets_into_the_text"]),
]


def main() -> int:
    ids = [t for _, tests in ROWS for t in tests]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *ids],
                       cwd=ROOT, capture_output=True)
        outcome: dict[str, bool] = {}
        for case in ET.parse(report).iter("testcase"):
            failed = any(child.tag in ("failure", "error", "skipped") for child in case)
            outcome[f"{case.get('classname')}::{case.get('name')}"] = not failed
    ok_all = True
    for what, tests in ROWS:
        results = [ok for key, ok in outcome.items() if any(_matches(key, t) for t in tests)]
        ok = bool(results) and all(results)
        ok_all &= ok
        print(f"{'pass' if ok else 'FAIL'}  row {what}  ({len(results)} test{'s' * (len(results) != 1)})")
    return 0 if ok_all else 1


def _matches(junit_key: str, node_id: str) -> bool:
    """junit 'tests.query.test_serve::test_x[a]' against 'tests/query/test_serve.py::test_x[a]' or a file."""
    path, _, name = node_id.partition("::")
    module = path.removesuffix(".py").replace("/", ".")
    cls, _, case = junit_key.partition("::")
    return cls == module and (not name or case == name or case.startswith(name + "["))


if __name__ == "__main__":
    sys.exit(main())
