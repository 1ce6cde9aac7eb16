"""The help of every command in both languages: every word from i18n, folded by display width."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from typer._click.core import Context

from tracker.cli import help as hp
from tracker.cli.app import app
from tracker.cli.writes import document_of
from tracker.core import i18n
from tracker.core.i18n import Lang


def commands() -> Iterator[tuple[Any, Any]]:
    """Every command of the app (the app itself, each command, the groups and their commands) with a context
    as click makes it when that command's help is asked for."""
    def walk(command: Any, ctx: Any) -> Iterator[tuple[Any, Any]]:
        yield command, ctx
        for name in command.list_commands(ctx) if hasattr(command, "list_commands") else []:
            sub = command.get_command(ctx, name)
            yield from walk(sub, Context(sub, info_name=name, parent=ctx))

    root = typer.main.get_command(app)
    yield from walk(root, Context(root, info_name="tracker"))


def ascii_sentences(text: str) -> list[str]:
    """The sentences of a text that hold words but no Chinese."""
    return [s for s in re.split(r"[。；\n]|(?<=\.)\s", text) if re.search("[A-Za-z]{2}", s) and s.isascii()]


def test_every_command_option_and_argument_has_help_in_both_languages() -> None:
    seen = 0
    for command, ctx in commands():
        path = hp.command_path(ctx)
        texts = [hp.command_help(path, lang) for lang in Lang]
        for param in command.get_params(ctx):
            texts += [hp.param_help(path, param, lang) for lang in Lang]  # a missing label raises KeyError
            if param.param_type_name == "argument":
                texts += [hp.arg_name(param, lang) for lang in Lang]
        zh, en = texts[0::2], texts[1::2]
        assert all(zh) and all(en), path
        for text in zh:
            assert not ascii_sentences(text), (path, text)
        seen += 1
    assert seen > 25  # the app, its commands, the levels group and its commands


@pytest.mark.parametrize("lang", list(Lang))
def test_every_help_page_is_in_one_language_and_fits_the_width(lang: Lang) -> None:
    english = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[required", "default:",
               "env var", "<str>", "<int>")
    for command, ctx in commands():
        for width in (78, 50):
            text = hp.page(command, ctx, lang, width)
            assert all(hp.cells(line) <= width for line in text.splitlines()), (command.name, width)
        if lang is Lang.ZH:
            assert not [w for w in english if w in text], command.name
            sources = [p.help for p in command.params if p.help] + [(command.help or "").split(". ")[0]]
            assert not [s for s in sources if s and s in text], command.name  # no docstring or help= text
            assert all(not m.isascii() or "|" in m for m in re.findall("<[^>]+>", text)), command.name
        else:
            assert "Usage: " in text and "用法" not in text


def test_no_help_label_is_left_unused() -> None:
    used = {"help.app", "help.common.help"} | {k for k in i18n._LABELS if k.startswith(("help.word.", "help.type."))}
    for command, ctx in commands():
        path = hp.command_path(ctx)
        key = "help." + ".".join(path) if path else "help.app"
        used.add(key)
        for param in command.get_params(ctx):
            own = f"{key}.{hp.param_id(param)}"
            used.add(own if own in i18n._LABELS else f"help.common.{hp.param_id(param)}")
            if param.param_type_name == "argument":
                used.add(f"help.arg.{hp.param_id(param)}")
    unused = {k for k in i18n._LABELS if k.startswith("help.") and k not in used}
    assert not unused


def test_the_list_of_commands_gives_each_one_s_first_sentence() -> None:
    root, ctx = next(commands())
    zh = hp.page(root, ctx, Lang.ZH, 78)
    assert "  record         记录单位在一项任务上的进展。\n" in zh
    assert "  levels         下级的获取、锁定和上报。\n" in zh
    en = hp.page(root, ctx, Lang.EN, 78)
    assert "  record         Record a unit's progress on a task.\n" in en


def test_a_summary_too_long_is_cut_between_characters_or_words_never_through_one() -> None:
    assert hp.summary("记录单位在一项任务上的进展。先检查", 40) == "记录单位在一项任务上的进展。"
    assert hp.summary("记录单位在一项任务上的进展。先检查", 11) == "记录单位在…"
    assert hp.cells(hp.summary("记录单位在一项任务上的进展。", 12)) <= 12
    assert hp.summary("Record a unit's progress on a task. Everything given", 20) == "Record a unit's…"
    assert hp.clip("检查 tasks.yaml、units.yaml", 18) == "检查 tasks.yaml…"


def test_wrapping_breaks_between_chinese_characters_and_at_spaces_never_inside_a_word() -> None:
    assert hp.wrap("进度文件（缓存在 .git/tracker-cache/ 或 ~/.cache/tracker/）。", 24) == [
        "进度文件（缓存在", ".git/tracker-cache/ 或", "~/.cache/tracker/）。"]
    assert hp.wrap("一二三四五六，七八", 12) == ["一二三四五", "六，七八"]  # no line starts with a comma
    assert hp.wrap("Show this message and exit.", 12) == ["Show this", "message and", "exit."]
    assert hp.cells("８０％ 按 80 记") == 15


def test_the_help_is_written_once_in_i18n_and_printed_from_there() -> None:
    """The words of each command and option live in i18n alone, in both languages: no option carries a help text
    of its own beside it (nothing to drift from them), no docstring is printed, and every page is made of
    i18n's words, the formats of --format from the table of formats."""
    for command, ctx in commands():
        path = hp.command_path(ctx)
        assert [p.name for p in command.params if p.help] == [], path
        for lang in Lang:
            text = hp.page(command, ctx, lang, 10_000)
            assert hp.command_help(path, lang) in text, path
            assert not command.help or command.help.split(". ")[0] not in text, path
            for param in command.get_params(ctx):
                if not param.hidden:
                    assert hp.param_help(path, param, lang, document_of(command)) in text, (path, param.name)


def test_the_help_of_format_names_the_formats_of_the_command_s_document() -> None:
    pages = {hp.command_path(ctx): hp.page(command, ctx, Lang.ZH, 10_000) for command, ctx in commands()}
    assert "table、md、csv、json、html 或 xlsx（默认：按 -o 的扩展名，否则 table）。" in pages[("report",)]
    assert "text 或 json（默认：按 -o 的扩展名，否则 text）。" in pages[("validate",)]
    assert "md、xlsx 或 docx（默认：按 -o 的扩展名，否则 md）。" in pages[("levels", "return")]


@pytest.mark.parametrize("lang", list(Lang))
def test_every_command_prints_this_help(lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command made without the app's classes would print click's English help instead."""
    monkeypatch.setenv("TRACKER_LANG", lang.value)
    for command, ctx in commands():
        width = ctx.make_formatter().width
        assert command.get_help(ctx) == hp.page(command, ctx, lang, width).rstrip("\n"), hp.command_path(ctx)
