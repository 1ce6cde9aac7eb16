"""``docx``: a 公文 as a Word document (GB/T 9704), its tables as attachments."""

from __future__ import annotations

from tracker.core.formats import Options
from tracker.render.document import notice_docx
from tracker.views.documents import Noticed


def notice(doc: Noticed, o: Options) -> bytes:
    return notice_docx(doc.notice, doc.stamp, wide=doc.wide)
