"""Benchmark: the inquiry workbench on SQLite and PostgreSQL, and against Taguette.

Measures, on each database, with the model methods and functions the pages use:
- importing one 20,000-word interview (transcript_import.add_transcript_files, and the upload page
  through django.test.Client);
- adding a coding (Transcript.add_coding): median of 200 on a 100,000-word transcript;
- 1,000 transcripts of 10,000 words stored at once (Inquiry.add_transcripts);
- every passage for one code among 100,000 codings (retrieval.passages);
- the framework matrix for 200 participants × 100 codes (retrieval.framework_matrix).

Taguette runs from its own virtual environment (benchmarks/.taguette-env, created with
``python3 -m venv benchmarks/.taguette-env && benchmarks/.taguette-env/bin/pip install
'taguette==1.5.*'``) in single-user mode on a free port of 127.0.0.1 with a temporary
database; the script times its document upload and highlight requests over HTTP and always
stops it. Writes only the ``## Inquiry workbench`` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/inquiry_benchmarks.py [--skip-postgres] [--skip-taguette]

PostgreSQL: THRIVE_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/thrive_bench); the script creates and drops it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from common import machine, on_each_database, postgres_url, worker_result, write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Inquiry workbench"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench"
TAGUETTE = ROOT / "benchmarks" / ".taguette-env" / "bin" / "taguette"
WORKER_TIMEOUT = 1800
HTTP_TIMEOUT = 300

GOALS = {
    "coding_median_ms": 20.0,
    "bulk_s": 120.0,
    "passages_ms": 200.0,
    "matrix_ms": 1000.0,
}

SPEAKERS = ("Interviewer", "P07")
QUESTIONS = [
    "What was it like when you first came to the Hub?",
    "Can you tell me more about that?",
    "What helped most, looking back?",
    "Was there anything that made it harder?",
    "How are things different for you now?",
    "Who was with you through that time?",
]
SENTENCES = [
    "I was not sleeping much and I had stopped going out at all.",
    "My support worker rang every week, even when I did not pick up.",
    "The café group was the first place I felt I could just sit and be myself.",
    "Getting there on the bus was the worst part of it, honestly.",
    "After a few months I started volunteering on the Tuesday shift.",
    "Money was always a worry, the benefits letters made me panic.",
    "Having somewhere warm to go in the afternoon made a real difference.",
    "I think it was the peer supporter who understood, because she had been there.",
    "We talked about what I wanted, not just what the forms asked for.",
    "Some weeks I went backwards and nobody made me feel bad about it.",
    "My flat felt more like a home once the damp was sorted out.",
    "I learned to cook properly again, which sounds small but it was not.",
    "My daughter noticed the change before I did.",
    "There were days when I did not want to talk to anyone at all.",
    "The course gave me confidence to apply for the job at the garden centre.",
    "It helped that I could go at my own pace.",
]


def interview(words: int, seed: int) -> str:
    """A realistic-looking interview transcript of about the given number of words."""
    chance = random.Random(seed)
    turns, count = [], 0
    while count < words:
        question = chance.choice(QUESTIONS)
        turns.append(f"{SPEAKERS[0]}: {question}")
        answer = " ".join(chance.choice(SENTENCES) for _ in range(chance.randint(3, 9)))
        turns.append(f"{SPEAKERS[1]}: {answer}")
        count += len(question.split()) + len(answer.split()) + 2
    return "\n\n".join(turns) + "\n"


def as_html(text: str) -> bytes:
    """The same interview as HTML paragraphs (Taguette reads .txt only through Calibre)."""
    from html import escape

    body = "".join(f"<p>{escape(turn)}</p>\n" for turn in text.strip().split("\n\n"))
    page = f"<!DOCTYPE html><html><head><title>Interview</title></head><body>{body}</body></html>"
    return page.encode()


def text_length(text: str) -> int:
    """A safe upper bound for positions in Taguette's copy (turns without the blank lines)."""
    return sum(len(turn) for turn in text.strip().split("\n\n"))


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


# Thrive, in a fresh process per database -----------------------------------------------------


