"""What a draft law changes: its amending text read as operations on canonical norm ids.

«Внести в Уголовный кодекс … следующие изменения: 1) часть 2 статьи 168 изложить в
следующей редакции: «…»; 2) статью 170 признать утратившей силу» gives
``amend uk-kr-2021/168/2`` and ``repeal uk-kr-2021/170``; the Kyrgyz «… кодексине
төмөнкүдөй өзгөртүүлөр киргизилсин: 1) 168-берененин 2-бөлүгү … баяндалсын» likewise.

Stages: the cleaned text has its quoted new wording blanked (``amendments_text``); headers
(«Внести в …», «… киргизилсин») name the amended act, resolved to its edition on the
draft's date by the norm catalog; the text is cut into numbered clauses whose «в статье
95:» lines give context to the clauses under them; in each clause the verbs
(``amendments_verbs``) and the units around them (``amendments_units``) make the
operations. Renumbered units are named as numbered before the change; an insertion gets
the id the new unit will have. Texts that amend nothing give ``[]``.
"""

from __future__ import annotations

import datetime

from norms.amendments_model import Operation, OpKind
from norms.amendments_parse import ClauseParser
from norms.clean import clean
from norms.extract import guess_lang

__all__ = ["OpKind", "Operation", "amendment_ops", "parse_amendments"]


def parse_amendments(
    text: str, doc_date: datetime.date | None = None, lang: str | None = None
) -> list[Operation]:
    """The operations an amending text makes, in the order its clauses make them.

    ``doc_date`` (the draft's date; today when not given) picks the edition of each act;
    ``lang`` («ru»/«ky») picks the grammar and is guessed when not given.
    """
    if not text or not text.strip():
        return []
    on = doc_date or datetime.date.today()
    return ClauseParser(text, on, lang or guess_lang(clean(text).text)).run()


def amendment_ops(
    text: str, doc_date: datetime.date | None = None, lang: str | None = None
) -> list[tuple[str, str]]:
    """Sorted unique ``(operation, norm id)`` pairs, the form of ``amendments-dev.jsonl``."""
    return sorted({(op.kind.value, op.norm_id) for op in parse_amendments(text, doc_date, lang)})
