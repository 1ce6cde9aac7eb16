"""The command line. Glue only: parse options, call one core function, render, choose the exit code.

Exit codes: 0 fine, 1 problems found (or refused input), 2 usage or I/O error.
"""


import datetime as dt
import gc
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from tracker.formats import Fmt
from tracker.i18n import Lang

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="tracker: the work-safety key task list (鄂州市安全生产治本攻坚三年行动重点工作清单) and its progress.",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ProblemFmt(str, Enum):
    TEXT = "text"
    JSON = "json"


@dataclass
class Options:
    root: Path | None
    lang: Lang
    cache: bool = True


def _fail(message: str, code: int = EXIT_USAGE, hint: str = "") -> NoReturn:
    from tracker.escape import terminal

    typer.echo(terminal(f"tracker: {message}"), err=True)
    if hint:
        typer.echo(terminal(f"    hint: {hint}"), err=True)
    raise typer.Exit(code)


def _opts(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    assert isinstance(obj, Options)
    return obj


def _root(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from tracker.repo import NoRoot, find_root

    try:
        return find_root(explicit=_opts(ctx).root)
    except NoRoot as exc:
        _fail(str(exc), hint="run tracker inside a tracking folder, pass --root DIR, or create one with "
                             "`tracker init`")


def _catalog(ctx: typer.Context):  # type: ignore[no-untyped-def]
    """Load and check the catalog; stop with the problems when it has errors."""
    from tracker.dates import today_cst
    from tracker.render import problems_text
    from tracker.validate import load_checked

    checked = load_checked(_root(ctx), today_cst(), with_progress=False, use_cache=_opts(ctx).cache)
    if checked.catalog is None or checked.errors:
        typer.echo(problems_text(checked.errors), err=True, nl=False)
        _fail("the task list has errors; fix them first (see `tracker validate`)", EXIT_PROBLEMS)
    return checked.catalog


def _pairs(ctx: typer.Context, cat: Any, day: dt.date, unit: str | None = None) -> Any:
    """Every expected pair's state as of ``day``, reading progress files one at a time (through the cache
    unless --no-cache). Files with errors are reported on stderr; their faulty records are left out."""
    from tracker.dates import today_cst
    from tracker.report import stream_pairs
    from tracker.validate import iter_progress

    errors = 0

    def counted() -> Any:
        nonlocal errors
        only = None if unit is None else [unit]
        for prog in iter_progress(_root(ctx), cat, today_cst(), use_cache=_opts(ctx).cache, only=only):
            errors += sum(p.level == "error" for p in prog.problems)
            yield prog

    pairs = stream_pairs(cat, counted(), day, unit=unit)
    if errors:
        typer.echo(f"tracker: warning: {errors} error(s) in progress files; records with errors are left out "
                   "(see `tracker validate`)", err=True)
    return pairs


def _emit(text: str) -> None:
    sys.stdout.write(text)


def _width() -> int:
    """Tables fit the terminal they are shown in; written to a file or a pipe, they get 200 columns."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((120, 24)).columns
    return 200


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[Path | None, typer.Option(help="Tracking folder (default: found from here upward).",
                                                 file_okay=False)] = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels and notices.")] = Lang.ZH,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every progress file, ignoring the derived "
                                           "cache (kept in .git/tracker-cache/ or ~/.cache/tracker/).")] = False,
) -> None:
    """Global options."""
    ctx.obj = Options(root, lang, not no_cache)


@app.command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    format: Annotated[ProblemFmt, typer.Option("--format", "-f", case_sensitive=False)] = ProblemFmt.TEXT,
) -> None:
    """Check tasks.yaml, units.yaml and every progress file; print each problem with file:line:col."""
    from tracker.dates import today_cst
    from tracker.problems import has_errors
    from tracker.render import problems_json, problems_text
    from tracker.validate import load_checked

    checked = load_checked(_root(ctx), today_cst(), use_cache=_opts(ctx).cache)
    _emit(problems_json(checked.problems) if format is ProblemFmt.JSON else problems_text(checked.problems))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(checked.problems, strict) else EXIT_OK)


@app.command()
def tasks(
    ctx: typer.Context,
    action: Annotated[int | None, typer.Option(help="Only this action (1–10).")] = None,
    unit: Annotated[str | None, typer.Option(help="Only tasks this unit reports on (id, name or alias).")]
    = None,
    goals: Annotated[bool, typer.Option(help="Include the overall and stage goals.")] = False,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """List the tasks with their action, responsible units, deadline, cadence and target."""
    from tracker.render import render_table
    from tracker.views import tasks_table

    cat = _catalog(ctx)
    if action is not None and action not in cat.actions:
        _fail(f"no action {action}", hint=f"actions are 1–{len(cat.actions)}")
    items = [i for i in cat.items.values() if goals or i.kind == "task"]
    if action is not None:
        items = [i for i in items if i.action == action]
    if unit is not None:
        uid = _unit_id(cat, unit)
        items = [i for i in items if uid in cat.reporters(i) or uid in i.units + i.groups]
    _emit(render_table(tasks_table(cat, items, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command()
def units(
    ctx: typer.Context,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """List every responsible unit and collective name, with aliases, members and task count."""
    from tracker.render import render_table
    from tracker.views import units_table

    cat = _catalog(ctx)
    _emit(render_table(units_table(cat, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command()
def show(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """All that is known of one task: text, action, key work, units, deadline, cadence, target, notes."""
    from tracker.render import render_pairs, to_json
    from tracker.views import item_record, show_lines

    cat = _catalog(ctx)
    item = cat.items.get(_item_id(cat, task))
    assert item is not None
    if format is Fmt.JSON:
        _emit(to_json(item_record(cat, item)))
    else:
        _emit(render_pairs(show_lines(cat, item, _opts(ctx).lang), _width()))


def _date_option(text: str | None, what: str, code: int = EXIT_USAGE) -> dt.date:
    from tracker.dates import today_cst
    from tracker.inputs import BadInput, date

    if text is None:
        return today_cst()
    try:
        return date(text)
    except BadInput as exc:
        _fail(f"{what}: {exc}", code)


def _interactive() -> bool:
    """Ask for missing fields only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(what: str, choices: list[str] | None = None, *, strict: bool = True) -> str:
    """Prompt for a missing field, showing the choices; without a terminal, a missing field is an error."""
    if not _interactive():
        _fail(f"missing --{what}", EXIT_PROBLEMS, f"pass --{what}, or run at a terminal to be asked")
    prompt = f"{what} [{' / '.join(choices)}]" if choices else what
    while True:
        answer = str(typer.prompt(prompt)).strip()
        if answer and (not choices or not strict or answer in choices):
            return answer
        typer.echo(f"choose one of: {', '.join(choices or [])}", err=True)


def _notice(text: str) -> None:
    if text:
        typer.echo(f"note: {text}", err=True)


def _refused(exc: Exception) -> NoReturn:
    from tracker.render import refusal_text

    typer.echo(refusal_text(str(exc), getattr(exc, "problems", [])), err=True, nl=False)
    raise typer.Exit(EXIT_PROBLEMS)


def _item_and_unit(cat: Any, task: str, unit: str | None) -> tuple[Any, str]:
    """The item named on the command line and the unit: given, or asked for at a terminal."""
    item = cat.items[_item_id(cat, task)]
    return item, _unit_id(cat, unit if unit is not None else _ask("unit", list(cat.reporters(item)), strict=False))


def _append(ctx: typer.Context, cat: Any, unit: str, values: dict[str, object], done: str) -> None:
    """Check and append one record to the unit's file; a refusal prints why and changes nothing."""
    from tracker.dates import today_cst
    from tracker.store import Refused, append_record

    root = _root(ctx)
    values.setdefault("by", _who(root.path, None))
    try:
        written = append_record(root, cat, unit, values, today_cst())
    except Refused as exc:
        _refused(exc)
    typer.echo(f"{done} {written.record.id} in {root.rel(written.path)}", err=True)


def _who(root_path: Path, by: str | None) -> str:
    if by:
        return by
    import getpass

    from tracker.gitio import user_name

    return user_name(root_path) or getpass.getuser()


@app.command()
def record(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    unit: Annotated[str | None, typer.Option(help="Your unit: id, name or alias.")] = None,
    status: Annotated[str | None, typer.Option(help="not-started, in-progress, done, blocked (or 未启动, 推进中, "
                                                    "已完成, 受阻).")] = None,
    percent: Annotated[str | None, typer.Option(help="0–100 (８０％ is read as 80).")] = None,
    value: Annotated[str | None, typer.Option(help="The figure for a quantified target, e.g. 96.5.")] = None,
    note: Annotated[str | None, typer.Option(help="What was done; required when blocked.")] = None,
    evidence: Annotated[list[str] | None, typer.Option(help="A file name or link of 佐证材料; repeatable.")]
    = None,
    date: Annotated[str | None, typer.Option(help="Date of the progress (default: today, China time).")] = None,
    by: Annotated[str | None, typer.Option(help="Who records (default: git user.name).")] = None,
) -> None:
    """Record a unit's progress on a task. Checked first; a refused entry changes nothing."""
    from tracker.inputs import BadInput, progress_values
    from tracker.inputs import status as parse_status
    from tracker.model import Status

    cat = _catalog(ctx)
    item, uid = _item_and_unit(cat, task, unit)
    try:
        words = [*(s.value for s in Status), "未启动", "推进中", "已完成", "受阻"]
        st = parse_status(status if status is not None else _ask("status", words))
        if percent is None and st in (Status.IN_PROGRESS, Status.BLOCKED):
            percent = _ask("percent")
        if note is None and st is Status.BLOCKED:
            note = _ask("note")
        values, notices = progress_values(item, st, percent, value, note, evidence or [],
                                          _date_option(date, "--date", EXIT_PROBLEMS), by)
    except BadInput as exc:
        _fail(str(exc), EXIT_PROBLEMS)
    for notice in notices:
        _notice(notice)
    _append(ctx, cat, uid, values, "recorded")


@app.command()
def plan(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    unit: Annotated[str | None, typer.Option(help="Your unit: id, name or alias.")] = None,
    due: Annotated[str | None, typer.Option(help="When the milestone is due (YYYY-MM-DD).")] = None,
    milestone: Annotated[str | None, typer.Option(help="What will be done by then.")] = None,
    percent: Annotated[str | None, typer.Option(help="The percent the task will have reached by then.")]
    = None,
    replaces: Annotated[str | None, typer.Option(help="Id of an earlier milestone this one moves.")] = None,
    date: Annotated[str | None, typer.Option(help="When the milestone was set (default: today, China time).")]
    = None,
    by: Annotated[str | None, typer.Option(help="Who plans (default: git user.name).")] = None,
) -> None:
    """Add a milestone to a unit's timetable (时间表) for a task."""
    from tracker.inputs import BadInput, number

    cat = _catalog(ctx)
    item, uid = _item_and_unit(cat, task, unit)
    values: dict[str, object] = {
        "type": "milestone", "date": _date_option(date, "--date", EXIT_PROBLEMS).isoformat(),
        "task": item.number or item.id,
        "due": _date_option(due if due is not None else _ask("due"), "--due", EXIT_PROBLEMS).isoformat(),
        "milestone": milestone if milestone is not None else _ask("milestone"), "replaces": replaces or ""}
    if by:
        values["by"] = by
    if percent is not None:
        try:
            values["percent"], notice = number(percent, "percent")
        except BadInput as exc:
            _fail(str(exc), EXIT_PROBLEMS)
        _notice(notice)
    _append(ctx, cat, uid, values, "planned")


@app.command()
def status(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """A unit's own view: each of its tasks with latest status, next deadline or milestone, warnings."""
    from tracker.render import render_table
    from tracker.views import status_table

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    pairs = _pairs(ctx, cat, day, uid)
    _emit(render_table(status_table(cat, pairs, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


class By(str, Enum):
    TASK = "task"
    UNIT = "unit"
    ACTION = "action"
    GOAL = "goal"


def _write_output(data: bytes, output: Path | None, binary: bool, lang: Lang = Lang.ZH) -> None:
    """To ``-o FILE`` or to stdout. A regular file (or a new one) is replaced atomically, so a failed run
    leaves an older report intact; a device or a FIFO (``-o /dev/null``) is written through, never replaced
    by a renamed file; a symbolic link is refused rather than replaced or followed."""
    if output is None:
        if binary and sys.stdout.isatty():
            _fail("this format is binary; write it to a file with -o FILE")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import stat

    from tracker.i18n import label
    from tracker.store import atomic_write

    try:
        mode = os.lstat(output).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        _fail(label("cli.output-symlink", lang).format(path=output), hint=label("cli.output-symlink.hint", lang))
    try:
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            with open(output, "wb") as stream:  # a device, a FIFO: what it is stays as it is
                stream.write(data)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(output, data)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"wrote {output}", err=True)


@app.command()
def report(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to report at (default: today).")] = None,
    by: Annotated[By, typer.Option(help="Rows of the table: task, unit, action or goal.")] = By.UNIT,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    action: Annotated[int | None, typer.Option(help="Only this action (1–10).")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="table, md, csv, json, html or xlsx "
                                               "(default: from -o's extension, else table).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Completion rates per task, unit, action and goal, with overdue and early-warning flags, as of a date."""
    from tracker.formats import ReportFmt
    from tracker.publish import Options as Publish
    from tracker.publish import infer_format, produce
    from tracker.report import build_report

    fmt = infer_format(_choice(ReportFmt, format, "--format"), output)
    if fmt is None:
        _fail(f"cannot tell the format from {output}", hint="pass --format, or use .md .csv .json .html .xlsx")
    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    if action is not None and action not in cat.actions:
        _fail(f"no action {action}", hint=f"actions are 1–{len(cat.actions)}")
    uid = _unit_id(cat, unit) if unit is not None else None
    data = build_report(cat, _pairs(ctx, cat, day, uid), day, unit=uid, action=action)
    color = output is None and sys.stdout.isatty()
    content = produce(cat, data, fmt, Publish(by.value, _opts(ctx).lang, _width(), color))
    _write_output(content, output, binary=fmt is ReportFmt.XLSX, lang=_opts(ctx).lang)


def _choice(enum: Any, value: str | None, option: str) -> Any:
    if value is None:
        return None
    try:
        return enum(value.lower())
    except ValueError:
        _fail(f"{option}: {value!r} is not one of {', '.join(e.value for e in enum)}")


@app.command()
def overdue(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    within: Annotated[int, typer.Option(help="Also list what falls due within this many days.", min=0)] = 14,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """What is overdue and what comes due soon, by unit: deadlines, milestones and missed periods."""
    from tracker.render import render_table
    from tracker.report import due_list
    from tracker.views import due_table

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    dues = due_list(_pairs(ctx, cat, day, uid), day, within)
    _emit(render_table(due_table(cat, dues, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command()
def verify(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    unit: Annotated[str, typer.Option(help="The unit whose 'done' is checked.")],
    reject: Annotated[bool, typer.Option("--reject", help="Reject the claim and reopen the task.")] = False,
    note: Annotated[str | None, typer.Option(help="What was checked; the reason, when rejecting.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the check (default: today).")] = None,
    by: Annotated[str | None, typer.Option(help="Who checked (default: git user.name).")] = None,
) -> None:
    """The office's close (销号): verify a unit's "done" against its evidence, or reject it with a reason."""
    cat = _catalog(ctx)
    item, uid = _item_and_unit(cat, task, unit)
    day = _date_option(date, "--date", EXIT_PROBLEMS)
    pair = next((p for p in _pairs(ctx, cat, day, uid) if p.item == item.id), None)
    if pair is None or not pair.done:
        _fail(f"{cat.units[uid].short} has no 'done' on task {item.id} to check as of {day}", EXIT_PROBLEMS,
              "a unit records done first; the office then verifies or rejects it")
    values: dict[str, object] = {"type": "reject" if reject else "verify", "date": day.isoformat(),
                                 "task": item.number or item.id, "note": note or ""}
    if by:
        values["by"] = by
    _append(ctx, cat, uid, values, "rejected" if reject else "verified")


@app.command()
def withdraw(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(help="Id of the record to withdraw (see `tracker log -f json`).")],
    note: Annotated[str, typer.Option(help="Why the record no longer counts.")],
    date: Annotated[str | None, typer.Option(help="Date of the withdrawal (default: today).")] = None,
    by: Annotated[str | None, typer.Option(help="Who withdraws (default: git user.name).")] = None,
) -> None:
    """The office's correction: append a record withdrawing an earlier one, which then no longer counts.
    Records are never edited or deleted."""
    from tracker.authors import identity_matches
    from tracker.gitio import user_email, user_name
    from tracker.i18n import label
    from tracker.progress import read_progress
    from tracker.validate import progress_paths

    lang = _opts(ctx).lang
    cat = _catalog(ctx)
    root = _root(ctx)
    office = cat.units.get(cat.plan.office)
    if office is not None and office.maintainers:
        name, email = user_name(root.path) or "", user_email(root.path) or ""
        if not any(identity_matches(name, email, m) for m in office.maintainers):
            _fail(label("cli.withdraw.not-office", lang).format(who=f"{name} <{email}>"), EXIT_PROBLEMS,
                  label("cli.withdraw.not-office.hint", lang).format(office="、".join(office.maintainers)))
    for path in progress_paths(root):
        try:
            raw = read_progress(path.read_bytes(), root.rel(path))
        except OSError:
            continue
        found = next((r for r in raw.records if r.values.get("id") == record_id), None)
        if found is not None:
            break
    else:
        _fail(label("cli.withdraw.unknown", lang).format(id=record_id), EXIT_PROBLEMS,
              label("cli.withdraw.unknown.hint", lang))
    values: dict[str, object] = {"type": "withdraw", "date": _date_option(date, "--date", EXIT_PROBLEMS).isoformat(),
                                 "withdraws": record_id, "note": note}
    if found.values.get("task") is not None:
        values["task"] = found.values["task"]
    if by:
        values["by"] = by
    _append(ctx, cat, path.stem, values, "withdrew")


@app.command()
def remind(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    unit: Annotated[str | None, typer.Option(help="Only this unit's reminder (the bulletin covers all).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for the notices "
                                                "(default: notices-<date>).", file_okay=False)] = None,
) -> None:
    """Write a reminder notice (提醒) for each lagging unit and one bulletin (通报) ranking the units, each as
    Markdown and as a Word document."""
    import datetime as _dt

    from tracker.notices import all_notices
    from tracker.render import notice_markdown
    from tracker.render_docx import notice_docx
    from tracker.report import build_report

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    folder = output or Path(f"notices-{day.isoformat()}")
    data = build_report(cat, _pairs(ctx, cat, day), day)
    stamp = _dt.datetime.combine(day, _dt.time(0, 0))
    for notice in all_notices(cat, data, _opts(ctx).lang, uid):
        _write_output(notice_markdown(notice).encode("utf-8"), folder / f"{notice.stem}.md", binary=False,
                      lang=_opts(ctx).lang)
        _write_output(notice_docx(notice, stamp), folder / f"{notice.stem}.docx", binary=True, lang=_opts(ctx).lang)


def _repo(ctx: typer.Context) -> Any:
    from tracker.gitio import GitError
    from tracker.history import Repo

    try:
        return Repo.of(_root(ctx))
    except GitError as exc:
        _fail(f"git: {exc}", hint="run inside a git repository holding the tracking folder")


def _data_revisions(ctx: typer.Context, *revs: str | None) -> None:
    """Revisions from the command line are data: one that git could read as an option is refused."""
    from tracker.i18n import label

    lang = _opts(ctx).lang
    for rev in revs:
        if rev is not None and any(part.startswith("-") for part in rev.replace("...", "..").split("..")):
            _fail(label("cli.rev-option", lang).format(rev=rev), hint=label("cli.rev-option.hint", lang))


def _revisions(a: str | None, b: str | None) -> tuple[str, str | None]:
    """``A..B`` or ``A B`` or ``A`` (against the working tree) or nothing (HEAD against the working tree)."""
    if a is not None and ".." in a and b is None:
        left, _, right = a.partition("..")
        return left or "HEAD", right or "HEAD"
    return a or "HEAD", b


@app.command()
def diff(
    ctx: typer.Context,
    rev_a: Annotated[str | None, typer.Argument(help="From (default HEAD); A..B is accepted too.")] = None,
    rev_b: Annotated[str | None, typer.Argument(help="To (default: the working tree).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date for the warning levels (default: today).")]
    = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False, help="table, md (a pull-request "
                                        "comment) or json.")] = Fmt.TABLE,
) -> None:
    """What changed in the progress files between two revisions, in plain words. Exits 1 when existing
    records were edited or deleted, or the change brings new errors."""
    from tracker.dates import today_cst
    from tracker.gitio import GitError
    from tracker.history import revision_side, working_side
    from tracker.render import render_diff, to_json
    from tracker.review import diff_progress
    from tracker.reviewviews import diff_json, diff_parts

    _data_revisions(ctx, rev_a, rev_b)
    repo = _repo(ctx)
    cat = _catalog(ctx)
    left, right = _revisions(rev_a, rev_b)
    try:
        before = revision_side(repo, left)
        after = working_side(repo) if right is None else revision_side(repo, right)
    except GitError as exc:
        _fail(f"git: {exc}")
    result = diff_progress(cat, before, after, _date_option(as_of, "--as-of"), today_cst())
    if format is Fmt.JSON:
        _emit(to_json(diff_json(result, left, right or "working tree")))
    else:
        parts = diff_parts(cat, result, f"tracker diff {left}..{right or ''}", _opts(ctx).lang)
        _emit(render_diff(parts, format is Fmt.MD, _width(), sys.stdout.isatty()))
    errors = any(p.level == "error" for p in result.new_problems)
    raise typer.Exit(EXIT_PROBLEMS if result.loud or errors else EXIT_OK)


@app.command()
def log(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    task: Annotated[str | None, typer.Option(help="Only this task or goal.")] = None,
    since: Annotated[str | None, typer.Option(help="Only records dated on or after this day.")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """The history of records: each with the commit, author and time that added it."""
    from tracker.history import record_history
    from tracker.render import render_table
    from tracker.reviewviews import log_table

    repo = _repo(ctx)
    cat = _catalog(ctx)
    uid = _unit_id(cat, unit) if unit is not None else None
    tid = _item_id(cat, task) if task is not None else None
    day = _date_option(since, "--since").isoformat() if since is not None else ""
    rows = [a for a in record_history(repo)
            if (uid is None or a.path == f"progress/{uid}.yaml")
            and (tid is None or str(a.values.get("task", "")).upper() == tid)
            and str(a.values.get("date", "")) >= day]
    rows.sort(key=lambda a: (str(a.values.get("date", "")), a.committed.isoformat() if a.committed else "~"))
    _emit(render_table(log_table(cat, rows, _opts(ctx).lang), format, _width(), sys.stdout.isatty()))


@app.command("check-authors")
def check_authors(
    ctx: typer.Context,
    rev_range: Annotated[str, typer.Argument(help="Commits to check, e.g. origin/main..HEAD.")],
    require_signed: Annotated[bool, typer.Option(help="Also demand a good signature on each such commit.")]
    = False,
) -> None:
    """Fail when a commit changed a unit's progress file and its author is neither that unit's maintainer nor
    the office's, edited or removed existing records without being the office, or changed the task list."""
    from tracker.gitio import GitError
    from tracker.history import check_range

    _data_revisions(ctx, rev_range)
    repo = _repo(ctx)
    cat = _catalog(ctx)
    try:
        checked, violations = check_range(repo, rev_range, cat, require_signed)
    except GitError as exc:
        _fail(f"git: {exc}")
    from tracker.escape import terminal

    for v in violations:
        typer.echo(terminal(f"{v.commit[:10]} {v.author}: {v.path}: {v.reason}"))
    typer.echo(f"{checked} commit(s) checked, {len(violations)} violation(s)")
    if not require_signed:
        typer.echo("note: git author names and emails can be forged; --require-signed also demands a good "
                   "signature on every commit that changes tracking files", err=True)
    raise typer.Exit(EXIT_PROBLEMS if violations else EXIT_OK)


@app.command()
def codeowners(
    ctx: typer.Context,
    platform: Annotated[str, typer.Option(help="github, gitlab or gitea.")] = "github",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (e.g. "
                                                ".github/CODEOWNERS).")] = None,
) -> None:
    """Write a CODEOWNERS file from units.yaml's maintainers, so the hosting platform enforces ownership."""
    from tracker.codeowners import Platform
    from tracker.codeowners import codeowners as make

    cat = _catalog(ctx)
    chosen = _choice(Platform, platform, "--platform")
    from tracker.gitio import GitError
    from tracker.history import Repo

    try:
        prefix = Repo.of(_root(ctx)).prefix
    except GitError:
        prefix = ""  # not in a repository: paths from the tracking folder
    _write_output(make(cat, chosen, prefix).encode("utf-8"), output, binary=False, lang=_opts(ctx).lang)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to set up (default: here).", file_okay=False)]
    = Path("."),
) -> None:
    """Set up a new tracking folder: the shipped tasks.yaml and units.yaml, progress/, git settings and a
    pre-commit hook that runs `tracker validate`."""
    from tracker.setup import AlreadyThere, init_folder

    try:
        written = init_folder(directory)
    except AlreadyThere as exc:
        _fail(str(exc), EXIT_PROBLEMS, "nothing was changed")
    except OSError as exc:
        _fail(f"cannot write {exc.filename}: {exc.strerror}")
    for path in written:
        typer.echo(f"created {path}", err=True)


def _item_id(cat, text: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.problems import did_you_mean

    key = text.strip().upper().lstrip("#")
    if key.isdigit():
        key = str(int(key))
    if key not in cat.items:
        _fail(f"no task {text!r}", EXIT_PROBLEMS,
              did_you_mean(key, cat.items) or "tasks are numbered 1–60, goals G0–G5")
    return key


def _unit_id(cat, name: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.problems import did_you_mean

    ids = cat.lookup_unit(name)
    if len(ids) == 1:
        return str(ids[0])
    if len(ids) > 1:
        _fail(f"{name!r} may mean {', '.join(ids)}", EXIT_PROBLEMS, "use the unit id")
    names = [n for u in cat.units.values() for n in u.names()]
    _fail(f"unknown unit {name!r}", EXIT_PROBLEMS, did_you_mean(name, names) or "see `tracker units`")


def main() -> None:
    """Console entry point: no Python traceback reaches the user unless TRACKER_DEBUG is set."""
    # One command per process, building many objects and almost no reference cycles: the cycle collector
    # would only rescan them again and again while a large folder loads (its cost grows with the data).
    gc.disable()
    _leave(_run())


def _run() -> int | str | None:
    """Run the command; its exit status (or a message, as SystemExit carries them)."""
    try:
        app()
    except SystemExit as exc:
        return exc.code
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted; nothing was changed", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("TRACKER_DEBUG"):
            raise
        typer.echo(f"tracker: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("    hint: please report this; set TRACKER_DEBUG=1 to see the details", err=True)
        return 3
    return 0


def _leave(code: int | str | None) -> NoReturn:
    """Flush what was printed and end the process without tearing the interpreter down. Freeing a large
    report's objects one by one costs a third of a warm report over 10,000 entries, and there is nothing left
    to close: every command writes and closes its files itself. (mypy leaves the same way.)"""
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    status = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`tracker report | head`): as Python's own exit does
            status = status or 120
    os._exit(status)
