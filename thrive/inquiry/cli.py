"""`thrive inquiry`: start inquiries, add transcripts and read codes and passages from a shell."""

from __future__ import annotations

import json
from pathlib import Path

import click

from thrive.lib.commands import setup_django
from thrive.lib.progress import progress_bar, working


def inquiry_by_id(inquiry_id: int):
    from thrive.inquiry.models import Inquiry

    inquiry = Inquiry.objects.filter(pk=inquiry_id).first()
    if inquiry is None:
        raise click.ClickException(f"There is no inquiry {inquiry_id}; see `thrive inquiry list`.")
    return inquiry


def transcript_by_ref(target, transcript_ref: str):
    """A transcript of the inquiry by id or title, or a plain refusal."""
    transcripts = target.transcripts.all()
    found = transcripts.filter(pk=int(transcript_ref)) if transcript_ref.isdigit() else None
    transcript = (found or transcripts.filter(title=transcript_ref)).first()
    if transcript is None:
        raise click.ClickException(f"This inquiry has no transcript {transcript_ref}.")
    return transcript


@click.group(name="inquiry")
def inquiry() -> None:
    """Co-operative inquiries: transcripts, codes and coded passages."""


@inquiry.command()
@click.argument("title")
@click.option("--aims", default="", help="What the inquiry wants to learn.")
@click.option("--blank", is_flag=True, help="Start with no guide and an empty codebook.")
@click.option("--json", "as_json", is_flag=True, help='Print {"id": …} as JSON.')
def create(title: str, aims: str, blank: bool, as_json: bool) -> None:
    """Start an inquiry from the template guide and framework codebook; prints its id."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.models import Inquiry, InquiryError

    try:
        new = Inquiry.objects.create_inquiry(title, aims=aims, from_template=not blank)
    except InquiryError as error:
        raise click.ClickException(str(error)) from None
    record(None, Action.CREATE, "inquiry", new.pk, "command line")
    click.echo(json.dumps({"id": new.pk}) if as_json else str(new.pk))


@inquiry.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_inquiries(as_json: bool) -> None:
    """List inquiries with their participants, transcripts and codings."""
    setup_django()
    from django.db.models import Count, Q

    from thrive.inquiry.models import Coding, Inquiry, not_withdrawn

    rows = []
    for item in Inquiry.objects.annotate(
        participants_count=Count(
            "participants", filter=Q(participants__withdrawn_at__isnull=True), distinct=True
        ),
        transcripts_count=Count("transcripts", filter=not_withdrawn(), distinct=True),
    ).order_by("id"):
        rows.append(
            {
                "id": item.pk,
                "title": item.title,
                "created_at": item.created_at.isoformat(),
                "participants": item.participants_count,
                "transcripts": item.transcripts_count,
                "codings": Coding.objects.filter(transcript__inquiry=item).count(),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        click.echo("No inquiries yet; start one with `thrive inquiry create TITLE`.")
    for row in rows:
        click.echo(
            f"{row['id']:>4}  {row['title']}  ({row['participants']} participants, "
            f"{row['transcripts']} transcripts, {row['codings']} codings)"
        )


@inquiry.command(name="add-transcript")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument(
    "files",
    metavar="FILE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--participant",
    default=None,
    help="Label of the participant they belong to (added if new); "
    "otherwise files named like a participant (P3.docx) are theirs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new transcripts as JSON.")
def add_transcript(
    inquiry_id: int, files: tuple[Path, ...], participant: str | None, as_json: bool
) -> None:
    """Add transcript files; if any cannot be read, none is added."""
    setup_django()
    from django.db import transaction

    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.core.audio import is_audio
    from thrive.inquiry.core.formats import MAX_FILE_BYTES, TranscriptError
    from thrive.inquiry.models import InquiryError, Participant
    from thrive.inquiry.transcript_import import add_transcript_files

    target = inquiry_by_id(inquiry_id)
    if any(is_audio(path.name) for path in files):
        add_recordings(target, files, participant, as_json)
        return
    uploads = []
    for path in files:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise click.ClickException(f"{path.name} is larger than 5 MB; nothing was added.")
        uploads.append((path.name, path.read_bytes()))
    try:
        with working(f"Reading {len(uploads)} file(s)", quiet=as_json), transaction.atomic():
            owner = None
            if participant:
                owner, _ = Participant.objects.get_or_create(
                    inquiry=target, label=participant.strip()[:40]
                )
            added = add_transcript_files(target, uploads, owner)
    except (TranscriptError, InquiryError) as error:
        raise click.ClickException(f"{error} Nothing was added.") from None
    for transcript in added:
        record(None, Action.CREATE, "transcript", transcript.pk, "command line")
    if as_json:
        click.echo(
            json.dumps(
                [{"id": t.pk, "title": t.title, "characters": t.length} for t in added],
                ensure_ascii=False,
            )
        )
        return
    print_added(added)


def print_added(added: list, recorded: bool = False) -> None:
    for transcript in added:
        who = f" ({transcript.participant.label})" if transcript.participant else ""
        click.echo(f"Added {transcript.pk}: {transcript.title}{who}")
        if recorded:
            for segment in transcript.segments.order_by("position"):
                words = transcript.text[segment.text_start : segment.text_end]
                click.echo(f"  {segment.start_ms / 1000:7.1f}s  {segment.speaker}: {words}")


def bar_reporter(report, name: str):
    """Speech progress (seconds heard, of seconds, seconds left) moved onto a progress bar."""
    from thrive.inquiry.core.speech import said_time_left

    def show(done: float, total: float, left: float | None) -> None:
        report(round(done), max(1, round(total)), f"{name}: {said_time_left(left)}")

    return show


def add_recordings(target, files: tuple[Path, ...], participant: str | None, as_json: bool) -> None:
    """Transcribe recordings in this process with a progress bar, then store them all or none."""
    from django.db import transaction

    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.core.audio import AudioError, is_audio
    from thrive.inquiry.core.speech import SpeechError
    from thrive.inquiry.models import InquiryError, Participant
    from thrive.inquiry.recordings import hear, owner_for, size_problem, store_recording
    from thrive.lib.progress import progress_bar

    if not all(is_audio(path.name) for path in files):
        raise click.ClickException(
            "Add recordings on their own, apart from transcript documents; nothing was added."
        )
    heard = []
    try:
        for path in files:
            problem = size_problem(path.name, path.stat().st_size)
            if problem:
                raise AudioError(problem)
            data = path.read_bytes()
            with progress_bar(f"Transcribing {path.name}", quiet=as_json) as report:
                show = bar_reporter(report, path.name)
                heard.append((path.name, data, hear(path.name, data, show)))
        with transaction.atomic():
            owner = None
            if participant:
                owner, _ = Participant.objects.get_or_create(
                    inquiry=target, label=participant.strip()[:40]
                )
            added = [
                store_recording(target, name, data, words, owner_for(target, name, owner))
                for name, data, words in heard
            ]
    except (AudioError, SpeechError, InquiryError) as error:
        message = str(error)
        if not message.endswith("nothing was added."):
            message += " Nothing was added."
        raise click.ClickException(message) from None
    for transcript in added:
        record(None, Action.CREATE, "transcript", transcript.pk, "recording, command line")
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": t.pk,
                        "title": t.title,
                        "participant": t.participant.label if t.participant else None,
                        "segments": t.segments.count(),
                        "seconds": t.recording.duration_ms / 1000,
                        "speech_model": t.recording.speech_model,
                    }
                    for t in added
                ],
                ensure_ascii=False,
            )
        )
        return
    print_added(added, recorded=True)


@inquiry.command()
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the nested codebook as JSON.")
def codes(inquiry_id: int, as_json: bool) -> None:
    """The codebook as a tree, with how many passages each code holds."""
    setup_django()
    from thrive.inquiry.retrieval import code_tree, flatten

    tree = code_tree(inquiry_by_id(inquiry_id))
    if as_json:
        click.echo(json.dumps([node.as_dict() for node in tree], ensure_ascii=False))
        return
    for node in flatten(tree):
        click.echo(f"{'  ' * node.depth}{node.code.name}  [{node.direct}/{node.total}]")


@inquiry.command()
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print key themes > themes as JSON.")
def themes(inquiry_id: int, as_json: bool) -> None:
    """Key themes and their themes: valence, part of the tree, codes, participants, coders."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.themes import overview

    target = inquiry_by_id(inquiry_id)
    found = overview(target)
    record(None, Action.EXPORT, "inquiry", target.pk, "themes, command line")
    if as_json:
        click.echo(json.dumps(found.as_list(), ensure_ascii=False))
        return
    if not found.key_themes:
        click.echo("No themes yet; group codes into themes on the inquiry's Themes page.")
    for key in found.key_themes:
        for depth, node in ((0, key), *((1, child) for child in key.themes)):
            theme = node.theme
            indent = "  " * depth
            click.echo(
                f"{indent}{theme.name}  [{theme.get_valence_display().lower()}, "
                f"{theme.get_tree_part_display().lower()}]"
            )
            for path in node.codes:
                click.echo(f"{indent}  - {path}")
            if node.participants:
                click.echo(f"{indent}  participants: {', '.join(node.participants)}")


