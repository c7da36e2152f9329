"""Canonical ids: ``ACT/ARTICLE[/PART[/ITEM]]``, where a law's ACT is ``law-kr/NUMBER``."""

from __future__ import annotations

import regex

from norms.acts import lexicon

_SEGMENT = regex.compile(r"[0-9a-zа-яөүң][0-9a-zа-яөүң.\-]{0,30}")
_SLUG = regex.compile(r"[a-z][a-z0-9]{0,15}(?:-[a-z0-9]{1,15}){0,4}")


def split_id(norm_id: str) -> tuple[str, list[str]]:
    """(act, [article, part, item]) of a canonical id; ValueError when it is not one."""
    nid = norm_id.strip().lower()
    parts = nid.split("/")
    if not parts or not _SLUG.fullmatch(parts[0]):
        raise ValueError(f"Некорректный идентификатор нормы: «{norm_id}»")
    width = 2 if parts[0] in lexicon().catalog.law_prefixes() else 1
    if len(parts) < width:
        raise ValueError(f"У закона не указан номер: «{norm_id}»")
    act, rest = "/".join(parts[:width]), parts[width:]
    if len(rest) > 3 or not all(_SEGMENT.fullmatch(p) for p in parts[1:]):
        raise ValueError(f"Некорректный идентификатор нормы: «{norm_id}»")
    return act, rest


def act_of(norm_id: str) -> str:
    """«uk-kr-2021/168/2» → «uk-kr-2021»; «law-kr/113/17» → «law-kr/113»."""
    return split_id(norm_id)[0]


def hierarchy(norm_id: str) -> list[str]:
    """Every prefix of an id, from the act down, for indexing.

    ``uk-kr-2021/105/2/а`` → ``uk-kr-2021``, ``uk-kr-2021/105``, ``uk-kr-2021/105/2``,
    ``uk-kr-2021/105/2/а``, so a search for ``uk-kr-2021/168`` finds every part and item.
    A law's number is part of its act: ``law-kr/1538-xii`` has one level, not two.
    """
    act, rest = split_id(norm_id)
    out = [act]
    for seg in rest:
        out.append(f"{out[-1]}/{seg}")
    return out
