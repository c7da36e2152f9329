"""Bank account and payment-card numbers of private persons.

KR bank accounts are 16 digits (НБКР: bank code 3 + 13), cards 16 digits printed in
groups of four; Russian accounts are 20 digits. A 14-digit number is a ПИН, not an
account, and is left to the ПИН recognizer.
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer


class BankAccountRecognizer(DataRecognizer):
    ENTITY = "BANK_ACCOUNT"
    PATTERNS = (
        ("account_16_20", r"(?<![\d.,/-])(?:\d{16}|\d{20})(?!\d|[,.]\d|/)", 0.75),
        (
            "card_groups",
            r"(?<![\d.,/-])\d{4}(?:[ \u00a0-]\d{4}){3}(?:[ \u00a0-]\d{1,4})?(?!\d|[,.]\d|/)",
            0.8,
        ),
    )
    CONTEXT = ("счет", "счёт", "карт", "эсеп", "карта")
