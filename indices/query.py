"""The user's query, parsed once (luqum) into a small tree that each backend compiles.

Nothing the user typed reaches an engine as a string: every leaf here is already
analysed, so the tantivy and OpenSearch compilers only translate node kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luqum import tree as lt
from luqum.exceptions import ParseError
from luqum.parser import parser

from core.errors import QuerySyntaxError
from core.settings import Settings
from indices.analysis import (
    TOKEN,
    auto_fuzziness,
    edit_distance,
    exact,
    exact_terms,
    fold,
    stem,
    stem_variants,
    terms,
)
from indices.ocr_confusions import ocr_variants
from indices.query_messages import parse_error_message
from indices.types import KEYWORD_FIELDS
from norms import resolve_citation

TEXT_FIELDS = {"text": "text", "title": "title", "текст": "text", "заголовок": "title"}
# The query names of the keyword fields: each field by its own name (indices.types, the one
# list) and by its Russian name.
KEYWORD_ALIASES = {
    **{f: f for f in KEYWORD_FIELDS},
    "коллекция": "collection",
    "тип": "doc_type",
    "язык": "language",
    "формат": "format",
    "суд": "court",
    "инстанция": "instance",
    "категория": "category",
    "исход": "outcome",
    "норма": "norm",
}
# `norm:uk-kr-2021/168` has a slash, which the Lucene grammar reads as a regex: quote it.
_NORM_VALUE = re.compile(r'(?i)\b(norm|норма):(?!["(])([^\s()"]+)')
INT_FIELDS = {"year": "year", "год": "year", "id": "id"}
MAX_FUZZY = 2
MAX_INT = 2**31 - 1  # integer fields are 32-bit in the OpenSearch mapping


@dataclass(frozen=True, slots=True)
class Node:
    pass


@dataclass(frozen=True, slots=True)
class MatchAll(Node):
    pass


@dataclass(frozen=True, slots=True)
class Terms(Node):
    """One word in text fields: any of its stems (see analysis.stem_variants)."""

    stems: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StemPhrase(Node):
    """A word the tokenizer splits («58-10»): its stems, adjacent and in order."""

    stems: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrase(Node):
    words: tuple[str, ...]  # exact (folded, lowercased) forms
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prefix(Node):
    prefix: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fuzzy(Node):
    word: str
    distance: int
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Keyword(Node):
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class IntRange(Node):
    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Bool(Node):
    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()


DEFAULT_FIELDS = ("text", "title")


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """What one query may cost, checked on the parsed tree so both backends get it.

    The defaults are those of core.settings (a test keeps them equal); the API passes
    ``QueryLimits.from_settings(ctx.settings)``.
    """

    max_length: int = 1000
    max_clauses: int = 64
    max_depth: int = 10
    max_fuzzy: int = 2
    fuzzy_max_length: int = 24
    max_prefixes: int = 4
    prefix_min_length: int = 2
    norm_expansion_max: int = 200

    @classmethod
    def from_settings(cls, s: Settings) -> QueryLimits:
        return cls(
            max_length=s.query_max_length,
            max_clauses=s.query_max_clauses,
            max_depth=s.query_max_depth,
            max_fuzzy=s.query_max_fuzzy,
            fuzzy_max_length=s.query_fuzzy_max_length,
            max_prefixes=s.query_max_prefixes,
            prefix_min_length=s.query_prefix_min_length,
            norm_expansion_max=s.norm_expansion_max,
        )


DEFAULT_LIMITS = QueryLimits()


def _nesting(q: str) -> int:
    """Deepest bracket nesting of the raw text: refused before the parser recurses."""
    depth = deepest = 0
    quoted = False
    for ch in q:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return deepest


def _check_tree(tree: lt.Item, limits: QueryLimits) -> None:
    """Clauses, nesting, fuzzy terms and prefixes of the parsed tree, walked without
    recursion, before anything is expanded or analysed."""
    clauses = fuzzy = prefixes = 0
    stack: list[tuple[lt.Item, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limits.max_depth:
            raise QuerySyntaxError(
                f"Запрос слишком глубоко вложен (больше {limits.max_depth} уровней)"
            )
        if isinstance(node, lt.Fuzzy):
            fuzzy += 1
            word = node.term.value if isinstance(node.term, lt.Word) else ""
            if len(word) > limits.fuzzy_max_length:
                raise QuerySyntaxError(
                    f"Нечёткий поиск (~) применяется к словам не длиннее "
                    f"{limits.fuzzy_max_length} букв"
                )
        elif isinstance(node, lt.Word) and ("*" in node.value or "?" in node.value):
            prefixes += 1
        if isinstance(node, lt.Word | lt.Phrase | lt.Fuzzy | lt.Range | lt.Regex):
            clauses += 1
            continue
        stack.extend((c, depth + 1) for c in node.children)
    if clauses > limits.max_clauses:
        raise QuerySyntaxError(
            f"В запросе {clauses} условий, допустимо не больше {limits.max_clauses}"
        )
    if fuzzy > limits.max_fuzzy:
        raise QuerySyntaxError(
            f"В запросе {fuzzy} нечётких слов (~), допустимо не больше {limits.max_fuzzy}"
        )
    if prefixes > limits.max_prefixes:
        raise QuerySyntaxError(
            f"В запросе {prefixes} шаблонов (*), допустимо не больше {limits.max_prefixes}"
        )


def parse(q: str, limits: QueryLimits = DEFAULT_LIMITS) -> Node:
    """Parse a user query; raises QuerySyntaxError with a message a person can act on.

    ``limits`` refuse a query that would be expensive (length, clauses, nesting, fuzzy
    terms, prefixes, norm expansion) before it is expanded or reaches a backend.
    """
    q = q.strip()
    if not q or q == "*":
        return MatchAll()
    if len(q) > limits.max_length:
        raise QuerySyntaxError(f"Запрос слишком длинный (более {limits.max_length} символов)")
    if q.count('"') % 2:
        raise QuerySyntaxError("Незакрытая кавычка в запросе")
    if _nesting(q) > limits.max_depth:
        raise QuerySyntaxError(f"Запрос слишком глубоко вложен (больше {limits.max_depth} уровней)")
    q = _NORM_VALUE.sub(r'\1:"\2"', q)
    try:
        tree = parser.parse(q)
    except (ParseError, ValueError, TypeError, RecursionError) as e:
        raise QuerySyntaxError(parse_error_message(q, e)) from e
    _check_tree(tree, limits)
    return _simplify(_convert(tree, DEFAULT_FIELDS, limits))


def _int(value: str) -> int | None:
    if value == "*":
        return None
    try:
        n = int(value)
    except ValueError:
        raise QuerySyntaxError(f"Ожидалось число, получено «{value}»") from None
    if not -MAX_INT - 1 <= n <= MAX_INT:
        raise QuerySyntaxError(f"Число «{value}» вне допустимого диапазона")
    return n


def _word(value: str, fields: tuple[str, ...], limits: QueryLimits) -> Node:
    if "*" in value or "?" in value:
        head = value.rstrip("*")
        if "*" in head or "?" in head or not head:
            raise QuerySyntaxError(f"Шаблон «{value}»: поддерживается только * в конце слова")
        parts = exact_terms(head)
        if len(parts) != 1:
            raise QuerySyntaxError(f"Шаблон «{value}»: * ставится после одного слова")
        if len(parts[0]) < limits.prefix_min_length:
            raise QuerySyntaxError(
                f"Шаблон «{value}»: перед * нужно не меньше {limits.prefix_min_length} букв"
            )
        return Prefix(parts[0], fields)
    stems = tuple(s for s in terms(value) if s)
    if not stems:
        return MatchAll()
    if len(stems) > 1:
        return StemPhrase(stems, fields)
    return Terms(stem_variants(exact_terms(value)[0]), fields)


def _field_node(name: str, expr: lt.Item, limits: QueryLimits) -> Node:
    key = name.lower()
    if key in TEXT_FIELDS:
        return _convert(expr, (TEXT_FIELDS[key],), limits)
    if key in KEYWORD_ALIASES:
        field = KEYWORD_ALIASES[key]
        if isinstance(expr, lt.Word | lt.Phrase):
            return _keyword(field, expr.value.strip('"'), limits)
        if isinstance(expr, lt.FieldGroup | lt.Group):
            return _convert_keyword_group(field, expr.expr, limits)
        raise QuerySyntaxError(f"Поле «{name}» принимает значение, а не выражение")
    if key in INT_FIELDS:
        field = INT_FIELDS[key]
        if isinstance(expr, lt.Range):
            return IntRange(field, _int(str(expr.low)), _int(str(expr.high)))
        if isinstance(expr, lt.Word):
            v = _int(expr.value)
            return IntRange(field, v, v)
        raise QuerySyntaxError(f"Поле «{name}» принимает число или диапазон [от TO до]")
    known = ", ".join(sorted({*TEXT_FIELDS, *KEYWORD_ALIASES, *INT_FIELDS}))
    raise QuerySyntaxError(f"Неизвестное поле «{name}». Доступные поля: {known}")


def _keyword(field: str, value: str, limits: QueryLimits) -> Node:
    """A keyword leaf; a norm may be a canonical id or a citation («ч. 2 ст. 168 УК КР»)."""
    if field != "norm":
        return Keyword(field, value)
    ids = norm_filter_ids(value, max_ids=limits.norm_expansion_max)
    return (
        Keyword("norm", ids[0])
        if len(ids) == 1
        else Bool(should=tuple(Keyword("norm", i) for i in ids))
    )


def norm_filter_ids(
    value: str, *, edition: str | None = None, max_ids: int = DEFAULT_LIMITS.norm_expansion_max
) -> list[str]:
    """Canonical ids for a norm typed by a user; QuerySyntaxError (in Russian) if none, or
    if its ranges multiply out to more than ``max_ids`` (refused before expanding)."""

    try:
        return resolve_citation(value, edition=edition or None, max_ids=max_ids)
    except ValueError as e:
        raise QuerySyntaxError(str(e)) from None


def _convert_keyword_group(field: str, expr: lt.Item, limits: QueryLimits) -> Node:
    if isinstance(expr, lt.Word | lt.Phrase):
        return _keyword(field, expr.value.strip('"'), limits)
    if isinstance(expr, lt.OrOperation | lt.UnknownOperation):
        return Bool(should=tuple(_convert_keyword_group(field, c, limits) for c in expr.children))
    raise QuerySyntaxError(f"Поле «{field}»: допустимы значения через OR")


def _convert(node: lt.Item, fields: tuple[str, ...], limits: QueryLimits) -> Node:
    if isinstance(node, lt.Word):
        return _word(node.value, fields, limits)
    if isinstance(node, lt.Phrase):
        words = tuple(exact_terms(node.value.strip('"')))
        if not words:
            return MatchAll()
        return Phrase(words, fields)
    if isinstance(node, lt.Fuzzy):
        if not isinstance(node.term, lt.Word):
            raise QuerySyntaxError("Нечёткий поиск (~) применяется к одному слову")
        parts = exact_terms(node.term.value)
        if len(parts) != 1:
            raise QuerySyntaxError("Нечёткий поиск (~) применяется к одному слову")
        degree = float(node.degree) if node.degree is not None else 0.5
        dist = auto_fuzziness(parts[0]) if degree < 1 else min(int(degree), MAX_FUZZY)
        return _ocr_fuzzy(parts[0], dist, fields)
    if isinstance(node, lt.Proximity):
        return _convert(lt.Phrase(node.term.value), fields, limits)
    if isinstance(node, lt.Boost):
        return _convert(node.expr, fields, limits)
    if isinstance(node, lt.SearchField):
        return _field_node(node.name, node.expr, limits)
    if isinstance(node, lt.Group | lt.FieldGroup):
        return _convert(node.expr, fields, limits)
    if isinstance(node, lt.Not | lt.Prohibit):
        return Bool(must=(MatchAll(),), must_not=(_convert(node.a, fields, limits),))
    if isinstance(node, lt.Plus):
        return _convert(node.a, fields, limits)
    if isinstance(node, lt.OrOperation):
        return Bool(should=tuple(_convert(c, fields, limits) for c in node.children))
    if isinstance(node, lt.AndOperation | lt.UnknownOperation):
        return _and(tuple(_convert(c, fields, limits) for c in node.children))
    if isinstance(node, lt.Range):
        raise QuerySyntaxError(
            "Диапазон [от TO до] задаётся для поля, например year:[1930 TO 1940]"
        )
    if isinstance(node, lt.Regex):
        raise QuerySyntaxError("Регулярные выражения в запросе не поддерживаются")
    raise QuerySyntaxError(f"Конструкция «{node}» не поддерживается")


def _ocr_fuzzy(word: str, dist: int, fields: tuple[str, ...]) -> Node:
    """`word~`: engine fuzziness, plus the forms OCR makes of the word with up to two
    typical confusions that plain edit distance would not reach (indices.ocr_confusions).
    An explicit `word~0` stays exact."""
    fuzzy = Fuzzy(word, dist, fields)
    if dist == 0:
        return fuzzy
    confusions = 1 if len(word) <= 3 else MAX_FUZZY
    extra = tuple(
        v
        for v in ocr_variants(word, confusions)
        if not _within(v, word, dist) and edit_distance(v, word, dist) > dist
    )
    if not extra:
        return fuzzy
    return Bool(should=(fuzzy, *(Phrase((v,), fields) for v in extra)))


def _within(a: str, b: str, dist: int) -> bool:
    """Cheap certainty that a and b are within `dist` edits: equal length and at most
    `dist` differing letters (most OCR variants), so the exact distance is not needed."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= dist