def run_worker(folder: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from thrive.inquiry import retrieval
    from thrive.inquiry.models import Code, Coding, Inquiry, Participant, Transcript
    from thrive.inquiry.transcript_import import add_transcript_files

    user, _ = get_user_model().objects.get_or_create(
        username="bench-coordinator", defaults={"role": "coordinator"}
    )
    results: dict[str, object] = {}

    # 1. One 20,000-word interview: service and upload page.
    inquiry = Inquiry.objects.create_inquiry("Benchmark: one interview", user=user)
    text20k = (folder / "interview-20k.txt").read_bytes()
    add_transcript_files(inquiry, [("warm-up.txt", b"P1: warm up.\n")], user=user)
    _, seconds = timed(add_transcript_files, inquiry, [("P07.txt", text20k)], None, user)
    results["upload_service_s"] = seconds
    client = Client()
    client.force_login(user)
    address = reverse("inquiry:upload", args=[inquiry.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    warm = client.post(address, {"files": SimpleUploadedFile("warm.txt", b"P1: warm up.\n")})
    assert warm.status_code == 302, warm.status_code
    durations = []
    for n in range(3):
        upload = SimpleUploadedFile(f"P07-{n}.txt", text20k)
        started = time.perf_counter()
        response = client.post(address, {"files": upload})
        durations.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    results["upload_view_s"] = statistics.median(durations)

    # 2. Adding codings on a 100,000-word transcript (and on a 1,000-word one).
    text100k = (folder / "interview-100k.txt").read_text()
    big = inquiry.add_transcript("Long interview", text100k, user=user)
    small = inquiry.add_transcript("Short interview", interview(1_000, 5), user=user)
    codes = [c for c in Code.objects.filter(inquiry=inquiry, codable=True)][:20]
    for name, transcript in (("coding_100k", big), ("coding_1k", small)):
        lean = Transcript.objects.defer("text").get(pk=transcript.pk)
        chance = random.Random(11)
        durations = []
        for _ in range(200):
            start = chance.randrange(0, lean.length - 400)
            end = start + chance.randint(20, 380)
            _, seconds = timed(lean.add_coding, chance.choice(codes), start, end, user, "")
            durations.append(seconds)
        results[f"{name}_median_ms"] = statistics.median(durations) * 1000
        results[f"{name}_p95_ms"] = sorted(durations)[int(len(durations) * 0.95)] * 1000
    # The coding page through the test client (parse, authorise, code, redirect).
    address = reverse("inquiry:coding_add", args=[inquiry.pk, big.pk])
    chance = random.Random(12)
    durations = []
    for _ in range(50):
        start = chance.randrange(0, big.length - 400)
        data = {"start": start, "end": start + 120, "codes": [chance.choice(codes).pk]}
        started = time.perf_counter()
        response = client.post(address, data)
        durations.append(time.perf_counter() - started)
        assert response.status_code in (200, 302), response.status_code
    results["coding_view_median_ms"] = statistics.median(durations) * 1000

    # 3. 1,000 transcripts of 10,000 words, stored at once.
    corpus = Inquiry.objects.create(title="Benchmark: corpus")
    participants = Participant.objects.bulk_create(
        Participant(
            inquiry=corpus, label=f"P{n:03d}", attributes={"age_band": f"{20 + n % 5 * 10}s"}
        )
        for n in range(1, 201)
    )
    texts = [interview(10_000, seed) for seed in range(1_000)]
    items = [(f"Interview {n:04d}", texts[n], participants[n % 200]) for n in range(1_000)]
    transcripts, seconds = timed(corpus.add_transcripts, items, user)
    results["bulk_s"] = seconds
    results["bulk_mb"] = sum(len(t.encode()) for t in texts) / 1e6

    # 4. 100,000 codings over 100 codes (10 groups of 10), then retrieval.
    groups = [
        Code.objects.create(inquiry=corpus, name=f"Code group {g}", codable=False)
        for g in range(10)
    ]
    leaves = Code.objects.bulk_create(
        Code(inquiry=corpus, parent=groups[t // 10], name=f"Code {t:03d}") for t in range(100)
    )
    ids = list(
        Transcript.objects.filter(inquiry=corpus).order_by("id").values_list("id", flat=True)
    )
    chance = random.Random(13)
    codings = []
    for n in range(100_000):
        index = n % 1_000
        text = texts[index]
        start = chance.randrange(0, len(text) - 400)
        end = start + chance.randint(40, 380)
        codings.append(
            Coding(
                transcript_id=ids[index],
                code=leaves[chance.randrange(100)],
                start=start,
                end=end,
                coder=user,
                quote=text[start:end],
            )
        )
    _, seconds = timed(Coding.objects.bulk_create, codings, batch_size=2_000)
    results["codings_insert_s"] = seconds
    del codings, texts, items, transcripts
    retrieval.passages(corpus, leaves[0])  # warm the connection and caches
    found, seconds = timed(retrieval.passages, corpus, leaves[42])
    results["passages_ms"] = seconds * 1000
    results["passages_rows"] = len(found)
    found, seconds = timed(retrieval.passages, corpus, groups[4])
    results["passages_group_ms"] = seconds * 1000
    results["passages_group_rows"] = len(found)
    matrix, seconds = timed(retrieval.framework_matrix, corpus)
    results["matrix_ms"] = seconds * 1000
    results["matrix_shape"] = f"{len(matrix.rows)} rows × {len(matrix.participants)} participants"
    limit, retrieval.QUOTE_CELL_LIMIT = retrieval.QUOTE_CELL_LIMIT, 10**9
    _, seconds = timed(retrieval.framework_matrix, corpus)
    retrieval.QUOTE_CELL_LIMIT = limit
    results["matrix_all_quotes_ms"] = seconds * 1000
    _, seconds = timed(retrieval.code_frequencies, corpus)
    results["frequencies_ms"] = seconds * 1000
    return results


def in_subprocess(folder: Path, env: dict[str, str]) -> dict:
    """Run the Thrive measurements in a fresh process (this script with --worker)."""
    command = [sys.executable, __file__, "--worker", str(folder)]
    return worker_result(command, env, cwd=ROOT, timeout=WORKER_TIMEOUT)


# Taguette ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TaguetteClient:
    """Talks to a running single-user Taguette like its browser page does (cookies, XSRF)."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.open("GET", f"/?token={token}")
        self.open("GET", "/project/new")

    @property
    def xsrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "_xsrf")

    def open(self, method: str, path: str, body: bytes | None = None, headers=None):
        request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.base + path, data=body, method=method, headers=headers or {}
        )
        with self.opener.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.geturl(), response.read()

    def new_project(self, name: str) -> int:
        body = urllib.parse.urlencode({"name": name, "description": "", "_xsrf": self.xsrf})
        url, _ = self.open("POST", "/project/new", body.encode())
        return int(re.search(r"/project/(\d+)", url).group(1))

    def upload(self, project: int, name: str, filename: str, data: bytes) -> tuple[int, float]:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in (("name", name), ("description", "")):
            disposition = f'Content-Disposition: form-data; name="{key}"'
            parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"'
            f"\r\nContent-Type: text/html\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-XSRFToken": self.xsrf,
        }
        started = time.perf_counter()
        _, reply = self.open(
            "POST", f"/api/project/{project}/document/new", b"".join(parts), headers
        )
        seconds = time.perf_counter() - started
        return json.loads(reply)["created"], seconds

    def highlight(self, project: int, document: int, start: int, end: int, tag: int) -> float:
        body = json.dumps({"start_offset": start, "end_offset": end, "tags": [tag]}).encode()
        headers = {"Content-Type": "application/json", "X-XSRFToken": self.xsrf}
        started = time.perf_counter()
        self.open(
            "POST", f"/api/project/{project}/document/{document}/highlight/new", body, headers
        )
        return time.perf_counter() - started

    def first_tag(self, project: int) -> int:
        _, page = self.open("GET", f"/project/{project}")
        found = re.search(rb'"tags":\s*\{\s*"(\d+)"', page) or re.search(rb'"id":\s*(\d+)', page)
        return int(found.group(1)) if found else 1


def run_taguette(folder: Path) -> dict:
    if not TAGUETTE.exists():
        raise SystemExit(f"Taguette is not installed at {TAGUETTE}; see the docstring.")
    version = subprocess.run(
        [str(TAGUETTE), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    port = free_port()
    home = folder / "taguette-home"
    home.mkdir()
    command = [
        str(TAGUETTE),
        "--no-browser",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--database",
        str(folder / "taguette.sqlite3"),
    ]
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "HOME": str(home)},
    )
    results: dict[str, object] = {
        "version": (version.stdout or version.stderr).strip().splitlines()[-1]
    }
    try:
        token = _token_from(server, timeout=60)
        client = TaguetteClient(f"http://127.0.0.1:{port}", token)
        project = client.new_project("Benchmark")
        tag = client.first_tag(project)
        text20k = (folder / "interview-20k.txt").read_text()
        text100k = (folder / "interview-100k.txt").read_text()
        client.upload(project, "Warm-up", "warm-up.html", as_html("P1: warm up.\n"))
        _, seconds = client.upload(project, "P07", "P07.html", as_html(text20k))
        results["upload_s"] = seconds
        big, seconds = client.upload(project, "Long", "long.html", as_html(text100k))
        results["upload_100k_s"] = seconds
        small, _ = client.upload(project, "Short", "short.html", as_html(interview(1_000, 5)))
        for name, document, length in (
            ("highlight_100k", big, text_length(text100k)),
            ("highlight_1k", small, text_length(interview(1_000, 5))),
        ):
            chance = random.Random(11)
            durations = []
            for _ in range(200):
                start = chance.randrange(0, length - 400)
                end = start + chance.randint(20, 380)
                durations.append(client.highlight(project, document, start, end, tag))
            results[f"{name}_median_ms"] = statistics.median(durations) * 1000
            results[f"{name}_p95_ms"] = sorted(durations)[int(len(durations) * 0.95)] * 1000
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
    return results


def _token_from(server: subprocess.Popen, timeout: float) -> str:
    found: list[str] = []
    seen: list[str] = []

    def read() -> None:
        for line in server.stdout:
            seen.append(line)
            match = re.search(r"token=([0-9a-f]+)", line)
            if match and not found:
                found.append(match.group(1))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not found and time.monotonic() < deadline and server.poll() is None:
        time.sleep(0.1)
    if not found:
        raise SystemExit("Taguette did not start:\n" + "".join(seen[-20:]))
    return found[0]


# Report --------------------------------------------------------------------------------------


def under(value: float, goal: float) -> str:
    return (
        f"yes, {goal / value:.1f}× under" if value < goal else f"**no**, {value / goal:.1f}× over"
    )


def report(results: dict, taguette: dict | None, command: str) -> str:
    info = machine()
    dbs = [name for name in ("SQLite", "PostgreSQL") if name in results]
    lines = [
        SECTION,
        "",
        "Server time of the inquiry workbench's heavy steps, measured through the service "
        "functions the pages use (and, where stated, through the page with Django's test "
        "client, which leaves out only the network). Each figure is one run after a small "
        "warm-up unless it says otherwise; between runs on this shared machine, figures varied "
        "by up to 2×.",
        "",
        f"- Command: `{command}`",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"{info['system']}",
        f"- Run on: {time.strftime('%Y-%m-%d')}",
    ]
    if taguette:
        lines.append(
            f"- Taguette: {taguette['version']} from PyPI in its own virtual environment "
            "(benchmarks/.taguette-env), single-user mode, SQLite, on 127.0.0.1; timed per "
            "HTTP request from this script."
        )
    lines += ["", "### Goals", "", "| measure | " + " | ".join(dbs) + " | goal | met |", "|---|"]
    lines[-1] += "---:|" * len(dbs) + "---|---|"

    def row(label: str, key: str, unit: str, goal: float | None, scale: float = 1.0) -> None:
        values = [results[db][key] * scale for db in dbs]
        shown = " | ".join(
            f"{v:,.1f} {unit}" if unit == "ms" else f"{v:,.2f} {unit}" for v in values
        )
        if goal is None:
            lines.append(f"| {label} | {shown} | — | — |")
        else:
            met = "; ".join(f"{db}: {under(v, goal)}" for db, v in zip(dbs, values, strict=True))
            lines.append(f"| {label} | {shown} | < {goal:g} {unit} | {met} |")

    row("Add a coding, 100,000-word transcript (median of 200)", "coding_100k_median_ms", "ms", 20)
    row("… 95th percentile", "coding_100k_p95_ms", "ms", None)
    row("Add a coding, 1,000-word transcript (median of 200)", "coding_1k_median_ms", "ms", None)
    row("Add a coding through the page (median of 50)", "coding_view_median_ms", "ms", None)
    first = results[dbs[0]]
    row(
        f"Store 1,000 transcripts of 10,000 words ({first['bulk_mb']:.0f} MB) at once",
        "bulk_s",
        "s",
        120,
    )
    row(
        f"Passages for one code among 100,000 codings ({first['passages_rows']:,} passages)",
        "passages_ms",
        "ms",
        200,
    )
    row(
        f"Passages for a group of 10 codes ({first['passages_group_rows']:,} passages)",
        "passages_group_ms",
        "ms",
        None,
    )
    row(
        f"Framework matrix, 200 participants × 100 codes ({first['matrix_shape']})",
        "matrix_ms",
        "ms",
        1000,
    )
    row(
        "… the same matrix with two quotes in every one of its 22,000 cells",
        "matrix_all_quotes_ms",
        "ms",
        None,
    )
    row("Frequencies (counts only), same corpus", "frequencies_ms", "ms", None)
    row("(setup) insert the 100,000 codings in bulk", "codings_insert_s", "s", None)
    lines += ["", "### Against Taguette", ""]
    if not taguette:
        lines.append("Taguette was not run.")
    else:
        lines += [
            "The same generated interview (speaker turns, 20,000 words; and 100,000 words for "
            "coding). Taguette 1.5 converts .txt files only through Calibre, which is not "
            "installed here, so it was given the same text as HTML paragraphs — its fastest "
            "path (no conversion process). Thrive was given the .txt file.",
            "",
            "| measure | Thrive " + " | Thrive ".join(dbs) + " | Taguette | Thrive faster by |",
            "|---|" + "---:|" * len(dbs) + "---:|---|",
        ]

        def versus(label: str, key: str, tkey: str, scale: float, unit: str) -> None:
            ours = [results[db][key] * scale for db in dbs]
            theirs = taguette[tkey] * scale
            fmt = (lambda v: f"{v:,.1f} {unit}") if unit == "ms" else (lambda v: f"{v:.3f} {unit}")
            ratio = "; ".join(f"{db}: {theirs / v:.1f}×" for db, v in zip(dbs, ours, strict=True))
            lines.append(
                f"| {label} | " + " | ".join(fmt(v) for v in ours) + f" | {fmt(theirs)} | {ratio} |"
            )

        versus("Import a 20,000-word interview (service)", "upload_service_s", "upload_s", 1, "s")
        versus("Import a 20,000-word interview (upload page)", "upload_view_s", "upload_s", 1, "s")
        versus(
            "Add a coding, 100,000-word document (median of 200)",
            "coding_100k_median_ms",
            "highlight_100k_median_ms",
            1,
            "ms",
        )
        versus(
            "Add a coding, 1,000-word document (median of 200)",
            "coding_1k_median_ms",
            "highlight_1k_median_ms",
            1,
            "ms",
        )
        lines += [
            "",
            "Taguette's upload of the 100,000-word document took "
            f"{taguette['upload_100k_s']:.2f} s. "
            "Its highlight time grows with the document "
            f"({taguette['highlight_1k_median_ms']:.1f} ms at 1,000 words, "
            f"{taguette['highlight_100k_median_ms']:.1f} ms at 100,000), because each highlight "
            "parses the whole document to cut out its snippet. Thrive's does not: it checks the "
            "span against the stored length and lets the database cut out the quote.",
        ]
    return "\n".join(lines) + "\n" + NOTES


NOTES = """
### How the goals are met

- **Passages and the matrix never join a coding to its transcript row.** On SQLite the
  columns after a transcript's long text sit behind its overflow pages, so a join per coding
  made the first matrix take 34.5 s. `retrieval` now reads the inquiry's transcripts once
  (served by the covering index `transcript_place_idx` on inquiry, participant and title) and
  selects codings with a subquery on transcript ids.
- **The matrix shows quotes while it can be read.** Up to 5,000 cells
  (`retrieval.QUOTE_CELL_LIMIT`) each cell holds its count and first two quotes. A matrix of
  200 participants × 110 codes has 22,000 cells: with two quotes in each it would be a page of
  tens of thousands of quotes, so cells hold counts, each linking to the passages of that code
  and participant. The row above it shows what building every quote would cost.
- **Adding a coding never reads the transcript text**: the span is checked against the stored
  length and the database cuts out the quote.
- **The upload page** is timed as the median of three uploads after a small warm-up upload;
  it also keeps the original file through Django's storage API.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-taguette", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="Print, do not edit the docs.")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_worker(Path(args.worker))))
        return
    command = ".venv/bin/python benchmarks/inquiry_benchmarks.py" + (
        " --skip-postgres" if args.skip_postgres else ""
    )
    taguette = None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "interview-20k.txt").write_text(interview(20_000, 1))
        (folder / "interview-100k.txt").write_text(interview(100_000, 2))
        results = on_each_database(
            lambda env: in_subprocess(folder, env), postgres_url(args.skip_postgres, DEFAULT_PG)
        )
        if not args.skip_taguette:
            taguette = run_taguette(folder)
            print("Taguette:", json.dumps(taguette), flush=True)
    text = report(results, taguette, command)
    print(text)
    if not args.no_write:
        write_section(DOC, SECTION, text)


if __name__ == "__main__":
    main()
