"""The command line. Glue only: parse options, call one core function, render, choose the exit code.

Exit codes: 0 fine, 1 problems found (or refused input), 2 usage or I/O error.
"""


import contextlib
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from tracker.core.formats import Fmt
from tracker.core.i18n import Lang, Msg, label
from tracker.folder.workers import WorkerDied


def _help_page(command: Any, ctx: Any, formatter: Any) -> None:
    """A command's help in this run's language, every word from i18n (see helppage)."""
    from tracker.cli.help import page

    formatter.write(page(command, ctx, _lang(), formatter.width))


class _Command(TyperCommand):
    """A command whose help is in the reader's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_page(self, ctx, formatter)


class _Commands(TyperGroup):
    """A group of commands (``tracker levels``) whose help is in the reader's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_page(self, ctx, formatter)


class _Group(_Commands):
    """Global options are also accepted after the command (``tracker report --lang en``): they are moved in
    front of it before parsing. Nothing after a ``--`` is touched. The language is read from the command line
    first, as help is printed while click parses it, before any option's value is known."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _LANG[0] = _lang_of(args)
        for arg in args:  # bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold
            bad = re.search("[\udc80-\udcff]", arg)
            if bad is not None:
                _fail(_t("usage.not-utf8", byte=f"{ord(bad.group()) - 0xDC00:02x}"), EXIT_USAGE,
                      _t("usage.hint.not-utf8"))
        try:
            return super().parse_args(ctx, _hoisted(args))
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise _Usage(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise _Usage(exc) from None


class _App(typer.Typer):
    """Every command of the app prints its help in the reader's language."""

    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
                ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(*args, cls=cls or _Command, **kwargs)


class _Usage(UsageError):
    """A usage error of the command line (an unknown option, a missing value …) said in the reader's language,
    with where to look instead of the whole usage text."""

    def __init__(self, exc: Any) -> None:
        super().__init__(exc.format_message(), exc.ctx)
        self.command = exc.ctx.command_path if exc.ctx is not None else "tracker"
        param = getattr(exc, "param", None)
        self.argument = param if param is not None and param.param_type_name == "argument" else None

    def show(self, file: Any = None) -> None:
        from tracker.core.escape import terminal

        message = self.message
        for pattern, key in _USAGE_WORDS:
            m = re.match(pattern, message, re.S)
            if m:
                first, rest = m.groups()
                if self.argument is not None:  # as the help names it (任务), not as the code does (task)
                    from tracker.cli.help import arg_name

                    first = arg_name(self.argument, _lang())
                for detail, words in _USAGE_DETAILS:
                    found = re.search(detail, rest.strip())
                    if found:
                        rest = label(words, _lang()).format(*found.groups())
                        break
                message = label(key, _lang()).format(first, rest)
                break
        typer.echo(terminal(f"tracker: {message}"), err=True)
        typer.echo("    " + _t("hint", hint=_t("usage.help", command=self.command)), err=True)


# click's own words for what is wrong with a command line, and ours (usage.* in i18n)
_USAGE_WORDS = (
    (r"No such option: (\S+)(.*)", "usage.no-option"),
    (r"No such command '([^']+)'\.?(.*)", "usage.no-command"),
    (r"Missing option '([^']+)'\.?()", "usage.missing-option"),
    (r"Missing argument '([^']+)'\.?()", "usage.missing-argument"),
    (r"Missing command\.?()()", "usage.missing-command"),
    (r"Option '([^']+)' requires an argument\.?()", "usage.needs-value"),
    (r"Got unexpected extra argument\S* \((.+)\)()", "usage.extra"),
    (r"Invalid value for '([^']+)'(?: \(env var: '[^']*'\))?: (.+)", "usage.invalid"),
    (r"Directory '(.+)' is a file\.?()", "usage.is-a-file"),
)
_USAGE_DETAILS = (
    (r"Did you mean (.+?)\??$", "usage.did-you-mean"),
    (r"\(Possible options: (.+)\)$", "usage.possible"),
    (r"^(.+) is not one of (.+?)\.?$", "usage.not-one-of"),
    (r"^(.+) is not in the range (.+?)\.?$", "usage.range"),
    (r"^(.+) is not a valid (?:integer|int)\.?$", "usage.not-integer"),
    (r"^Directory '(.+)' is a file\.?()$", "usage.is-a-file"),
)


_GLOBAL_WITH_VALUE = ("--lang", "--root")


def _lang_of(args: list[str]) -> Lang:
    """The language the command line asks for (``--lang`` anywhere before a ``--``, else TRACKER_LANG), or
    Chinese; a value that is no language is left for click to refuse."""
    chosen = os.environ.get("TRACKER_LANG", "")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return Lang.EN if chosen == Lang.EN.value else Lang.ZH


def _hoisted(args: list[str]) -> list[str]:
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        if arg.startswith(tuple(f"{g}=" for g in _GLOBAL_WITH_VALUE)) or arg == "--no-cache":
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