@inquiry.command()
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option("--code", "code_name", required=True, help="Code name, or path as A / B.")
@click.option("--participant", "labels", multiple=True, help="Only these participants.")
@click.option("--no-children", is_flag=True, help="Leave out the codes inside the code.")
@click.option("--json", "as_json", is_flag=True, help="Print passages as JSON.")
def passages(
    inquiry_id: int, code_name: str, labels: tuple[str, ...], no_children: bool, as_json: bool
) -> None:
    """Every passage coded with a code (and the codes inside it)."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.models import InquiryError
    from thrive.inquiry.retrieval import PassageFilter
    from thrive.inquiry.retrieval import passages as find_passages

    target = inquiry_by_id(inquiry_id)
    try:
        code = target.codes.find(code_name)
    except InquiryError as error:
        raise click.ClickException(str(error)) from None
    ids = tuple(target.participants.active().filter(label__in=labels).values_list("id", flat=True))
    if labels and not ids:
        raise click.ClickException("None of those participants is in this inquiry.")
    found = find_passages(target, code, PassageFilter(ids, (), (), not no_children))
    record(None, Action.EXPORT, "transcript", "", f"passages for code {code.pk}, command line")
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": p.coding_id,
                        "code": p.code_name,
                        "transcript": p.transcript_id,
                        "transcript_title": p.transcript_title,
                        "participant": p.participant_label,
                        "start": p.start,
                        "end": p.end,
                        "quote": p.quote,
                        "coder": p.coder,
                        "memo": p.memo,
                    }
                    for p in found
                ],
                ensure_ascii=False,
            )
        )
        return
    for p in found:
        click.echo(f"{p.participant_label or p.transcript_title} [{p.start}-{p.end}] {p.quote}")


@inquiry.command()
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument("label", metavar="PARTICIPANT")
@click.option("--now", is_flag=True, help="Erase them at once instead of after the grace period.")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def withdraw(inquiry_id: int, label: str, now: bool, as_json: bool) -> None:
    """Withdraw a participant: their words leave every page and export at once, and are
    erased after THRIVE_WITHDRAWAL_GRACE_DAYS (or at once with --now)."""
    setup_django()
    from thrive.inquiry.models import InquiryError, WithdrawnBy

    target = inquiry_by_id(inquiry_id)
    participant = target.participants.filter(label=label.strip()).first()
    if participant is None:
        raise click.ClickException(
            f"There is no participant {label!r} in this inquiry; nothing was changed."
        )
    try:
        erased = participant.withdraw(now=now, via=WithdrawnBy.COMMAND)
    except InquiryError as error:
        raise click.ClickException(str(error)) from None
    due = None if erased else participant.erasure_due_at
    if as_json:
        payload = {
            "inquiry": target.pk,
            "participant": label.strip(),
            "withdrawn_at": participant.withdrawn_at.isoformat(),
            "erased": erased,
            "erasure_due": due.isoformat() if due else None,
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    elif erased:
        click.echo(f"Withdrew {participant.label} and erased everything they said, for good.")
    else:
        click.echo(
            f"Withdrew {participant.label}: their words are hidden from every page and export "
            f"now, and `thrive housekeeping` erases them on or after {due:%Y-%m-%d %H:%M}."
        )


@inquiry.command(name="member-check")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument("label", metavar="PARTICIPANT")
@click.option("--days", type=click.IntRange(1, 365), help="How long the link works (default 28).")
@click.option("--json", "as_json", is_flag=True, help='Print {"url": ..., "expires": ...}.')
def member_check(inquiry_id: int, label: str, days: int | None, as_json: bool) -> None:
    """Send a participant a new private link to check their record (older links stop working)."""
    setup_django()
    from django.conf import settings
    from django.urls import reverse

    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.models import MemberCheckLink

    target = inquiry_by_id(inquiry_id)
    participant = target.participants.active().filter(label=label.strip()).first()
    if participant is None:
        raise click.ClickException(
            f"There is no participant {label!r} taking part in this inquiry; nothing was sent."
        )
    link = MemberCheckLink.issue(participant, days=days)
    url = settings.THRIVE_BASE_URL + reverse("member_check:page", args=[link.token()])
    record(None, Action.CREATE, "participant", participant.pk, "member-check link (command)")
    if as_json:
        click.echo(json.dumps({"url": url, "expires": link.expires_at.isoformat()}))
    else:
        click.echo(f"{url}\nWorks until {link.expires_at:%Y-%m-%d %H:%M}.")


@inquiry.command(name="status")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print each participant's status as JSON.")
def status(inquiry_id: int, as_json: bool) -> None:
    """Each participant's member check: status, dates and open tasks."""
    setup_django()
    from thrive.inquiry.models import status_board

    def when(value) -> str | None:
        return value.isoformat() if value else None

    rows = [
        {
            "participant": row["label"],
            "status": row["status"],
            "sent": when(row["sent"]),
            "opened": when(row["opened"]),
            "expires": when(row["expires"]),
            "revoked": when(row["revoked"]),
            "last_answer": when(row["last_answer"]),
            "approved": when(row["approved"]),
            "withdrawn": when(row["withdrawn"]),
            "open_tasks": row["open_tasks"],
        }
        for row in status_board(inquiry_by_id(inquiry_id))
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        tasks = f", {row['open_tasks']} open task(s)" if row["open_tasks"] else ""
        click.echo(f"{row['participant']:<12} {row['status']}{tasks}")


@inquiry.command(name="export")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["qdpx", "qdc"]),
    default="qdpx",
    show_default=True,
    help="qdpx: the whole project; qdc: the codebook only.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write.",
)
@click.option(
    "--without-audio",
    is_flag=True,
    help="Leave recordings' audio files out; their transcripts keep their times.",
)
def export_inquiry(inquiry_id: int, fmt: str, out: Path, without_audio: bool) -> None:
    """Export an inquiry as a REFI-QDA project (.qdpx) or its codebook (.qdc)."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry import refi_projects as exchange
    from thrive.inquiry.core.refi import RefiError

    target = inquiry_by_id(inquiry_id)
    try:
        data = (
            exchange.project_qdpx(target, with_audio=not without_audio)
            if fmt == "qdpx"
            else exchange.codebook_qdc(target)
        )
    except RefiError as error:
        raise click.ClickException(str(error)) from None
    out.write_bytes(data)
    if fmt == "qdpx":
        audio = ", audio left out" if without_audio else ""
        record(None, Action.EXPORT, "inquiry", target.pk, f"REFI-QDA project, command line{audio}")
        for warning in exchange.export_warnings(target):
            click.echo(f"Note: {warning}", err=True)
    click.echo(f"Wrote {out} ({len(data):,} bytes).")


@inquiry.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="Title for the new inquiry (default: the project's).")
@click.option("--json", "as_json", is_flag=True, help="Print id, warnings and conventions as JSON.")
@click.option(
    "--accept-misplaced",
    is_flag=True,
    help="Import even when selections quote words not at their positions (with a warning).",
)
def import_inquiry(file: Path, title: str | None, as_json: bool, accept_misplaced: bool) -> None:
    """Import a REFI-QDA project (.qdpx, or a .qde with Sources beside it) as a new inquiry."""
    setup_django()
    from thrive.inquiry import refi_projects as exchange
    from thrive.inquiry.core.refi import RefiError

    if file.stat().st_size > exchange.MAX_IMPORT_BYTES:
        raise click.ClickException(f"{file.name} is larger than 100 MB; nothing was imported.")
    try:
        data = _with_sources(file) if file.suffix.lower() == ".qde" else file.read_bytes()
        with working(f"Importing {file.name}", quiet=as_json):
            new, warnings, conventions = exchange.import_project(
                data, user=None, title=title, misplaced_ok=accept_misplaced
            )
    except RefiError as error:
        raise click.ClickException(str(error)) from None
    transcripts = list(new.transcripts.values("id", "title", "imported_offsets"))
    if as_json:
        payload = {
            "id": new.pk,
            "warnings": warnings,
            "conventions": conventions,
            "transcripts": transcripts,
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    click.echo(str(new.pk))
    for warning in warnings:
        click.echo(f"Warning: {warning}")
    for message in exchange.position_messages(new):
        click.echo(message)


def _with_sources(qde: Path) -> bytes:
    """A bare .qde packed with the Sources folder beside it; a RefiError says what is missing."""
    from thrive.inquiry.core.refi import RefiError, packed_project

    folders = [p for p in qde.parent.iterdir() if p.is_dir() and p.name.lower() == "sources"]
    if not folders:
        raise RefiError(
            f"{qde.name} is a project description on its own; Thrive needs the Sources folder "
            f"the other tool wrote beside it, and there is none in {qde.parent}."
        )
    files = {p.name: p.read_bytes() for p in folders[0].iterdir() if p.is_file()}
    return packed_project(qde.read_bytes(), files)


@inquiry.command(name="agreement")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option(
    "--coders",
    default="",
    help="Coders to compare, by username or the name an imported file gave them, "
    "comma-separated (default: everyone who coded).",
)
@click.option(
    "--unit",
    type=click.Choice(["character", "passage"]),
    default="character",
    show_default=True,
    help="Compare character by character, or by speaker turn (paragraph without turns).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def agreement_command(inquiry_id: int, coders: str, unit: str, as_json: bool) -> None:
    """Agreement between coders per code and overall: agreement, Cohen's kappa, Krippendorff's
    alpha. A figure that is not defined is null, with the reason in "notes"."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry import agreement
    from thrive.inquiry.core.agreement import AgreementError
    from thrive.inquiry.models import InquiryError

    target = inquiry_by_id(inquiry_id)
    try:
        if coders.strip():
            chosen = agreement.find_coders(target, [n for n in coders.split(",") if n.strip()])
        else:
            chosen = agreement.coders_of(target)
        result = agreement.compare(target, chosen, unit)
    except (InquiryError, AgreementError) as error:
        raise click.ClickException(str(error)) from None
    record(None, Action.VIEW, "inquiry", target.pk, "agreement between coders, command line")
    data = agreement.as_json(result, chosen)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return

    def shown(figures: dict, name: str) -> str:
        value = figures[name]
        return f"{value:.3f}" if value is not None else "not defined"

    click.echo(f"{len(chosen)} coders, by {unit}, {data['transcripts']} transcripts compared")
    for row in [*data["codes"], {**data["overall"], "code": "Overall"}]:
        click.echo(
            f"{row['code']}: agreement {shown(row, 'agreement')}, "
            f"kappa {shown(row, 'kappa')}, alpha {shown(row, 'alpha')}"
        )


