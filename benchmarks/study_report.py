"""Benchmark: `thrive report inquiry` on the demo inquiry and on a synthetic 200-participant one.

Each run is a fresh SQLite data folder: `thrive migrate`, `thrive demo`, then the synthetic
inquiry made from the demo's interviews (participant n speaks the words of demo participant
n mod 7, with the same coded passages; four in five approved their record), then the
command is timed from the shell, start-up included, writing HTML and PDF. Writes only the
``## Study report`` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/study_report.py [--participants 200] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Study report"
THRIVE = str(Path(sys.executable).parent / "thrive")
SYNTHETIC = "Synthetic study"
GOALS = {"demo": 10.0, "synthetic": 120.0}


def make_synthetic(participants: int) -> None:
    """Add the synthetic inquiry to the database the environment names (run as a child)."""
    import tomllib

    from thrive.lib.commands import setup_django

    setup_django()
    from django.db import transaction

    from thrive.demo.inquiry import demo_file, grow_themes
    from thrive.inquiry.core.starting_codebook import pole_name
    from thrive.inquiry.models import Coding, Inquiry, MemberCheck, Participant

    roster = {
        row["label"]: row for row in tomllib.loads(demo_file("participants.toml"))["participant"]
    }
    coded = tomllib.loads(demo_file("codings.toml"))["coding"]
    with transaction.atomic():
        inquiry = Inquiry.objects.create_inquiry(SYNTHETIC, aims="How long a large report takes.")
        codes = {code.name: code for code in inquiry.codes.all()}
        transcripts, codings = {}, []
        for n in range(participants):
            source = f"P{n % 7 + 1}"
            label = f"S{n + 1}"
            row = roster[source]
            participant = Participant.objects.create(
                inquiry=inquiry,
                label=label,
                attributes={k: v for k, v in row.items() if k not in ("label", "changes")},
                member_check=MemberCheck.APPROVED if n % 5 else MemberCheck.SENT,
            )
            text = demo_file(f"{source}.txt").replace(f"{source}:", f"{label}:")
            transcript = inquiry.add_transcript(f"Interview with {label}", text, participant)
            transcripts.setdefault(source, transcript)
            for passage in (c for c in coded if c["participant"] == source):
                start = text.index(passage["quote"])
                name = passage["code"]
                codings.append(
                    Coding(
                        transcript=transcript,
                        code=codes.get(pole_name(name, passage["valence"]), codes[name]),
                        start=start,
                        end=start + len(passage["quote"]),
                        quote=passage["quote"],
                    )
                )
        Coding.objects.bulk_create(codings)
        grow_themes(inquiry, transcripts, None)
    print(
        json.dumps(
            {
                "inquiry": inquiry.pk,
                "codings": Coding.objects.filter(transcript__inquiry=inquiry).count(),
            }
        )
    )


def thrive(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [THRIVE, *args], env={**os.environ, **env}, capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode:
        raise SystemExit(f"`thrive {' '.join(args)}` failed:\n{done.stderr[-3000:]}")
    return done


def timed_report(inquiry: str, out: Path, env: dict[str, str]) -> tuple[float, float, dict]:
    """Wall-clock and CPU seconds for `thrive report inquiry` (HTML and PDF), and the sizes
    it wrote; CPU time does not grow when others load the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = thrive("report", "inquiry", inquiry, "--out", str(out), "--json", env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files = json.loads(done.stdout.strip().splitlines()[-1])["files"]
    return seconds, cpu, {Path(f).suffix[1:]: Path(f).stat().st_size for f in files}


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def measure(participants: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {"THRIVE_DATA_DIR": folder, "DATABASE_URL": ""}
        thrive("migrate", env=env)
        thrive("demo", env=env)
        made = subprocess.run(
            [sys.executable, __file__, "--make-synthetic", str(participants)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        synthetic = json.loads(made.stdout.strip().splitlines()[-1])
        out = Path(folder) / "out"
        results = {}
        for name, inquiry in (
            ("demo", "What helps people thrive at the Hub"),
            ("synthetic", SYNTHETIC),
        ):
            seconds, cpu, sizes = timed_report(inquiry, out / name, env)
            pdf = next((out / name).glob("*.pdf"))
            results[name] = {
                "seconds": seconds,
                "cpu": cpu,
                "sizes": sizes,
                "pages": pdf_pages(pdf),
            }
        results["synthetic"]["codings"] = synthetic["codings"]
        return results


def section(results: dict, participants: int) -> str:
    info = machine()
    rows = []
    for name, what in (
        ("demo", "the demo inquiry (7 participants)"),
        (
            "synthetic",
            f"a synthetic inquiry of {participants} participants "
            f"({results['synthetic']['codings']:,} codings)",
        ),
    ):
        r = results[name]
        rows.append(
            f"| {what} | {r['seconds']:.1f} s | {r['cpu']:.1f} s | < {GOALS[name]:.0f} s "
            f"| {r['pages']} pages, "
            f"PDF {r['sizes']['pdf'] / 1024:.0f} KB, HTML {r['sizes']['html'] / 1024:.0f} KB |"
        )
    met = all(results[name]["seconds"] < goal for name, goal in GOALS.items())
    return "\n".join(
        [
            SECTION,
            "",
            "`thrive report inquiry INQUIRY --out DIR` writing the HTML and the PDF, timed from",
            "the shell (Python and Django start-up included) on a fresh SQLite data folder.",
            "",
            "Command:",
            "",
            "```",
            ".venv/bin/python benchmarks/study_report.py",
            "```",
            "",
            f"Machine: nproc {info['nproc']}, {info['cpu']}; Python {info['python']}; "
            f"{info['system']}; load average {os.getloadavg()[0]:.1f} when measured (the",
            "machine is shared, so these are upper bounds).",
            "",
            "| report | time | CPU time | goal | what it wrote |",
            "|---|---|---|---|---|",
            *rows,
            "",
            f"{'Both goals are met' if met else 'The goals are NOT both met'}.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--make-synthetic", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.make_synthetic:
        make_synthetic(args.make_synthetic)
        return
    results = measure(args.participants)
    text = section(results, args.participants)
    print(text)
    if not args.no_write:
        write_section(DOC, SECTION, text)


if __name__ == "__main__":
    main()