app = _App(
    cls=_Group,
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


_LANG = [Lang.ZH]  # the language of this run's messages, set by the global options


def _lang() -> Lang:
    return _LANG[0]


def _t(key: str, **args: Any) -> str:
    """A message of the command line in this run's language."""
    return label(key, _lang()).format(**args)


def _fail(message: str, code: int = EXIT_USAGE, hint: str = "") -> NoReturn:
    from tracker.core.escape import terminal

    typer.echo(terminal(f"tracker: {message}"), err=True)
    if hint:
        typer.echo(terminal("    " + _t("hint", hint=hint)), err=True)
    raise typer.Exit(code)


def _say(message: str) -> None:
    """What a command did or noticed, on stderr, so that stdout stays data."""
    typer.echo(message, err=True)


def _opts(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    assert isinstance(obj, Options)
    return obj


def _root(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from tracker.folder.root import NoRoot, find_root

    try:
        return find_root(explicit=_opts(ctx).root)
    except NoRoot as exc:
        _fail(_t("cli.no-root-here" if exc.explicit else "cli.no-root", path=exc.path), hint=_t("cli.hint.no-root"))


def _catalog(ctx: typer.Context):  # type: ignore[no-untyped-def]
    """Load and check the catalog; stop with the problems when it has errors."""
    from tracker.core.dates import today_cst
    from tracker.folder.pipeline import load_checked
    from tracker.render.text import problems_text

    checked = load_checked(_root(ctx), today_cst(), with_progress=False, use_cache=_opts(ctx).cache)
    if checked.catalog is None or checked.errors:
        typer.echo(problems_text(checked.errors, _lang()), err=True, nl=False)
        _fail(_t("cli.list-errors"), EXIT_PROBLEMS)
    return checked.catalog


def _pairs(ctx: typer.Context, cat: Any, day: dt.date, unit: str | None = None, *, allow_errors: bool = False,
           also: tuple[dt.date, ...] = ()) -> Any:
    """Every expected pair's state as of ``day`` (and of each day in ``also``, in one reading of the files), and
    the errors of the progress files read. Figures that leave records out are never given silently: with
    errors the command stops (exit 1), naming the files, unless ``allow_errors``, and then every output says
    which units' data have errors."""
    from tracker.core.dates import today_cst
    from tracker.folder.pipeline import pairs_as_of

    with _progress(_t("progress.reading")) as tick:
        loaded = pairs_as_of(_root(ctx), cat, today_cst(), day, unit=unit, use_cache=_opts(ctx).cache, also=also,
                             tick=tick)
    if loaded.errors:
        files = "、".join(sorted({p.path for p in loaded.errors}))
        if not allow_errors:
            _fail(_t("cli.data-errors", n=len(loaded.errors), files=files), EXIT_PROBLEMS,
                  _t("cli.hint.data-errors"))
        _say(_t("cli.data-errors-allowed", n=len(loaded.errors), files=files))
    return loaded


@contextlib.contextmanager
def _progress(what: str) -> Iterator[Any]:
    """A progress bar on stderr for long work, only where a person watches it (stderr is a terminal) and only
    once the work is long (many files); otherwise nothing, and rich is not even imported."""
    if not sys.stderr.isatty():
        yield None
        return
    from tracker.render.terminal import ProgressBar

    with ProgressBar(what) as bar:
        yield bar.tick


def _emit(text: str) -> None:
    sys.stdout.write(text)


def _width() -> int:
    """Tables fit the terminal they are shown in, also through a pipe read at that terminal (`| head`, `| less`:
    stderr is still the terminal); written to a file or a pipe in a script, they get 200 columns."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((120, 24)).columns
    if sys.stderr.isatty():
        try:
            return os.get_terminal_size(sys.stderr.fileno()).columns
        except OSError:
            pass
    return 200


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[Path | None, typer.Option(help="Tracking folder (default: found from here upward).",
                                                 file_okay=False)] = None,
    lang: Annotated[Lang, typer.Option(help="Language of messages, labels and notices (also after the command, "
                                            "or from TRACKER_LANG).", envvar="TRACKER_LANG")] = Lang.ZH,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every progress file, ignoring the derived "
                                           "cache (kept in .git/tracker-cache/ or ~/.cache/tracker/).")] = False,
) -> None:
    """Global options."""
    _LANG[0] = lang
    ctx.obj = Options(root, lang, not no_cache)


AllowErrors = Annotated[bool, typer.Option("--allow-errors", help="Give the figures even when progress files have "
                                           "errors; every output then marks the units concerned.")]


@app.command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    format: Annotated[ProblemFmt, typer.Option("--format", "-f", case_sensitive=False)] = ProblemFmt.TEXT,
) -> None:
    """Check tasks.yaml, units.yaml and every progress file; print each problem with file:line:col."""
    from tracker.core.dates import today_cst
    from tracker.core.problems import has_errors
    from tracker.folder.pipeline import load_checked
    from tracker.render.text import problems_json, problems_text

    checked = load_checked(_root(ctx), today_cst(), use_cache=_opts(ctx).cache)
    from tracker.git.levels import level_problems

    problems = checked.problems + level_problems(_root(ctx))
    lang = _opts(ctx).lang
    _emit(problems_json(problems, lang) if format is ProblemFmt.JSON else problems_text(problems, lang))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(problems, strict) else EXIT_OK)


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
    from tracker.views.tables import tasks_table

    cat = _catalog(ctx)
    _check_action(cat, action)
    items = [i for i in cat.items.values() if goals or i.kind == "task"]
    if action is not None:
        items = [i for i in items if i.action == action]
    if unit is not None:
        uid = _unit_id(cat, unit)
        items = [i for i in items if uid in cat.reporters(i) or uid in i.units + i.groups]
    _table(tasks_table(cat, items, _opts(ctx).lang), format)


def _rich() -> bool:
    """Draw for a person: stdout is a terminal, or FORCE_COLOR asks for colour anyway (NO_COLOR is rich's)."""
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def _check_action(cat: Any, action: int | None) -> None:
    if action is not None and action not in cat.actions:
        _fail(_t("cli.no-action", n=action), hint=_t("cli.hint.actions", max=len(cat.actions)))


def _table(table: Any, format: Fmt, legend: Any = None) -> None:
    """A listing in its format: at a terminal through rich (colour, fitted to the width), else as text."""
    from tracker.render.text import render_table

    if format is Fmt.TABLE and _rich():
        from tracker.render.terminal import print_table

        print_table(table, legend)
        return
    _emit(render_table(table, format, _width(), False))


@app.command()
def units(
    ctx: typer.Context,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
) -> None:
    """List every responsible unit and collective name, with aliases, members and task count."""
    from tracker.views.tables import units_table

    cat = _catalog(ctx)
    _table(units_table(cat, _opts(ctx).lang), format)


@app.command()
def show(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the units' states (default: today).")]
    = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
    allow_errors: AllowErrors = False,
) -> None:
    """All that is known of one task: text, action, key work, units, deadline, cadence, target, notes, and each
    expected unit's latest status, with the office's verification or the reason it was rejected."""
    from tracker.render.text import render_pairs, to_json
    from tracker.views.tables import item_record, show_lines, show_units_table

    cat = _catalog(ctx)
    item = cat.items[_item_id(cat, task)]
    day = _date_option(as_of, "--as-of")
    order = {u: n for n, u in enumerate(cat.reporters(item))}
    loaded = _pairs(ctx, cat, day, allow_errors=allow_errors)
    pairs = sorted((p for p in loaded.pairs if p.item == item.id),
                   key=lambda p: order[p.unit])
    lang = _opts(ctx).lang
    if format is Fmt.JSON:
        from tracker.views.tables import pair_record

        errors = loaded.units_with_errors
        _emit(to_json({**item_record(cat, item),
                       "states": [{**pair_record(p), "errors": errors.get(p.unit, 0)} for p in pairs]}))
        return
    _emit(render_pairs(show_lines(cat, item, lang), _width()) + "\n")
    _table(show_units_table(cat, pairs, lang, loaded.units_with_errors), format)


def _date_option(text: str | None, what: str, code: int = EXIT_USAGE) -> dt.date:
    from tracker.core.dates import today_cst
    from tracker.load.inputs import BadInput, date

    if text is None:
        return today_cst()
    try:
        return date(text)
    except BadInput as exc:
        _fail(_t("cli.bad-option", option=what, message=exc.msg.text(_lang())), code)


def _interactive() -> bool:
    """Ask for missing fields only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(option: str, prompt: str, read: Any = None, choices: list[str] | None = None) -> Any:
    """Ask for a missing option at a terminal, checking each answer with ``read`` (a function that returns the
    value or raises BadInput) and saying why an answer is refused; without a terminal, a missing option is an
    error. ``choices`` are shown in the prompt and accepted as typed."""
    from tracker.load.inputs import BadInput

    if not _interactive():
        _fail(_t("cli.missing-option", option=option), EXIT_PROBLEMS, _t("cli.hint.missing-option", option=option))
    while True:
        try:
            answer = str(typer.prompt(prompt, err=True)).strip()
        except typer.Abort:  # Ctrl-C or the end of the input at the prompt: click would say "Aborted!"
            _fail(_t("cli.aborted"), EXIT_PROBLEMS)
        if not answer:
            continue
        if read is None:
            return answer
        try:
            return read(answer)
        except BadInput as exc:
            _say(_t("prompt.retry", message=exc.msg.text(_lang())))


def _percent_range(value: float) -> float:
    """A percent typed at a prompt must lie within 0–100, or it is said and asked again."""
    from tracker.core.i18n import Msg
    from tracker.load.inputs import BadInput

    if not 0 <= value <= 100:
        raise BadInput(Msg.of("input.percent-range", value=f"{value:g}"))
    return value


def _notice(msg: Any) -> None:
    if msg:
        _say(_t("cli.notice", text=msg.text(_lang())))


def _refused(exc: Any) -> NoReturn:
    from tracker.render.text import refusal_text

    typer.echo(refusal_text(exc.msg.text(_lang()), exc.problems, _lang()), err=True, nl=False)
    raise typer.Exit(EXIT_PROBLEMS)


def _item_and_unit(cat: Any, task: str, unit: str | None) -> tuple[Any, str]:
    """The item named on the command line and the unit: given, or asked for at a terminal by the names
    people use (the units' short Chinese names)."""
    item = cat.items[_item_id(cat, task)]
    if unit is not None:
        return item, _unit_id(cat, unit)
    names = [cat.units[u].short if u in cat.units else u for u in cat.reporters(item)]
    return item, _ask("unit", _t("prompt.unit", choices="、".join(names)), lambda text: _unit_id(cat, text, ask=True))


def _append(ctx: typer.Context, cat: Any, unit: str, values: dict[str, object], done: str) -> None:
    """Check and append one record to the unit's file; a refusal prints why and changes nothing. What
    `validate` would warn about the new record is said at once."""
    from tracker.core.dates import today_cst
    from tracker.core.refusal import Refused
    from tracker.folder.store import append_record
    from tracker.render.text import problem_line

    root = _root(ctx)
    values.setdefault("by", _who(root.path, None))
    try:
        written = append_record(root, cat, unit, values, today_cst(), use_cache=_opts(ctx).cache)
    except Refused as exc:
        _refused(exc)
    for warning in written.warnings:
        _say(problem_line(warning, _lang()))
    _say(_t(done, id=written.record.id, path=root.rel(written.path)))


def _who(root_path: Path, by: str | None) -> str:
    if by:
        return by
    import getpass

    from tracker.git.run import user_name

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
    """Record a unit's progress on a task. Everything given is checked before anything is asked; a refused
    entry changes nothing."""
    from tracker.check.build import progress as progress_values
    from tracker.core.model import Status
    from tracker.load.inputs import STATUS_CHOICES, BadInput
    from tracker.load.inputs import date as read_date
    from tracker.load.inputs import number as read_number
    from tracker.load.inputs import status as read_status

    cat = _catalog(ctx)
    item = cat.items[_item_id(cat, task)]
    uid = _unit_id(cat, unit) if unit is not None else None
    try:  # every option given, before the first question: first its form, then the rules it can meet alone
        st = read_status(status) if status is not None else None
        given: dict[str, object] = {"task": item.number or item.id}
        for text, what in ((percent, "percent"), (value, "value")):
            if text is not None:
                given[what] = read_number(text, what)[0]
        day = read_date(date) if date is not None else None
    except BadInput as exc:
        _fail(exc.msg.text(_lang()), EXIT_PROBLEMS)
    if day is not None:
        given["date"] = day.isoformat()
    from tracker.check.records import check_given
    from tracker.core.dates import today_cst

    early = check_given(cat, uid, given, today_cst())
    if early:
        from tracker.core.refusal import Refused

        _refused(Refused(Msg.of("refused.record"), early))
    if uid is None:
        item, uid = _item_and_unit(cat, task, None)
    if st is None:
        zh_words = STATUS_CHOICES[0] if _lang() is Lang.ZH else STATUS_CHOICES[1]
        st = _ask("status", _t("prompt.status", choices=zh_words), read_status)
    if percent is None and st in (Status.IN_PROGRESS, Status.BLOCKED):
        percent = _ask("percent", _t("prompt.percent"), lambda text: (_percent_range(read_number(text, "percent")[0]),
                                                                     text)[1])
    if (note is None or not note.strip()) and st is Status.BLOCKED:
        note = _ask("note", _t("prompt.note-blocked"))
    try:
        values, notices = progress_values(item, st, percent, value, note, evidence or [],
                                          day or _date_option(None, "--date"), by)
    except BadInput as exc:
        _fail(exc.msg.text(_lang()), EXIT_PROBLEMS)
    for notice in notices:
        _notice(notice)
    _append(ctx, cat, uid, values, "cli.recorded")


@app.command()
def plan(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    unit: Annotated[str | None, typer.Option(help="Your unit: id, name or alias.")] = None,
    due: Annotated[str | None, typer.Option(help="When the milestone is due (2025-12-20, 2025/12/20, …).")] = None,
    milestone: Annotated[str | None, typer.Option(help="What will be done by then.")] = None,
    percent: Annotated[str | None, typer.Option(help="The percent the task will have reached by then.")]
    = None,
    replaces: Annotated[str | None, typer.Option(
        help="Id of the earlier milestone of the same task (not yet moved) that this one moves.")] = None,
    date: Annotated[str | None, typer.Option(help="When the milestone was set (default: today, China time).")]
    = None,
    by: Annotated[str | None, typer.Option(help="Who plans (default: git user.name).")] = None,
) -> None:
    """Add a milestone to a unit's timetable (时间表) for a task."""
    from tracker.load.inputs import BadInput, number
    from tracker.load.inputs import date as read_date

    cat = _catalog(ctx)
    item = cat.items[_item_id(cat, task)]
    uid = _unit_id(cat, unit) if unit is not None else None
    set_on = _date_option(date, "--date", EXIT_PROBLEMS)
    due_day = _date_option(due, "--due", EXIT_PROBLEMS) if due is not None else None
    values: dict[str, object] = {"type": "milestone", "date": set_on.isoformat(), "task": item.number or item.id,
                                 "replaces": replaces or ""}
    if percent is not None:
        try:
            values["percent"], notice = number(percent, "percent")
        except BadInput as exc:
            _fail(exc.msg.text(_lang()), EXIT_PROBLEMS)
        _notice(notice)
    if uid is None:
        item, uid = _item_and_unit(cat, task, None)
    values["due"] = (due_day or _ask("due", _t("prompt.due"), read_date)).isoformat()
    values["milestone"] = milestone if milestone is not None else _ask("milestone", _t("prompt.milestone"))
    if by:
        values["by"] = by
    _append(ctx, cat, uid, values, "cli.planned")


@app.command()
def status(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
    allow_errors: AllowErrors = False,
) -> None:
    """A unit's own view: each of its tasks with latest status, next deadline or milestone, warnings, and the
    office's reason where it rejected a claim."""
    from tracker.views.palette import legend
    from tracker.views.tables import status_table

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    loaded = _pairs(ctx, cat, day, uid, allow_errors=allow_errors)
    _table(status_table(cat, loaded.pairs, _opts(ctx).lang, loaded.units_with_errors),
           format, legend(cat.thresholds, _opts(ctx).lang))


class By(str, Enum):
    TASK = "task"
    UNIT = "unit"
    ACTION = "action"
    GOAL = "goal"


def _write_output(data: bytes, output: Path | None, binary: bool) -> None:
    """To ``-o FILE`` or to stdout. A regular file (or a new one) is replaced atomically, so a failed run
    leaves an older report intact; a device or a FIFO (``-o /dev/null``) is written through, never replaced
    by a renamed file; a symbolic link is refused rather than replaced or followed."""
    if output is None:
        if binary and sys.stdout.isatty():
            _fail(_t("cli.binary"))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import stat

    from tracker.folder.files import atomic_write

    try:
        mode = os.lstat(output).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        _fail(_t("cli.output-symlink", path=output), hint=_t("cli.output-symlink.hint"))
    try:
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            with open(output, "wb") as stream:  # a device, a FIFO: what it is stays as it is
                stream.write(data)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(output, data)
    except OSError as exc:
        _fail(_t("cli.cannot-write", path=output, reason=exc.strerror))
    _say(_t("cli.wrote", path=output))


@app.command()
def report(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to report at (default: today).")] = None,
    by: Annotated[By | None, typer.Option(help="Rows of the table: task, unit, action or goal (default: unit); "
                                          "in html and xlsx, the view shown first.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    action: Annotated[int | None, typer.Option(help="Only this action (1–10).")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="table, md, csv, json, html or xlsx "
                                               "(default: from -o's extension, else table).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Also show what changed since this earlier date "
                                              "(newly done, rate change, newly overdue or red).")] = None,
    allow_errors: AllowErrors = False,
    levels: Annotated[bool, typer.Option("--levels", help="Add the lower levels of levels.yaml, each read at its "
                                         "locked commit.")] = False,
) -> None:
    """Completion rates per task, unit, action and goal, with overdue and early-warning flags, as of a date."""
    from tracker.core.formats import ReportFmt
    from tracker.render.publish import Options as Publish
    from tracker.render.publish import infer_format, produce

    fmt = infer_format(_choice(ReportFmt, format, "--format"), output)
    if fmt is None:
        _fail(_t("cli.no-format", path=output), hint=_t("cli.hint.format"))
    if by is not None and fmt is ReportFmt.JSON:
        _fail(_t("cli.by_json"), hint=_t("cli.by_json.hint"))
    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    _check_action(cat, action)
    uid = _unit_id(cat, unit) if unit is not None else None
    data = _report_at(ctx, cat, day, since, uid, action, trend=fmt is ReportFmt.HTML, allow_errors=allow_errors)
    options = Publish((by or By.UNIT).value, _opts(ctx).lang, _width(), False)
    if levels:
        _report_levels(ctx, cat, data, fmt, options, output)
        return
    if fmt is ReportFmt.TABLE and output is None and _rich():
        from tracker.render.terminal import print_report

        print_report(cat, data, options)
        return
    _write_output(produce(cat, data, fmt, options), output, binary=fmt is ReportFmt.XLSX)


def _report_at(ctx: typer.Context, cat: Any, day: dt.date, since: str | None, unit: str | None = None,
               action: int | None = None, *, trend: bool = False, allow_errors: bool = False) -> Any:
    """The report as of ``day``; with ``since``, compared with the same report as of that date; with
    ``trend``, the completion rate at each month end of the plan up to ``day``. One reading of the files."""
    from tracker.compute.report import build_report, compare, month_ends

    then = _date_option(since, "--since") if since is not None else None
    if then is not None and then >= day:
        _fail(_t("cli.since_after", since=then, day=day))
    ends = month_ends(cat.plan.start, min(day, cat.plan.end)) if trend else []
    loaded = _pairs(ctx, cat, day, unit, allow_errors=allow_errors,
                    also=(*([then] if then is not None else []), *ends))
    states = loaded.states
    data = build_report(cat, states[0], day, unit=unit, action=action, errors=loaded.units_with_errors)
    if then is not None:
        data = data._replace(changes=compare(cat, data, build_report(cat, states[1], then, unit=unit, action=action)))
    if ends:
        rates = [build_report(cat, s, d, unit=unit, action=action).overall.rate
                 for d, s in zip(ends, states[-len(ends):], strict=True)]
        data = data._replace(trend=tuple(zip(ends, rates, strict=True)))
    return data


def _choice(enum: Any, value: str | None, option: str) -> Any:
    if value is None:
        return None
    try:
        return enum(value.lower())
    except ValueError:
        _fail(_t("cli.bad-choice", option=option, value=value, choices=", ".join(e.value for e in enum)))


@app.command()
def overdue(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    within: Annotated[int, typer.Option(help="Also list what falls due within this many days.", min=0)] = 14,
    unit: Annotated[str | None, typer.Option(help="Only this unit (id, name or alias).")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", case_sensitive=False)] = Fmt.TABLE,
    allow_errors: AllowErrors = False,
) -> None:
    """What is overdue and what comes due soon, by unit: deadlines, milestones and missed periods."""
    from tracker.compute.report import due_list
    from tracker.views.palette import legend
    from tracker.views.tables import due_table

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    loaded = _pairs(ctx, cat, day, uid, allow_errors=allow_errors)
    dues = due_list(loaded.pairs, day, within)
    lang = _opts(ctx).lang
    colours = [row for row in legend(cat.thresholds, lang) if row[0] in ("red", "blue")]  # the table's two
    _table(due_table(cat, dues, lang, loaded.units_with_errors), format, colours)


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
    if reject and not (note or "").strip():
        _fail(_t("cli.reject-needs-note"), EXIT_PROBLEMS)
    cat = _catalog(ctx)
    _office_only(ctx, cat, "decision.reject" if reject else "decision.verify")
    item, uid = _item_and_unit(cat, task, unit)
    day = _date_option(date, "--date", EXIT_PROBLEMS)
    pair = next((p for p in _pairs(ctx, cat, day, uid).pairs if p.item == item.id), None)
    if pair is not None and not pair.done and pair.rejected is not None:  # rejected, and not claimed since
        _fail(_t("cli.verify-rejected", unit=cat.units[uid].short, task=item.id, date=day.isoformat(),
                 rejected=pair.rejected.date.isoformat(), line=pair.rejected.line), EXIT_PROBLEMS,
              _t("cli.hint.verify"))
    if pair is None or not pair.done:
        _fail(_t("cli.verify-nothing", unit=cat.units[uid].short, task=item.id, date=day.isoformat()), EXIT_PROBLEMS,
              _t("cli.hint.verify"))
    values: dict[str, object] = {"type": "reject" if reject else "verify", "date": day.isoformat(),
                                 "task": item.number or item.id, "note": note or ""}
    if by:
        values["by"] = by
    _append(ctx, cat, uid, values, "cli.rejected" if reject else "cli.verified")


def _office_only(ctx: typer.Context, cat: Any, what: str) -> None:
    """Refuse, before anything is written, a record only the office may make (a verification, a rejection, a
    withdrawal, an extension decision) when git's identity here is not one of the office's maintainers. (Git
    identities can be forged: check-authors and signatures are the guard that counts; this one catches slips.)"""
    from tracker.check.authors import identity_matches
    from tracker.git.run import user_email, user_name

    office = cat.units.get(cat.plan.office)
    if office is not None and office.maintainers:
        root = _root(ctx)
        name, email = user_name(root.path) or "", user_email(root.path) or ""
        if not any(identity_matches(name, email, m) for m in office.maintainers):
            _fail(_t("cli.not-office", what=_t(what), who=f"{name} <{email}>"), EXIT_PROBLEMS,
                  _t("cli.withdraw.not-office.hint", office="、".join(office.maintainers)))


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
    from tracker.folder.root import progress_paths
    from tracker.load.progress import read_progress

    cat = _catalog(ctx)
    root = _root(ctx)
    _office_only(ctx, cat, "decision.withdraw")
    for path in progress_paths(root):
        try:
            raw = read_progress(path.read_bytes(), root.rel(path))
        except OSError:
            continue
        found = next((r for r in raw.records if r.values.get("id") == record_id), None)
        if found is not None:
            break
    else:
        _fail(_t("cli.withdraw.unknown", id=record_id), EXIT_PROBLEMS,
              _t("cli.withdraw.unknown.hint"))
    values: dict[str, object] = {"type": "withdraw", "date": _date_option(date, "--date", EXIT_PROBLEMS).isoformat(),
                                 "withdraws": record_id, "note": note}
    if found.values.get("task") is not None:
        values["task"] = found.values["task"]
    if by:
        values["by"] = by
    _append(ctx, cat, path.stem, values, "cli.withdrew")


@app.command()
def score(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to score at (default: today).")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="table, md, csv, json or xlsx (default: "
                                               "from -o's extension, else table).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    allow_errors: AllowErrors = False,
) -> None:
    """The assessment (考核): each unit's score by the rule in tasks.yaml's scoring: section, ranked, with every
    point's breakdown (ties share a rank)."""
    from tracker.compute.scoring import scores
    from tracker.core.formats import ReportFmt
    from tracker.render.publish import Options as Publish
    from tracker.render.publish import infer_format, produce_scores

    fmt = infer_format(_choice(ReportFmt, format, "--format"), output)
    if fmt is None or fmt is ReportFmt.HTML:
        _fail(_t("cli.bad-choice", option="--format", value=format or output, choices="table, md, csv, json, xlsx"))
    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    data = _report_at(ctx, cat, day, None, allow_errors=allow_errors)
    options = Publish("unit", _opts(ctx).lang, _width(), False)
    _write_output(produce_scores(cat, data, scores(cat, data), fmt, options), output,
                  binary=fmt is ReportFmt.XLSX)


@app.command()
def extend(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task number (1–60) or goal id (G0–G5).")],
    unit: Annotated[str, typer.Option(help="The unit whose deadline is concerned.")],
    until: Annotated[str | None, typer.Option(help="The unit's request: the later deadline asked for.")] = None,
    approve: Annotated[bool, typer.Option("--approve", help="The office approves the open request.")] = False,
    refuse: Annotated[bool, typer.Option("--refuse", help="The office refuses the open request (--note says "
                                         "why).")] = False,
    note: Annotated[str | None, typer.Option(help="The reason for the request, or for a refusal.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the request or decision (default: today).")] = None,
    by: Annotated[str | None, typer.Option(help="Who writes it (default: git user.name).")] = None,
) -> None:
    """A deadline extension (延期申请): a unit asks for a later deadline with a reason (--until, --note); the
    office approves (--approve) or refuses (--refuse --note) the open request. Only an approval moves the
    deadline; the request, the decision and the original deadline stay on record."""
    cat = _catalog(ctx)
    item, uid = _item_and_unit(cat, task, unit)
    if sum((until is not None, approve, refuse)) != 1:
        _fail(_t("cli.extend-usage"))
    if approve or refuse:
        _office_only(ctx, cat, "decision.approve" if approve else "decision.refuse")
    day = _date_option(date, "--date", EXIT_PROBLEMS)
    pair = next((p for p in _pairs(ctx, cat, day, uid).pairs if p.item == item.id), None)
    pending = [x for x in pair.extensions if x.verdict == "pending"] if pair is not None else []
    values: dict[str, object] = {"date": day.isoformat(), "task": item.number or item.id, "note": note or ""}
    if until is not None:
        if pending:
            _fail(_t("cli.extend-pending", id=pending[-1].request.id, until=pending[-1].request.until),
                  EXIT_PROBLEMS, _t("cli.hint.extend-pending"))
        values.update(type="extend", until=_date_option(until, "--until", EXIT_PROBLEMS).isoformat())
        done = "cli.extend-requested"
    else:
        if not pending:
            _fail(_t("cli.extend-none", unit=cat.units[uid].short, task=item.id, date=day.isoformat()),
                  EXIT_PROBLEMS, _t("cli.hint.extend-none"))
        values.update(type="approve" if approve else "refuse", request=pending[-1].request.id)
        done = "cli.extend-approved" if approve else "cli.extend-refused"
    if by:
        values["by"] = by
    _append(ctx, cat, uid, values, done)


@app.command()
def remind(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to judge at (default: today).")] = None,
    unit: Annotated[str | None, typer.Option(help="Only this unit's reminder (the bulletin covers all).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for the notices "
                                                "(default: notices-<date>).", file_okay=False)] = None,
    number: Annotated[str | None, typer.Option("--number", help="The 文号 printed on each document, e.g. "
                                               "鄂安防办〔2025〕12号 (default: the plan's document_number).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Say what changed since this earlier date, e.g. "
                                              "the previous bulletin's (较上期).")] = None,
    record: Annotated[bool, typer.Option("--record", help="Also keep each reminder issued in the register: one "
                                         "`reminder` record in each reminded unit's progress file.")] = False,
    by: Annotated[str | None, typer.Option(help="Who issues the reminders (--record; default: git "
                                           "user.name).")] = None,
    with_score: Annotated[bool, typer.Option("--score", help="The bulletin also names the best-scored units and "
                                             "attaches the assessment scores (tracker score).")] = False,
    allow_errors: AllowErrors = False,
) -> None:
    """Write a reminder notice (提醒) for each lagging unit and one bulletin (通报) ranking the units, each as
    Markdown and as a Word document; with --record, keep what was issued in the reminder register."""
    import datetime as _dt

    from tracker.render.document import notice_docx
    from tracker.render.text import notice_markdown
    from tracker.views.notices import all_notices

    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    folder = output or Path(f"notices-{day.isoformat()}")
    data = _report_at(ctx, cat, day, since, allow_errors=allow_errors)
    stamp = _dt.datetime.combine(day, _dt.time(0, 0))
    from tracker.compute.scoring import scores

    ranked = scores(cat, data) if with_score else None
    for notice in all_notices(cat, data, _opts(ctx).lang, uid, (number or "").strip(), ranked):
        stem = _safe_name(notice.stem)  # a unit's name is user text: never a path
        _write_output(notice_markdown(notice).encode("utf-8"), folder / f"{stem}.md", binary=False)
        _write_output(notice_docx(notice, stamp), folder / f"{stem}.docx", binary=True)
    if record:
        _register(ctx, cat, data, uid, (number or "").strip() or cat.plan.document_number, by)


def _register(ctx: typer.Context, cat: Any, data: Any, unit: str | None, number: str, by: str | None) -> None:
    """Append one `reminder` record per reminded unit to its own file (the register), each unit's file under
    its lock; a unit's refusal leaves its file untouched and is reported, and the command exits 1. A unit
    already registered as reminded that day under the same number is not registered twice."""
    from tracker.core.dates import today_cst
    from tracker.core.refusal import Refused
    from tracker.folder.store import append_records
    from tracker.render.text import refusal_text
    from tracker.views.notices import REPLY_DAYS, reminded_items

    root = _root(ctx)
    who = _who(root.path, by)
    reply = data.as_of + dt.timedelta(days=REPLY_DAYS)
    failed = False
    issued = {(p.unit, r.number) for p in data.pairs for r in p.reminders if r.date == data.as_of}
    due = reminded_items(data, unit)
    for uid in (u for u in cat.units if u in due):
        items = due[uid]
        if (uid, number) in issued:
            _say(_t("cli.reminder-already", unit=cat.units[uid].short, date=data.as_of.isoformat()))
            continue
        values: dict[str, object] = {"type": "reminder", "date": data.as_of.isoformat(),
                                     "items": [cat.items[i].number or i for i in items], "number": number,
                                     "reply_by": reply.isoformat(), "by": who}
        try:
            done = append_records(root, cat, uid, [values], today_cst())
        except Refused as exc:
            typer.echo(refusal_text(exc.msg.text(_lang()) if exc.msg else "", exc.problems, _lang()), err=True,
                       nl=False)
            failed = True
            continue
        _say(_t("cli.reminder-recorded", unit=cat.units[uid].short, n=len(items), path=root.rel(done.path)))
    if failed:
        raise typer.Exit(EXIT_PROBLEMS)


def _repo(ctx: typer.Context) -> Any:
    from tracker.git.history import Repo
    from tracker.git.run import GitError

    try:
        return Repo.of(_root(ctx))
    except GitError as exc:
        _fail(_t("cli.git", error=exc), hint=_t("cli.hint.git"))


def _data_revisions(ctx: typer.Context, *revs: str | None) -> None:
    """Revisions from the command line are data: one that git could read as an option is refused."""

    for rev in revs:
        if rev is not None and any(part.startswith("-") for part in rev.replace("...", "..").split("..")):
            _fail(_t("cli.rev-option", rev=rev), hint=_t("cli.rev-option.hint"))


def _revisions(a: str | None, b: str | None) -> tuple[str, str | None]:
    """``A..B`` or ``A B`` or ``A`` (against the working tree) or nothing (HEAD against the working tree)."""
    if a is not None and ".." in a and b is None:
        left, _, right = a.partition("...") if "..." in a else a.partition("..")
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
    from tracker.compute.review import diff_progress
    from tracker.core.dates import today_cst
    from tracker.git.history import revision_side, working_side
    from tracker.git.run import GitError
    from tracker.render.text import render_diff, to_json
    from tracker.views.review import diff_json, diff_parts

    _data_revisions(ctx, rev_a, rev_b)
    repo = _repo(ctx)
    cat = _catalog(ctx)
    left, right = _revisions(rev_a, rev_b)
    try:
        before = revision_side(repo, left)
        after = working_side(repo) if right is None else revision_side(repo, right)
    except GitError as exc:
        _fail(_t("cli.git", error=exc))
    result = diff_progress(cat, before, after, _date_option(as_of, "--as-of"), today_cst())
    if format is Fmt.JSON:
        _emit(to_json(diff_json(result, left, right or "working tree")))
    else:
        parts = diff_parts(cat, result, f"tracker diff {left}..{right or _t('uncommitted')}", _opts(ctx).lang)
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
    from tracker.git.history import record_history
    from tracker.views.review import log_table

    repo = _repo(ctx)
    cat = _catalog(ctx)
    uid = _unit_id(cat, unit) if unit is not None else None
    tid = _item_id(cat, task) if task is not None else None
    day = _date_option(since, "--since").isoformat() if since is not None else ""
    with _progress(_t("progress.history")) as tick:
        added = list(record_history(repo, tick))
    rows = [a for a in added
            if (uid is None or a.path == f"progress/{uid}.yaml")
            and (tid is None or str(a.values.get("task", "")).upper() == tid)
            and str(a.values.get("date", "")) >= day]
    rows.sort(key=lambda a: (str(a.values.get("date", "")), a.committed.isoformat() if a.committed else "~"))
    _table(log_table(cat, rows, _opts(ctx).lang), format)


@app.command("check-authors")
def check_authors(
    ctx: typer.Context,
    rev_range: Annotated[str, typer.Argument(help="Commits to check, e.g. origin/main..HEAD.")],
    require_signed: Annotated[bool, typer.Option(help="Also demand a good signature on each such commit.")]
    = False,
) -> None:
    """Fail when a commit changed a unit's progress file and its author is neither that unit's maintainer nor
    the office's, edited or removed existing records without being the office, or changed the task list."""
    from tracker.git.history import check_range
    from tracker.git.run import GitError

    _data_revisions(ctx, rev_range)
    repo = _repo(ctx)
    cat = _catalog(ctx)
    try:
        with _progress(_t("progress.commits")) as tick:
            checked, violations = check_range(repo, rev_range, cat, require_signed, tick)
    except GitError as exc:
        _fail(_t("cli.git", error=exc))
    from tracker.core.escape import terminal

    for v in violations:
        typer.echo(terminal(f"{v.commit[:10]} {v.author}: {v.path}: {v.reason.text(_lang())}"))
    typer.echo(_t("cli.checked", commits=checked, violations=len(violations)))
    if not require_signed:
        _say(_t("cli.forgeable"))
    raise typer.Exit(EXIT_PROBLEMS if violations else EXIT_OK)


@app.command()
def codeowners(
    ctx: typer.Context,
    platform: Annotated[str, typer.Option(help="github, gitlab or gitea.")] = "github",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (e.g. "
                                                ".github/CODEOWNERS).")] = None,
) -> None:
    """Write a CODEOWNERS file from units.yaml's maintainers, so the hosting platform enforces ownership."""
    from tracker.render.codeowners import Platform
    from tracker.render.codeowners import codeowners as make

    cat = _catalog(ctx)
    chosen = _choice(Platform, platform, "--platform")
    from tracker.git.history import Repo
    from tracker.git.run import GitError

    try:
        prefix = Repo.of(_root(ctx)).prefix
    except GitError:
        prefix = ""  # not in a repository: paths from the tracking folder
    if not any(u.maintainers for u in cat.units.values()):
        _say(_t("cli.no-maintainers"))
    _write_output(make(cat, chosen, prefix).encode("utf-8"), output, binary=False)


@app.command()
def explain(
    code: Annotated[str | None, typer.Argument(help="A problem code, e.g. bad-date.")] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="Every code, as docs/problems.md holds them.")] = False,
) -> None:
    """What a problem code means and how to fix it (the list is docs/problems.md)."""
    from tracker.core.codes import CODES
    from tracker.core.problems import close_words
    from tracker.render.text import codes_markdown

    if all_codes or code is None:
        _emit(codes_markdown())
        return
    if code not in CODES:
        close = close_words(code, CODES)
        _fail(_t("cli.unknown-code", code=code), EXIT_PROBLEMS, _suggest(close) if close else _t("cli.hint.explain"))
    c = CODES[code]
    zh = _lang() is Lang.ZH
    _emit("\n".join([f"{code} ({_t(f'level.word.{c.level}')})", c.doc_zh if zh else c.doc_en,
                      _t("cli.explain.message", message=c.zh if zh else c.en),
                      _t("hint", hint=c.hint_zh if zh else c.hint_en) if c.hint_zh else ""]).rstrip() + "\n")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to set up (default: here).", file_okay=False)]
    = Path("."),
    git: Annotated[bool | None, typer.Option("--git/--no-git", help="Also make the folder a git repository "
                                             "(asked at a terminal; default: no).")] = None,
) -> None:
    """Set up a new tracking folder: the shipped tasks.yaml and units.yaml, progress/, git settings and a
    pre-commit hook that runs `tracker validate`; and, if asked, a git repository."""
    from tracker.folder.setup import AlreadyThere, init_folder

    if git is None:
        git = _interactive() and typer.confirm(_t("prompt.git"), default=True, err=True)
    try:
        written = init_folder(directory)
    except AlreadyThere as exc:
        _fail(_t("cli.already-there", folder=exc.folder, files=", ".join(exc.present)), EXIT_PROBLEMS,
              _t("cli.hint.nothing-changed"))
    except OSError as exc:
        _fail(_t("cli.cannot-write", path=exc.filename, reason=exc.strerror))
    for path in written:
        _say(_t("cli.created", path=path))
    if git:
        from tracker.git.run import GitError, init_repository

        try:
            init_repository(directory)
        except GitError as exc:
            _fail(_t("cli.git", error=exc))
        _say(_t("cli.created-git", path=directory))
    _say(_t("cli.next-steps", units=directory / "units.yaml"))


@app.command()
def template(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option(help="The unit whose return form to make (id, name or alias).")]
    = None,
    all_units: Annotated[bool, typer.Option("--all", help="One form per unit, into the folder -o names.")]
    = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Show each item's state as of this date "
                                              "(default: today).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The .xlsx file (with --all: a folder; "
                                                "default 填报表-<date>).")] = None,
) -> None:
    """Write a unit's progress return (填报表) as an Excel/WPS workbook to fill in and send back for
    `tracker import`: its items, their current state, and locked, validated input columns."""
    from tracker.core.i18n import label
    from tracker.load.form import list_hash
    from tracker.render.form import template_workbook
    from tracker.views.form import build_form

    lang = _opts(ctx).lang
    if all_units == (unit is not None):
        _fail(label("form.unit-or-all", lang), hint="--unit 市应急局 -o 填报表.xlsx | --all -o 填报表/")
    if not all_units and output is not None and output.suffix.lower() != ".xlsx":
        _fail(_t("form.not-xlsx", path=output), hint=_t("form.not-xlsx.hint"))
    if all_units and output is not None and output.suffix.lower() in (".xlsx", ".csv", ".xls"):
        _fail(_t("form.all-folder", path=output), hint=_t("form.all-folder.hint"))
    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    uid = _unit_id(cat, unit) if unit is not None else None
    digest = list_hash(_root(ctx).tasks.read_bytes())
    pairs = _pairs(ctx, cat, day, uid).pairs
    units = [uid] if uid is not None else list(dict.fromkeys(p.unit for p in pairs))
    for who in units:
        form = build_form(cat, who, pairs, day, digest, lang)
        if not form.rows:
            _fail(label("form.no-items", lang).format(unit=cat.units[who].short), EXIT_PROBLEMS)
        if all_units:
            folder = output or Path(f"{label('form.sheet', lang)}-{day.isoformat()}")
            path = folder / f"{label('form.sheet', lang)}-{_safe_name(cat.units[who].short)}.xlsx"
        else:
            path = output or Path(f"{label('form.sheet', lang)}-{_safe_name(cat.units[who].short)}.xlsx")
        _write_output(template_workbook(form), path, binary=True)


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Filled returns: .xlsx from tracker template, or .csv with "
                                                "the same columns.", dir_okay=False)],
    unit: Annotated[str | None, typer.Option(help="The unit the files must belong to (required for .csv).")]
    = None,
    by: Annotated[str | None, typer.Option(help="Who records (default: git user.name).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything, write nothing.")] = False,
) -> None:
    """Take in filled returns (填报表): every row is checked with the rules of `tracker record`; if any row is
    bad, every problem is listed and nothing is written. Rows imported before are skipped."""
    from tracker.check.sheet import check_sheet
    from tracker.core.dates import today_cst
    from tracker.core.i18n import label
    from tracker.core.refusal import Refused
    from tracker.folder.store import append_records
    from tracker.load.form import list_hash
    from tracker.load.sheet import read_sheet
    from tracker.render.text import sheet_problems_text

    lang = _opts(ctx).lang
    cat = _catalog(ctx)
    root = _root(ctx)
    uid = _unit_id(cat, unit) if unit is not None else None
    digest = list_hash(root.tasks.read_bytes())
    who, today = _who(root.path, by), today_cst()
    problems: list[Any] = []
    batches: dict[str, list[dict[str, object]]] = {}
    for path in files:
        checked = check_sheet(cat, read_sheet(path, str(path), lang), digest, uid, today, who, lang)
        problems += checked.problems
        if checked.unit is not None:
            batches.setdefault(checked.unit, []).extend(checked.batch)
        if checked.unit is not None and not checked.batch and not checked.problems:
            typer.echo(label("import.nothing", lang).format(file=path), err=True)
    if problems:
        typer.echo(sheet_problems_text(problems, lang), err=True, nl=False)
        _fail(label("import.refused", lang).format(n=len(problems)), EXIT_PROBLEMS)
    try:  # every unit's file checked with its rows before any is written: all or nothing, across files too
        for owner, batch in batches.items():
            append_records(root, cat, owner, batch, today, dry_run=True, use_cache=_opts(ctx).cache)
    except Refused as exc:
        _refused(exc)
    for owner, batch in batches.items():
        try:
            done = append_records(root, cat, owner, batch, today, dry_run=dry_run, use_cache=_opts(ctx).cache)
        except Refused as exc:
            _refused(exc)
        message = label("import.added", lang).format(path=root.rel(done.path), added=len(done.written),
                                                     skipped=done.skipped)
        typer.echo(message + (label("import.dry-run", lang) if dry_run else ""), err=True)