@inquiry.command(name="vectors")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"inquiry", "model", "computed", "passages"} as JSON.',
)
def vectors(inquiry_id: int, as_json: bool) -> None:
    """Get an inquiry ready for search by meaning; only new or changed passages are read."""
    setup_django()
    from thrive.inquiry import meaning
    from thrive.inquiry.models import PassageVector

    found = inquiry_by_id(inquiry_id)
    model = meaning.text_model()
    with progress_bar(f"Reading passages with {model.name}", quiet=as_json) as report:
        computed = meaning.refresh_vectors(
            found, lambda done, total: report(done, total, "Reading passages")
        )
    ready = PassageVector.objects.filter(inquiry=found, model=model.name).count()
    if as_json:
        data = {"inquiry": found.pk, "model": model.name, "computed": computed, "passages": ready}
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(
        f"Read {computed} new or changed passage{'s' if computed != 1 else ''} with "
        f"{model.name}; {ready} passage{'s' if ready != 1 else ''} of “{found.title}” "
        f"{'are' if ready != 1 else 'is'} ready for search by meaning."
    )


@inquiry.command(name="import-codebook")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_codebook(inquiry_id: int, file: Path) -> None:
    """Merge a REFI-QDA codebook (.qdc) into an inquiry's codebook by code path; never removes."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry import refi_projects as exchange
    from thrive.inquiry.core.refi import RefiError

    target = inquiry_by_id(inquiry_id)
    if file.stat().st_size > exchange.MAX_CODEBOOK_BYTES:
        raise click.ClickException(f"{file.name} is larger than 5 MB; nothing was imported.")
    try:
        added, updated, warnings = exchange.import_codebook_qdc(target, file.read_bytes())
    except RefiError as error:
        raise click.ClickException(str(error)) from None
    record(None, Action.CHANGE, "inquiry", target.pk, f"codebook imported from {file.name}")
    click.echo(f"{added} code{'s' if added != 1 else ''} added, {updated} updated.")
    for warning in warnings:
        click.echo(f"Warning: {warning}")


@inquiry.command(name="code")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument("transcript_ref", metavar="TRANSCRIPT")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("code_name", metavar="CODE")
@click.option("--user", "username", default=None, help="Credit the coding to this account.")
@click.option("--memo", default="", help="A memo on the coding.")
def code_passage(
    inquiry_id: int,
    transcript_ref: str,
    start: int,
    end: int,
    code_name: str,
    username: str | None,
    memo: str,
) -> None:
    """Code the passage [START, END) of a transcript (by id or title), counted in characters."""
    setup_django()
    from django.contrib.auth import get_user_model

    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.models import InquiryError

    target = inquiry_by_id(inquiry_id)
    transcript = transcript_by_ref(target, transcript_ref)
    coder = None
    if username:
        coder = get_user_model().objects.filter(username=username, is_active=True).first()
        if coder is None:
            raise click.ClickException(f"There is no active account {username}.")
    try:
        coding = transcript.add_coding(target.codes.find(code_name), start, end, coder, memo)
    except InquiryError as error:
        raise click.ClickException(str(error)) from None
    record(None, Action.CREATE, "coding", coding.pk, "command line", user=coder)
    click.echo(f"{coding.pk}: {coding.quote}")


@inquiry.command(name="suggest")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.option("--transcript", "title", default=None, help="Only this transcript (by title).")
@click.option(
    "--evaluate",
    is_flag=True,
    help="Instead, measure suggestions leave-one-participant-out against the team's coding.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def suggest(inquiry_id: int, title: str | None, evaluate: bool, as_json: bool) -> None:
    """Suggested codes for every uncoded passage, learnt from the inquiry's own coding (nothing
    is coded); passages' missing vectors are computed first, on this machine."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry import suggestions
    from thrive.inquiry.meaning import refresh_vectors

    target = inquiry_by_id(inquiry_id)
    transcript = None
    if title is not None:
        transcript = target.transcripts.filter(title=title).first()
        if transcript is None:
            raise click.ClickException(f"This inquiry has no transcript called {title!r}.")
    with progress_bar("Reading passages", quiet=as_json) as report:
        refresh_vectors(target, lambda done, total: report(done, total, "Reading passages"))
        if evaluate:
            figures = suggestions.evaluate(target)
    if evaluate:
        record(None, Action.VIEW, "inquiry", target.pk, "suggestions measured, command line")
        if as_json:
            click.echo(json.dumps(figures, ensure_ascii=False))
            return
        click.echo(suggestions.evaluation_line(figures, blind=False))
        for row in [*figures["codes"], {**figures["overall"], "code": "Overall"}]:
            kappa = "not defined" if row["kappa"] is None else f"{row['kappa']:.3f}"
            alpha = "not defined" if row["alpha"] is None else f"{row['alpha']:.3f}"
            click.echo(f"{row['code']}: kappa {kappa}, alpha {alpha}")
        return
    rows = suggestions.as_json(target, transcript)
    record(None, Action.VIEW, "inquiry", target.pk, "suggestions, command line")
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    offered = [row for row in rows if row["suggestions"]]
    click.echo(f"{len(offered)} of {len(rows)} uncoded passages have suggestions.")
    for row in offered:
        codes = ", ".join(f"{s['code']} ({s['score']:.2f})" for s in row["suggestions"])
        click.echo(f"{row['transcript']} {row['start']}–{row['end']}: {codes}")


@inquiry.command(name="export-subtitles")
@click.argument("inquiry_id", metavar="INQUIRY", type=int)
@click.argument("transcript_ref", metavar="TRANSCRIPT")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["vtt", "srt"]),
    default="vtt",
    show_default=True,
    help="vtt: WebVTT; srt: SubRip.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: print the subtitles).",
)
def export_subtitles(inquiry_id: int, transcript_ref: str, fmt: str, out: Path | None) -> None:
    """Export a timed transcript (by id or title) as WebVTT or SubRip subtitles."""
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.inquiry.timed import subtitle_file

    transcript = transcript_by_ref(inquiry_by_id(inquiry_id), transcript_ref)
    if not transcript.segments.exists():
        raise click.ClickException(f"{transcript.title} has no times to export as subtitles.")
    data = subtitle_file(transcript, fmt)
    record(None, Action.EXPORT, "transcript", transcript.pk, f"{fmt}, command line")
    if out is None:
        click.echo(data, nl=False)
        return
    out.write_text(data, encoding="utf-8")
    click.echo(f"Wrote {out} ({transcript.segments.count():,} cues).")
