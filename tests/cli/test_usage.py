"""Usage errors said by their kind, in the run's language, whatever option names a value (a short alias too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

runner = CliRunner()

KINDS = [  # args, Chinese, English: each kind of usage error click has, and the kinds the app adds
    (["validate", "-f", "md"], "--format 的值无效：'md' 不是可选值（'text', 'json'）",
     "invalid value for --format: 'md' is not one of 'text', 'json'"),  # an option with a short alias
    (["report", "--by", "foo"], "--by 的值无效：'foo' 不是可选值（'task', 'unit', 'action', 'goal', 'carried'）",
     "invalid value for --by: 'foo' is not one of 'task', 'unit', 'action', 'goal', 'carried'"),
    (["overdue", "--within", "-5"], "--within 的值无效：-5 不在允许的范围（x>=0）内",
     "invalid value for --within: -5 is not in the range x>=0"),
    (["tasks", "--action", "x"], "--action 的值无效：'x' 不是整数",
     "invalid value for --action: 'x' is not a whole number"),
    (["report", "--bogus"], "没有选项 --bogus", "no such option: --bogus"),
    (["report", "--bogs"], "没有选项 --bogs（可能是：--by）", "no such option: --bogs (possible options: --by)"),
    (["report", "-x"], "没有选项 -x", "no such option: -x"),
    (["reprot"], "没有命令 reprot；你是不是要写 'report'？", "no such command: reprot; did you mean 'report'?"),
    (["levels", "nope"], "没有命令 nope", "no such command: nope"),
    (["--no-cache"], "缺少命令", "missing command"),
    (["record"], "缺少参数 任务", "missing argument task"),
    (["verify", "5"], "缺少选项 --unit", "missing option --unit"),
    (["report", "-f"], "选项 -f 需要一个值", "option -f needs a value"),
    (["validate", "--strict=yes"], "选项 --strict 不接受值", "option --strict takes no value"),
    (["report", "extra", "more"], "多余的参数：extra more", "unexpected extra argument(s): extra more"),
]


@pytest.mark.parametrize(("args", "zh", "en"), KINDS, ids=[" ".join(k[0]) for k in KINDS])
def test_each_kind_of_usage_error_in_both_languages(mini: Path, args: list[str], zh: str, en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        result = runner.invoke(app, ["--root", str(mini), *args], env={"TRACKER_LANG": lang}, prog_name="tracker")
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"tracker: {words}\n"), result.output
        hint = "列出用法和所有选项" if lang == "zh" else "lists the usage and every option"
        assert hint in result.output and "Error" not in result.output and "Usage:" not in result.output


def test_a_path_of_the_wrong_kind_is_named_as_the_help_names_it(mini: Path, tmp_path: Path) -> None:
    zh = runner.invoke(app, ["init", str(mini / "tasks.yaml")])
    said = f"tracker: 目录 的值无效：{mini / 'tasks.yaml'} 是文件，不是目录\n"
    assert zh.exit_code == 2 and zh.output.startswith(said)
    en = runner.invoke(app, ["--lang", "en", "--root", str(mini), "import", str(tmp_path)])
    said = f"tracker: invalid value for files...: {tmp_path} is a folder, not a file"
    assert en.exit_code == 2 and en.output.startswith(said)


def test_words_come_from_the_error_s_kind_not_from_click_s_english() -> None:
    """A click error whose English changed would still be said the same: only its class and attributes count."""
    from typer._click.exceptions import NoSuchOption

    from tracker.cli.usage import words
    from tracker.core.i18n import Lang

    exc = NoSuchOption("--x", message="whatever click says today", possibilities=["--by", "--as-of"])
    assert words(exc, Lang.ZH) == "没有选项 --x（可能是：--as-of, --by）"