# ---------------------------------------------------------------- lower levels

levels_app = _App(cls=_Commands, no_args_is_help=True, rich_markup_mode=None,
                  help="Lower levels (districts under the city, cities under the province): fetch and lock "
                       "them, see which moved, and write the upward return.")
app.add_typer(levels_app, name="levels")


def _declared(ctx: typer.Context, required: bool = True, lock: bool = True) -> Any:
    """levels.yaml (and, with ``lock``, the lock file), checked; stops with their problems when they have errors
    or (``required``) nothing is declared."""
    from tracker.git.levels import declared
    from tracker.load.levels import LEVELS_FILE
    from tracker.render.text import problems_text

    root = _root(ctx)
    found = declared(root)
    errors = [p for p in found.problems if p.level == "error"]
    if found.levels and lock:
        from tracker.git.levels import lock_of

        bad_lock = lock_of(root)[1]
        found = found._replace(problems=found.problems + bad_lock)
        errors += bad_lock
    if found.problems:
        typer.echo(problems_text(found.problems, _lang()), err=True, nl=False)
    if errors:
        _fail(_t("cli.levels.errors", n=len(errors)), EXIT_PROBLEMS)
    if not found.levels and required:
        _fail(_t("cli.levels.none", path=root.path / LEVELS_FILE), EXIT_PROBLEMS, _t("cli.hint.levels"))
    return found


