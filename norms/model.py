"""Types shared by the stages: the public ``NormRef`` and the parser's intermediate records."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


@dataclass(frozen=True, slots=True)
class NormRef:
    """One reference found in a text: where it is and which norms it names."""

    start: int  # str indices into the text given to extract_norms
    end: int
    text: str  # text[start:end]
    ids: tuple[str, ...]  # canonical ids, e.g. ("gpk-kr-2017/367", "gpk-kr-2017/368")


class TooManyNorms(ValueError):
    """A citation names more norms than the caller allows (ranges multiply out).

    A ValueError, so every caller that turns a bad citation into a user error (400 in the
    API) turns this one too; the message is in Russian.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"Ссылка раскрывается в {size} норм, допустимо не больше {limit}: "
            "сузьте диапазоны статей, частей или пунктов"
        )
        self.size = size
        self.limit = limit


class Level(IntEnum):
    """Subdivisions from the largest down; PARA (абзац) has no slot in an id."""

    ARTICLE = 0
    PART = 1
    ITEM = 2
    SUBITEM = 3
    PARA = 4


@dataclass(slots=True)
class Component:
    """A subdivision word with its numbers: «ч.ч. 1, 2», «статьями 198-200», «2-бөлүгү»."""

    level: Level
    values: list[str]
    start: int
    end: int
    sep_before: bool = False  # a comma or a conjunction stands before it
    ambiguous_item: bool = False  # «пп.»: items, or a subitem when a «п.» is also there


@dataclass(frozen=True, slots=True)
class ActMention:
    """A named act: a code (by family keys) or a law (by number or title)."""

    start: int
    end: int
    families: tuple[str, ...] = ()
    jur: str | None = None
    law_number: str | None = None
    law_title: str | None = None
    is_law: bool = False


@dataclass(slots=True)
class RawRef:
    """A parsed reference before its ids are resolved."""

    start: int
    end: int
    act: ActMention
    components: list[Component] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Scan:
    """A cleaned text being searched, its lower-cased copy (same length) and language."""

    text: str
    lower: str
    lang: str | None
