"""ПИН / ИНН / ЖИН: the 14-digit personal identification number of a KR citizen.

Format (Закон КР «Об актах гражданского состояния», ст. 14; ГРС): first digit is the
sex (1 female, 2 male), then the date of birth DDMMYYYY, then a 5-digit serial. It is
sometimes printed in groups (`2 0707 1969 00112`). Legal entities' ИНН start with 0
and are not personal, so they are not matched. Validated: a real calendar date.
"""

from __future__ import annotations

import datetime

from anonymize.recognizers.base import DataRecognizer


def valid_pin(digits: str, *, today: datetime.date | None = None) -> bool:
    if len(digits) != 14 or digits[0] not in "12":
        return False
    try:
        born = datetime.date(int(digits[5:9]), int(digits[3:5]), int(digits[1:3]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today())


class PinRecognizer(DataRecognizer):
    ENTITY = "PIN"
    PATTERNS = (("pin_14_digits", r"(?<![\d.,/-])[12](?:[ \u00a0-]?\d){13}(?!\d|[,.]\d|/)", 0.7),)
    CONTEXT = ("ПИН", "ИНН", "ЖИН", "идентификационный")

    def validate_result(self, pattern_text: str) -> bool:
        return valid_pin("".join(ch for ch in pattern_text if ch.isdigit()))