def _rollup(ctx: typer.Context, cat: Any, data: Any, day: dt.date, required: bool = True) -> Any:
    """The folder's report with every lower level at its locked commit."""
    from tracker.compute.rollup import roll_up
    from tracker.core.dates import today_cst
    from tracker.git.levels import walk

    _declared(ctx, required)
    rolled = roll_up(cat, data, walk(_root(ctx), cat, day, today_cst(), use_cache=_opts(ctx).cache))
    if rolled.unmapped:
        first = rolled.unmapped[0]
        _say(_t("cli.levels.unmapped", n=len(rolled.unmapped), first=f"{first.path}:{first.line}:{first.col} "
                f"{first.message(_lang())}"))
    return rolled


def _report_levels(ctx: typer.Context, cat: Any, data: Any, fmt: Any, options: Any, output: Path | None) -> None:
    from tracker.core.formats import ReportFmt
    from tracker.render.levels import level_tables, produce_levels

    rolled = _rollup(ctx, cat, data, data.as_of)
    if fmt is ReportFmt.TABLE and output is None and _rich():
        from tracker.render.terminal import print_report, print_table
        from tracker.views.levels import rollup_summary

        print_report(cat, data, options)
        typer.echo("\n" + rollup_summary(rolled, options.lang))
        for table in level_tables(cat, rolled, options.by, options.lang):
            print_table(table)
        return
    _write_output(produce_levels(cat, data, rolled, fmt, options), output, binary=fmt is ReportFmt.XLSX)


