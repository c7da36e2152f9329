"""Names in lists: enumerations of «Name Surname (note)» items, as sports line-ups,
referees, rating tables and lists of co-defendants are written
(`• Коффи Коджа (Бенин) • Эссам Абд Эль Фатах (Египет)`, `Максим Туров (2539), Игорь
Курносов (2526), ...`).

natasha reads each item on its own and passes by the ones whose names it does not know.
A list of at least three items of the same shape, most of which open with a known first
name, is a list of persons: every item's name is one, known first name or not.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from anonymize.names import in_first_name_list, is_geo, is_role_word
from anonymize.recognizers.base import REGEX_TIMEOUT_S, make_result
from anonymize.transliteration import to_cyrillic

_CAP = r"\p{Lu}[\p{Ll}'’]{1,30}(?:-\p{Lu}?[\p{Ll}'’]{1,30})?"
_LINK = r"(?:аль|эль|де|ван|фон|бин|ибн|ди|да|ле|ла|дель)"
_ITEM_NAME = rf"{_CAP}(?:[ \u00a0](?:{_CAP}|{_LINK})){{0,2}}[ \u00a0]{_CAP}"
_ITEM = rf"(?P<name>{_ITEM_NAME})[ \u00a0]{{1,2}}\([^()\n]{{1,40}}\)"
_SEP = r"[ \u00a0]{0,3}(?:•|·|,|;|\n)[ \u00a0\n]{0,3}(?:•[ \u00a0]{0,3})?"
_LIST = re.compile(rf"(?<![\w-]){_ITEM}(?:{_SEP}{_ITEM}){{2,40}}")
# bulleted items: the groups may be short (`Азию представляют два арбитра: • ... • ...`),
# so the bullets of the whole document are judged together
_BULLET = re.compile(rf"(?:^|•|·)[ \u00a0]{{0,3}}{_ITEM}", re.MULTILINE)
_ONE = re.compile(_ITEM)
SCORE = 0.6


class PersonListRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, language: str = "ru") -> None:
        super().__init__(
            supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=language
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        for lst in _LIST.finditer(text, timeout=REGEX_TIMEOUT_S):
            names = [m.span("name") for m in _ONE.finditer(text, lst.start(), lst.end())]
            out += self._persons(text, names)
        bullets = [m.span("name") for m in _BULLET.finditer(text, timeout=REGEX_TIMEOUT_S)]
        if len(bullets) >= 3:
            out += self._persons(text, bullets)
        return out

    def _persons(self, text: str, names: list[tuple[int, int]]) -> list[RecognizerResult]:
        """All the items' names, if the items are a list of persons."""
        names = [
            (s, e)
            for s, e in names
            if not is_role_word(text[s:e].split()[0]) and not is_geo(text[s:e].split()[0])
        ]
        firsts = [text[s:e].split()[0] for s, e in names]
        known = sum(in_first_name_list(to_cyrillic(w), with_ambiguous=True) for w in firsts)
        if len(names) < 3 or 2 * known < len(names):
            return []
        return [make_result(self, self.ENTITY, s, e, SCORE) for s, e in names]
