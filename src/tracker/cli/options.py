"""The options and arguments several commands share, declared once. Their words are not here: the help of
each lives in i18n, in both languages (``help.common.<name>``, or the command's own ``help.<command>.<name>``),
and ``cli.help`` prints it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.output import FormatName
from tracker.cli.usage import Whole, file

Task = Annotated[str, typer.Argument()]
Unit = Annotated[str | None, typer.Option()]
AsOf = Annotated[str | None, typer.Option("--as-of")]
Since = Annotated[str | None, typer.Option("--since")]
Action = Annotated[int | None, typer.Option(click_type=Whole())]
Note = Annotated[str | None, typer.Option()]
Date = Annotated[str | None, typer.Option()]
By = Annotated[str | None, typer.Option()]  # who makes the record
AllowErrors = Annotated[bool, typer.Option("--allow-errors")]
# every command that writes a document: the format (of those that render it) and the file
Format = Annotated[str | None, typer.Option("--format", "-f", click_type=FormatName())]
Output = Annotated[Path | None, typer.Option("--output", "-o")]
# a published list and how it is read (tracker init --from, tracker tasks import)
ListFile = Annotated[Path | None, typer.Option("--from", click_type=file())]
Directory = Annotated[Path | None, typer.Option("--units", click_type=file())]  # the unit directory
CampaignEnd = Annotated[str | None, typer.Option("--campaign-end")]
