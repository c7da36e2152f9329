"""anonymize: produce the public projection of every page.

Until the depersonification policy lands this is a pass-through, but it is the only
place that writes `public_text` and `public_image_key`, and the index and the API read
nothing else: the seam the policy will fill.
"""

from __future__ import annotations

from typing import ClassVar

from core.context import AppContext
from core.models import Document
from core.types import Stage


class Anonymize:
    stage: ClassVar[Stage] = Stage.ANONYMIZE

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            for page in doc.pages:
                page.public_text = page.text
                page.public_image_key = page.image_key
