"""Words of the court portal's card and of document headings that are never persons
(kept, and guarded so that no name recognizer reaches inside).

The portal publishes every act under a card («Деперсонифицированный судебный акт»,
«Номер дела:», «Категория дела:», ky «Деперсонификацияланган сот актысы»); natasha,
trained on news, reads a capitalised «Деперсонифицированные» at the top of a page as a
surname. The card's field labels and the depersonification words are guarded; the
values after a label (a judge's name after «Судья:») are left to the other recognizers
and the role policy.
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer

_DEPERS = (
    r"(?:[Дд]еперсонифицир\w{2,12}|ДЕПЕРСОНИФИЦИР\w{2,12}|[Оо]безличенн\w{1,4}"
    r"|ОБЕЗЛИЧЕНН\w{1,4}|[Дд]еперсонификаци\w{1,12}|ДЕПЕРСОНИФИКАЦИ\w{1,12}"
    r"|[Жж]ашырылган\w{0,4}|[Аа]нонимдештирил\w{1,8})"
)
_FIELD = (
    r"(?:Номер[ \u00a0]дела|Дата[ \u00a0](?:документа|решения|вынесения|акта|поступления"
    r"|публикации)|Категория[ \u00a0]дела|Тип[ \u00a0]документа|Вид[ \u00a0](?:документа"
    r"|судопроизводства)|Инстанция|Исход[ \u00a0]дела|Результат[ \u00a0]рассмотрения"
    r"|Наименование[ \u00a0]суда|Иштин[ \u00a0]номери|Иштин[ \u00a0]категориясы"
    r"|Документтин[ \u00a0](?:түрү|датасы)|Соттун[ \u00a0]аталышы)"
)


class PortalHeaderRecognizer(DataRecognizer):
    ENTITY = "HEADER"
    PATTERNS = (
        ("depersonified", rf"(?<![\w]){_DEPERS}(?![\w])", 0.9),
        ("card_field", rf"(?m:^[ \u00a0\t]{{0,8}}){_FIELD}(?=[ \u00a0]{{0,2}}:)", 0.9),
    )
