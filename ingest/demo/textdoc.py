"""A born-digital document as a list of styled blocks, independent of the output format.

Court decisions and draft laws are composed once and then written as DOCX or PDF, so both
formats of the corpus carry the same text and the extractors can be compared on it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from ingest.demo.lang import tidy

Style = Literal["heading", "center", "para", "plain", "split", "bold"]


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph; `split` puts `text` at the left margin and `right` at the right one."""

    text: str
    style: Style = "para"
    right: str = ""


@dataclass(frozen=True, slots=True)
class TextDoc:
    title: str
    language: str
    date: datetime.date
    blocks: tuple[Block, ...]

    def plain_text(self) -> str:
        lines = [f"{b.text}\t{b.right}" if b.style == "split" else b.text for b in self.blocks]
        return "\n".join(lines) + "\n"


def heading(text: str) -> Block:
    return Block(tidy(text), "heading")


def center(text: str) -> Block:
    return Block(tidy(text), "center")


def para(text: str) -> Block:
    return Block(tidy(text), "para")


def plain(text: str) -> Block:
    return Block(tidy(text), "plain")


def bold(text: str) -> Block:
    return Block(tidy(text), "bold")


def split(left: str, right: str) -> Block:
    return Block(left, "split", right)
