"""E-mail addresses (RFC 5322 subset: the forms people write in court papers)."""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer


class EmailRecognizer(DataRecognizer):
    ENTITY = "EMAIL"
    PATTERNS = (
        (
            "email",
            r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}"
            r"(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}(?![\w])",
            0.9,
        ),
    )
    CONTEXT = ("почта", "e-mail", "email", "дарек")