@levels_app.command("fetch")
def levels_fetch(ctx: typer.Context) -> None:
    """Fetch every lower level into .tracker-levels/ and pin its commit in levels.lock.json (commit that file)."""
    from tracker.folder.files import atomic_write
    from tracker.git.levels import fetch, lock_of
    from tracker.load.levels import LOCK_FILE, lock_bytes

    found = _declared(ctx, lock=False)  # a damaged lock is written again
    root = _root(ctx)
    before, _ = lock_of(root)
    got = fetch(root, found.levels)
    for name, error in got.failures:
        _say(_t("cli.levels.failed", level=name, error=error))
    top_failed = [name for name, _ in got.failures if "/" not in name]
    if top_failed:
        _fail(_t("cli.levels.not-all", n=len(top_failed)), EXIT_PROBLEMS)
    for lock in got.locks:
        old = before.get(lock.name)
        if old is None or old.commit != lock.commit:
            _say(_t("cli.levels.moved", level=lock.name, old=old.commit[:12] if old else "—", new=lock.commit[:12]))
    path = root.path / LOCK_FILE
    try:
        atomic_write(path, lock_bytes(got.locks))
    except OSError as exc:
        _fail(_t("cli.cannot-write", path=path, reason=exc.strerror))
    _say(_t("cli.levels.locked", path=LOCK_FILE, n=len(got.locks)))


