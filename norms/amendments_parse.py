"""The pass over one amending text behind ``parse_amendments``: headers name the act,
context lines («1) в статье 95:») nest, and each clause's verbs act on the units around them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import pairwise, takewhile

from norms.acts import lexicon
from norms.amendments_headers import Header, find_headers, header_act
from norms.amendments_model import Operation, OpKind
from norms.amendments_text import dash_ranges, mask_quotes, split_clauses
from norms.amendments_units import Chain, find_chains, narrow, resolve
from norms.amendments_verbs import (
    ADDED_UNIT_RU,
    CHANGE_PHRASE,
    POSITION_KY,
    POSITION_RU,
    WORDS_KY,
    WORDS_RU,
    Verb,
    VerbHit,
    find_verbs,
)
from norms.clean import clean
from norms.ids import act_of
from norms.model import Component, Level
from norms.resolve import act_id


@dataclass(slots=True)
class _Context:
    """What a «1) в статье 95:» line (or a header) gives the clauses under it."""

    depth: int
    act: str | None
    comps: list[Component] = field(default_factory=list)
    verb: VerbHit | None = None  # «Признать утратившими силу:» followed by a list


MAX_CONTEXT_LETTERS = 12  # «в», «в наименовании», «-де»: more is prose, not a context line
MAX_ACT_GAP = 300  # «Дополнить <act name, date, number> статьей …»


def _lower(text: str) -> str:
    low = text.lower()
    return (
        low
        if len(low) == len(text)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    )


class ClauseParser:
    """One pass over one text; keeps the context stack of nested clauses."""

    def __init__(self, text: str, on: datetime.date, lang: str) -> None:
        self.ct = clean(text)
        self.text = self.ct.text
        self.masked = dash_ranges(mask_quotes(self.text))
        self.lower = _lower(self.masked)
        self.on = on
        self.lang = lang
        self.lex = lexicon()
        self.ops: dict[tuple[OpKind, str], Operation] = {}
        self.act_end = -1  # where a code named inside the current clause ends

    def run(self) -> list[Operation]:
        heads: list[tuple[Header, str | None, list[Component], int]] = []
        for h in find_headers(self.masked):
            act, comps, end = header_act(self.lex, self.text, self.masked, h, self.lang, self.on)
            if act is None and find_chains(
                self.masked, self.lower, h.seg_start, h.seg_end, self.lang, self.on
            ):
                continue  # «1) в статью 5 внести следующие изменения:» is a context line
            heads.append((h, act, comps, end))
        clauses = split_clauses(self.masked, [end for *_, end in heads])
        base = _Context(0, None)
        stack: list[_Context] = []
        for cl in clauses:
            inside = [x for x in heads if cl.start <= x[0].start < cl.end]
            if inside:
                _, act, comps, _ = inside[-1]
                base = _Context(0, act, comps)
                stack = []
                continue
            depth = cl.depth or (stack[-1].depth + 1 if stack else 0)
            while stack and stack[-1].depth >= depth:
                stack.pop()
            ctx = self._merged(base, stack)
            pushed = self._clause(cl.start, cl.end, depth, ctx)
            if pushed is not None:
                stack.append(pushed)
        return list(self.ops.values())

    @staticmethod
    def _merged(base: _Context, stack: list[_Context]) -> _Context:
        out = _Context(0, base.act, list(base.comps), base.verb)
        for c in stack:
            out.act = c.act or out.act
            out.comps = narrow(out.comps, c.comps)
            out.verb = c.verb or out.verb
        return out

    # ------------------------------------------------------------------ one clause

    def _clause(self, start: int, end: int, depth: int, ctx: _Context) -> _Context | None:
        body = self.masked[start:end].rstrip()
        chains = find_chains(self.masked, self.lower, start, end, self.lang, self.on)
        self.act_end = -1
        verbs = find_verbs(self.lower, start, end, self.lang)
        if ctx.act is None:  # no header: only drafting formulas, on a code or a cited norm
            ctx = self._local_act(start, end, chains, ctx)
            verbs = list(takewhile(lambda v: v.strong, verbs))  # «предлагается … и …»
        opens = body.endswith(":")
        if not verbs:
            if opens and self._only_units(start, end, chains):
                return self._context(depth, ctx, chains)
            if ctx.verb is not None and chains:
                self._apply(ctx.verb, chains, ctx, start, end)
            return None
        made = 0
        win = start
        last_ids: list[str] = []
        local = ctx
        for i, v in enumerate(verbs):
            nxt = verbs[i + 1].start if i + 1 < len(verbs) else end
            subject = [c for c in chains if win <= c.start < v.start and not self._position(c)]
            if not subject and v.verb in (Verb.AMEND, Verb.REMOVE) and self.lang != "ky":
                # «изложив статью 5 в следующей редакции», «признать утратившими силу статьи 5, 6»
                subject = [c for c in chains if v.end <= c.start < nxt and not self._position(c)]
            ids, local = self._verb(v, subject, chains, local, win, nxt, start, end, last_ids)
            made += len(ids)
            last_ids = ids or last_ids
            win = v.end
        if opens and not made:
            return _Context(depth, None, [], verbs[-1])
        return None

    def _context(self, depth: int, ctx: _Context, chains: list[Chain]) -> _Context:
        act = None
        comps: list[Component] = []
        for c in chains:
            if c.explicit:
                act = act_of(c.explicit[0])
            comps = narrow(comps, c.comps)
        return _Context(depth, act, comps)

    def _local_act(self, start: int, end: int, chains: list[Chain], ctx: _Context) -> _Context:
        """«Дополнить Уголовный кодекс … статьей 5-1»: a clause outside any header that
        names a code (not inside a reference) amends that code."""
        for m in self.lex.act.finditer(self.masked, start, end):
            if any(c.start <= m.start() < c.end for c in chains):
                continue
            mention = self.lex.mention(m, self.lang)
            found = act_id(self.lex, mention, self.on, {}) if mention else None
            if found:
                tail = self.lex.code_tail.match(self.masked, m.end())
                self.act_end = tail.end() if tail else m.end()
                return _Context(ctx.depth, found[0], ctx.comps, ctx.verb)
        return ctx

    def _only_units(self, start: int, end: int, chains: list[Chain]) -> bool:
        """«в статье 95:», «130-беренеде:»: a line that only names units gives context;
        «… постановляет:» after a citation does not."""
        if not chains:
            return False
        rest = (
            self.lower[start : chains[0].start]
            + "".join(self.lower[a.end : b.start] for a, b in pairwise(chains))
            + self.lower[chains[-1].end : end]
        )
        rest = CHANGE_PHRASE.sub("", rest)
        out: bool = sum(ch.isalpha() for ch in rest) <= MAX_CONTEXT_LETTERS
        return out

    def _position(self, c: Chain) -> bool:
        """«после части 2» / «2-бөлүктөн кийин»: where a new unit goes, not a target."""
        if POSITION_RU.search(self.lower, max(0, c.start - 16), c.start):
            return True
        return bool(POSITION_KY.match(self.lower, c.end, c.end + 12))

    def _ids(self, c: Chain, act: str | None, ctx: list[Component]) -> list[str]:
        return list(c.explicit) if c.explicit else resolve(act, c.comps, ctx)

    def _subject_ids(
        self, subject: list[Chain], ctx: _Context
    ) -> tuple[list[str], list[Component]]:
        """Ids of the units a verb acts on; an article followed by a part of it is context."""
        ids: list[str] = []
        comps = ctx.comps
        for i, c in enumerate(subject):
            later = subject[i + 1] if i + 1 < len(subject) else None
            if (
                later is not None
                and c.has_article
                and not later.has_article
                and not later.explicit
                and not c.explicit
            ):
                comps = narrow(comps, c.comps)
                continue
            ids += [x for x in self._ids(c, ctx.act, comps) if x not in ids]
            if not c.explicit:
                comps = narrow(comps, c.comps)
        return ids, comps

    def _verb(
        self,
        v: VerbHit,
        subject: list[Chain],
        chains: list[Chain],
        ctx: _Context,
        win: int,
        nxt: int,
        start: int,
        end: int,
        last_ids: list[str],
    ) -> tuple[list[str], _Context]:
        at = win
        if win > start:  # after an earlier verb: its object («словами «…»,») is not ours
            cut = max(self.lower.rfind(";", win, v.start), self.lower.rfind(",", win, v.start))
            at = cut + 1 if cut >= 0 else win
        words = (WORDS_KY if self.lang == "ky" else WORDS_RU).search(self.lower, at, v.end)
        kind: OpKind | None
        if v.verb == Verb.ADD:
            if self.lang == "ky":
                if words:
                    kind = OpKind.AMEND
                else:
                    return self._insert_ky(subject, ctx, start, end), ctx
            else:
                at = self.act_end if 0 <= self.act_end - v.end <= MAX_ACT_GAP else v.end
                semi = self.lower.find(";", at, nxt)
                limit = semi if semi >= 0 else nxt
                unit = ADDED_UNIT_RU.search(self.lower, at, limit)
                said = WORDS_RU.search(self.lower, at, limit)
                if unit is not None and (said is None or unit.start() < said.start()):
                    if unit.group("group"):
                        return [], ctx
                    return self._insert_ru(subject, chains, at, unit.start(), ctx, start, end), ctx
                kind = OpKind.AMEND
                if not subject:  # «дополнить статью 5 примечанием …»
                    subject = [c for c in chains if at <= c.start < limit and not self._position(c)]
        elif v.verb == Verb.REMOVE:
            if words is None and self.lang != "ky":  # «исключить слова …», «… силу абзацы …»
                words = WORDS_RU.search(self.lower, v.end, self._phrase_end(v.end, nxt))
            kind = OpKind.AMEND if words else OpKind.REPEAL
        elif v.verb == Verb.RENUMBER:
            kind = OpKind.RENUMBER
            if self.lang == "ky":
                subject = _drop_target(subject)
        else:
            kind = OpKind.AMEND
        ids, comps = self._subject_ids(subject, ctx)
        if not subject:
            ids = list(last_ids) or self._context_ids(ctx)
        for i in ids:
            self._emit(kind, i, start, end)
        return ids, _Context(ctx.depth, ctx.act, comps, ctx.verb)

    def _phrase_end(self, pos: int, limit: int) -> int:
        """Where the phrase after a verb ends: the next «,» or «;», at most ``limit``."""
        cuts = (self.lower.find(",", pos, limit), self.lower.find(";", pos, limit))
        return min((i for i in cuts if i >= 0), default=limit)

    def _context_ids(self, ctx: _Context) -> list[str]:
        if not ctx.comps or ctx.comps[0].level != Level.ARTICLE:
            return []
        return resolve(ctx.act, ctx.comps, [])

    def _insert_ru(
        self,
        subject: list[Chain],
        chains: list[Chain],
        at: int,
        u: int,
        ctx: _Context,
        start: int,
        end: int,
    ) -> list[str]:
        """«статью 22 дополнить частью 4», «дополнить статью 22 частью 4», «дополнить после
        части 2 частью 2-1»: the new unit is what follows the instrumental word at ``u``;
        a unit named between the verb and it (unless after «после») is added to."""
        obj = next((c for c in chains if c.start <= u < c.end or u <= c.start <= u + 2), None)
        if obj is None:
            return []
        lead: list[Component] = []
        for c in chains:
            if at <= c.start < u and not self._position(c):
                lead += [x for x in c.comps if x.start < u]
        if lead:
            subject = [*subject, Chain(lead[0].start, lead[-1].end, lead)]
        _, comps = self._subject_ids(subject, ctx) if subject else ([], ctx.comps)
        if obj.explicit:
            ids = list(obj.explicit)
        else:
            ids = resolve(ctx.act, [x for x in obj.comps if x.start >= u - 1], comps)
        for i in ids:
            self._emit(OpKind.INSERT, i, start, end)
        return ids

    def _insert_ky(self, subject: list[Chain], ctx: _Context, start: int, end: int) -> list[str]:
        if not subject:
            return []
        *before, obj = subject
        _, comps = self._subject_ids(before, ctx) if before else ([], ctx.comps)
        ids = self._ids(obj, ctx.act, comps)
        for i in ids:
            self._emit(OpKind.INSERT, i, start, end)
        return ids

    def _apply(self, v: VerbHit, chains: list[Chain], ctx: _Context, start: int, end: int) -> None:
        """A list item under «Признать утратившими силу:» takes its parent's verb."""
        kind = {
            Verb.REMOVE: OpKind.REPEAL,
            Verb.AMEND: OpKind.AMEND,
            Verb.RENUMBER: OpKind.RENUMBER,
        }.get(v.verb)
        if kind is None:
            return
        ids, _ = self._subject_ids(chains, ctx)
        for i in ids:
            self._emit(kind, i, start, end)

    def _emit(self, kind: OpKind, norm_id: str, start: int, end: int) -> None:
        while end > start and self.masked[end - 1].isspace():
            end -= 1
        a, b = self.ct.start(start), self.ct.end(end)
        self.ops.setdefault((kind, norm_id), Operation(kind, norm_id, a, b))


def _drop_target(subject: list[Chain]) -> list[Chain]:
    """«4-бөлүгү 5-бөлүк деп эсептелсин»: the last unit is the new number, not a target."""
    if not subject:
        return subject
    *rest, last = subject
    if len(last.comps) > 1:
        cut = Chain(last.start, last.comps[-2].end, last.comps[:-1], last.explicit)
        return [*rest, cut]
    return rest