def _and(children: tuple[Node, ...]) -> Node:
    """AND of children; a NOT child becomes a must_not of the whole conjunction."""
    must: list[Node] = []
    must_not: list[Node] = []
    for c in children:
        if isinstance(c, Bool) and c.must == (MatchAll(),) and not c.should and c.must_not:
            must_not.extend(c.must_not)
        else:
            must.append(c)
    return Bool(must=tuple(must) or (MatchAll(),), must_not=tuple(must_not))


def _simplify(node: Node) -> Node:
    if not isinstance(node, Bool):
        return node
    must = tuple(_simplify(n) for n in node.must)
    should = tuple(_simplify(n) for n in node.should)
    must_not = tuple(_simplify(n) for n in node.must_not)
    if any(isinstance(n, MatchAll) for n in should):
        should = ()
        must = must or (MatchAll(),)
    real_must = tuple(n for n in must if not isinstance(n, MatchAll))
    if not must_not and not should and len(real_must) == 1:
        return real_must[0]
    if not must_not and not real_must and len(should) == 1:
        return should[0]
    if not must_not and not real_must and not should:
        return MatchAll()
    return Bool(
        must=real_must or (() if should else (MatchAll(),)), should=should, must_not=must_not
    )


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What to mark in a text for a query: positive leaves only, text fields only."""

    stems: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    prefixes: tuple[str, ...]
    fuzzy: tuple[tuple[str, int], ...]

    @property
    def empty(self) -> bool:
        return not (self.stems or self.phrases or self.prefixes or self.fuzzy)


def highlighter(node: Node, field: str = "text") -> Highlighter:
    stems: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    fuzzy: list[tuple[str, int]] = []

    def walk(n: Node) -> None:
        if isinstance(n, Terms | StemPhrase) and field in n.fields:
            stems.update(n.stems)
        elif isinstance(n, Phrase) and field in n.fields:
            phrases.append(n.words)
        elif isinstance(n, Prefix) and field in n.fields:
            prefixes.append(n.prefix)
        elif isinstance(n, Fuzzy) and field in n.fields:
            fuzzy.append((n.word, n.distance))
        elif isinstance(n, Bool):
            for c in (*n.must, *n.should):
                walk(c)

    walk(node)
    return Highlighter(frozenset(stems), tuple(phrases), tuple(prefixes), tuple(fuzzy))


__all__ = [
    "DEFAULT_LIMITS",
    "TOKEN",
    "Bool",
    "Fuzzy",
    "Highlighter",
    "IntRange",
    "Keyword",
    "MatchAll",
    "Node",
    "Phrase",
    "Prefix",
    "QueryLimits",
    "StemPhrase",
    "Terms",
    "exact",
    "fold",
    "highlighter",
    "parse",
    "stem",
]