@levels_app.command("status")
def levels_status(
    ctx: typer.Context,
    format: Annotated[Fmt, typer.Option("--format", "-f", help="table, md, csv or json.")] = Fmt.TABLE,
) -> None:
    """Each lower level's locked commit against what its source names now: which are behind."""
    from tracker.git.levels import lock_of, status
    from tracker.views.levels import status_view

    found = _declared(ctx)
    root = _root(ctx)
    locks, _ = lock_of(root)
    _table(status_view(status(root, found.levels, locks), _lang()), format)


class ReturnFmt(str, Enum):
    MD = "md"
    XLSX = "xlsx"
    DOCX = "docx"


@levels_app.command("return")
def levels_return(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date to report at (default: today).")] = None,
    format: Annotated[ReturnFmt | None, typer.Option("--format", "-f", help="md, xlsx or docx (default: from -o's "
                                                     "extension, else md).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    allow_errors: AllowErrors = False,
) -> None:
    """The upward return (上报): per task, completion with every lower level counted in, overdue, key problems
    and next steps from the latest notes."""
    from tracker.compute.report import build_report
    from tracker.render.levels import return_notice

    fmt = format
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else "md"
        fmt = {"md": ReturnFmt.MD, "markdown": ReturnFmt.MD, "xlsx": ReturnFmt.XLSX, "docx": ReturnFmt.DOCX}.get(suffix)
        if fmt is None:
            _fail(_t("cli.levels.return-format", path=output))
    cat = _catalog(ctx)
    day = _date_option(as_of, "--as-of")
    loaded = _pairs(ctx, cat, day, allow_errors=allow_errors)
    data = build_report(cat, loaded.pairs, day, errors=loaded.units_with_errors)
    rolled = _rollup(ctx, cat, data, day, required=False)  # a district without levels returns its own figures
    notice = return_notice(cat, data, rolled, _lang())
    stamp = dt.datetime.combine(day, dt.time(0, 0))
    if fmt is ReturnFmt.MD:
        from tracker.render.text import notice_markdown

        _write_output(notice_markdown(notice).encode("utf-8"), output, binary=False)
    elif fmt is ReturnFmt.DOCX:
        from tracker.render.document import notice_docx

        _write_output(notice_docx(notice, stamp, wide=True), output, binary=True)
    else:
        from tracker.render.workbook import workbook

        tables = [b.table for b in notice.blocks if b.table is not None]
        _write_output(workbook([(notice.title, notice.title)], tables, stamp), output, binary=True)


def _safe_name(name: str) -> str:
    """A unit's name as a file name on every system."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .") or "unit"


def _item_id(cat, text: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.core.problems import close_words, shown

    key = text.strip().upper().lstrip("#")
    if key.isdigit():
        key = str(int(key))
    if key not in cat.items:
        close = close_words(key, cat.items)
        _fail(_t("cli.no-task", task=shown(text)), EXIT_PROBLEMS,
              _suggest(close) if close else _t("cli.hint.tasks"))
    return key


def _suggest(words: list[str]) -> str:
    from tracker.core.problems import did_you_mean

    pair = did_you_mean(words[0], words)
    return pair[0] if _lang() is Lang.ZH else pair[1]


def _unit_id(cat, name: str, ask: bool = False) -> str:  # type: ignore[no-untyped-def]
    """A unit named as people name it; at a prompt (``ask``) a wrong name is said and asked again."""
    from tracker.core.i18n import Msg
    from tracker.core.problems import close_words, shown
    from tracker.load.inputs import BadInput

    ids = cat.lookup_unit(name)
    if len(ids) == 1:
        return str(ids[0])
    if len(ids) > 1:
        msg, hint = Msg.of("cli.unit-ambiguous", name=shown(name), ids=", ".join(ids)), _t("cli.hint.unit-id")
    else:
        close = close_words(name.strip(), [n for u in cat.units.values() for n in u.names()])
        msg, hint = Msg.of("cli.unknown-unit", name=shown(name)), _suggest(close) if close else _t("cli.hint.units")
    if ask:
        raise BadInput(msg)
    _fail(msg.text(_lang()), EXIT_PROBLEMS, hint)


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
    except KeyboardInterrupt as exc:
        from tracker.folder.store import InterruptedAfterWriting

        late = isinstance(exc, InterruptedAfterWriting)
        typer.echo("tracker: " + _t("cli.interrupted-after-write" if late else "cli.interrupted"), err=True)
        return 130
    except WorkerDied:
        typer.echo("tracker: " + _t("cli.worker-died"), err=True)
        typer.echo("    " + _t("hint", hint=_t("cli.hint.worker-died")), err=True)
        return 3
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("TRACKER_DEBUG"):
            raise
        typer.echo("tracker: " + _t("cli.internal", error=f"{type(exc).__name__}: {exc}"), err=True)
        typer.echo("    " + _t("hint", hint=_t("cli.hint.internal")), err=True)
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
