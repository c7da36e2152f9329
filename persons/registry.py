"""The registry's records in the database: propose from text, confirm, publish, edit, merge
(and undo), split. Each function works inside the caller's session; the caller commits,
audits and reindexes.

A merge moves every source of the absorbed record to the survivor and fills the survivor's
empty fields; the absorbed row stays with ``merged_into_id`` so the merge can be undone,
and each source remembers the record it was read into (``origin_person_id``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.models import Document, Person, PersonMerge, PersonSource
from persons.charges import charge_date, charge_norm_ids
from persons.extract import extract_persons
from persons.index import PersonDoc, PersonSearch
from persons.match import AUTO_MERGE_THRESHOLD, compare
from persons.sources import archive_ref, fact_words
from persons.types import FIELDS, MergeDecision, PersonFacts, RecordState, SentenceKind, Sex
from persons.variants import merge_key, merge_keys

DATE_FIELDS = (
    "arrest_date",
    "sentence_date",
    "execution_date",
    "rehabilitation_date",
    "birth_date",
)
RECORD_FIELDS = (*FIELDS, "sex", "birth_date", "nationality", "residence", "notes")


class RegistryError(ValueError):
    """A request the registry refuses (wrong state, already done); message in Russian."""


class RecordNotFound(RegistryError):
    """No such record, merge or document."""


class InvalidChange(RegistryError):
    """An edit with an unknown field or a value that is not one."""


class AlreadyDecided(RegistryError):
    """A merge proposal that was already accepted, rejected or undone (HTTP 409)."""


class NeedsConfirmation(RegistryError):
    """A merge of records with different birth years, asked without confirming it."""


def facts_of(p: Person) -> PersonFacts:
    f = PersonFacts()
    for name in RECORD_FIELDS:
        value = getattr(p, name)
        if name in DATE_FIELDS and value is not None:
            value = value.isoformat()
        if name == "charge":
            value = list(value or [])
        if name == "sentence" and value:
            value = SentenceKind(value)
        if name == "sex" and value:
            value = Sex(value)
        setattr(f, name, value)
    return f


def set_field(p: Person, name: str, value: Any) -> None:
    """Set one field from its JSON form (ISO dates, enum values, article list)."""
    if name in DATE_FIELDS and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if name in ("sentence", "sex") and value is not None:
        value = str(value)
    if name == "charge":
        value = list(value or [])
    setattr(p, name, value)
    if name in ("charge", "sentence_date", "arrest_date"):
        # The code an article belongs to depends on the date it was applied.
        p.norm_ids = charge_norm_ids(
            list(p.charge or []), charge_date(p.sentence_date, p.arrest_date)
        )
    if name in ("surname", "father"):
        p.surname_key = surname_key(p.surname, p.father)


def surname_key(surname: str | None, father: str | None) -> str | None:
    """The indexed merge key (``persons.variants.merge_key``)."""
    return merge_key(surname, father)


def apply_facts(p: Person, f: PersonFacts, only_empty: bool = False) -> None:
    for name in RECORD_FIELDS:
        value = getattr(f, name)
        if value in (None, [], ""):
            continue
        current = getattr(p, name)
        if only_empty and current not in (None, [], ""):
            continue
        set_field(p, name, value)


def to_doc(p: Person, session: Session) -> PersonDoc:
    """The index projection of a record, with the names of the records merged into it."""
    merged = session.scalars(select(Person).where(Person.merged_into_id == p.id)).all()
    others = tuple(facts_of(m) for m in merged)
    spellings = tuple(PersonFacts(surname=v) for v in (p.variants or []))
    return PersonDoc(p.id, facts_of(p), p.state, others + spellings)


def get(session: Session, person_id: int) -> Person:
    p = session.get(Person, person_id)
    if p is None:
        raise RecordNotFound(f"Нет записи о человеке с номером {person_id}")
    return p


@dataclass(frozen=True, slots=True)
class Proposed:
    person: Person
    merged_into: Person | None
    merges: list[PersonMerge]


def propose_from_text(
    session: Session,
    text: str,
    *,
    lang: str | None = None,
    document_id: int | None = None,
    page: int | None = None,
    archival_ref: str = "",
    threshold: float | None = AUTO_MERGE_THRESHOLD,
    ocr_words: Sequence[Sequence[object]] = (),
) -> list[Proposed]:
    """Proposed records for every person the text names, with their sources, merge
    proposals against the registry, and automatic merges above ``threshold``
    (``None``: never merge automatically)."""
    out: list[Proposed] = []
    for e in extract_persons(text, lang):
        p = Person(state=RecordState.PROPOSED.value)
        apply_facts(p, e.facts)
        session.add(p)
        session.flush()
        for span in e.facts.spans:
            value = (
                getattr(e.facts, span.field, None) if span.field != "name" else e.facts.display_name
            )
            session.add(
                PersonSource(
                    person_id=p.id,
                    origin_person_id=p.id,
                    document_id=document_id,
                    page=page,
                    field=span.field,
                    value=_text(value),
                    start=span.start,
                    end=span.end,
                    archival_ref=archival_ref,
                    quote=text[span.start : span.end],
                    words=fact_words(text, ocr_words, span.start, span.end),
                )
            )
        session.flush()
        merges = propose_merges(session, p)
        target = None
        best = max(merges, key=lambda m: m.score, default=None)
        if (
            threshold is not None
            and best is not None
            and best.score >= threshold
            and "год рождения" not in best.conflicts
        ):
            target = get(session, best.a_id)
            merge(session, best, actor="auto")
        out.append(Proposed(p, target, merges))
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def propose_merges(session: Session, p: Person) -> list[PersonMerge]:
    """Merge proposals of ``p`` against live records of a compatible birth year."""
    f = facts_of(p)
    q = select(Person).where(Person.id != p.id, Person.merged_into_id.is_(None))
    candidates = merge_keys(p.surname, p.father)
    if candidates:
        q = q.where(Person.surname_key.in_(sorted(candidates)))
    if p.birth_year:
        q = q.where(or_(Person.birth_year == p.birth_year, Person.birth_year.is_(None)))
    out: list[PersonMerge] = []
    for other in session.scalars(q):
        m = compare(facts_of(other), f)
        if m.score < 0.5:
            continue
        pm = PersonMerge(
            a_id=other.id,
            b_id=p.id,
            score=m.score,
            evidence=m.evidence,
            conflicts=m.conflicts,
            state=MergeDecision.PROPOSED.value,
        )
        session.add(pm)
        out.append(pm)
    session.flush()
    return out


_DECIDED = {
    MergeDecision.ACCEPTED.value: "уже выполнено",
    MergeDecision.REJECTED.value: "уже отклонено",
    MergeDecision.UNDONE.value: "уже выполнено и отменено",
}


def merge(
    session: Session, pm: PersonMerge, actor: str, *, confirm_birth_years: bool = False
) -> Person:
    """Absorb record ``b`` into ``a``: sources move, empty fields are filled. A proposal is
    decided once; records whose birth years differ merge only when the archivist confirms
    it (never automatically), checked on the records as they are now."""
    if pm.state in _DECIDED:
        raise AlreadyDecided(f"Это слияние {_DECIDED[pm.state]}")
    a, b = get(session, pm.a_id), get(session, pm.b_id)
    if a.merged_into_id or b.merged_into_id:
        raise RegistryError("Одна из записей уже слита с другой")
    if a.birth_year and b.birth_year and a.birth_year != b.birth_year and (not confirm_birth_years):
        raise NeedsConfirmation(
            f"Годы рождения различаются ({a.birth_year} и {b.birth_year}): слияние "
            "выполняется только с подтверждением архивиста (confirm_birth_years)"
        )
    pm.snapshot = {
        n: _text(getattr(a, n)) if n not in ("charge",) else list(a.charge or [])
        for n in RECORD_FIELDS
        if getattr(a, n) not in (None, [], "")
    }
    pm.snapshot["variants"] = list(a.variants or [])
    apply_facts(a, facts_of(b), only_empty=True)
    a.variants = sorted(
        {
            *(a.variants or []),
            *(b.variants or []),
            *([b.surname] if b.surname and b.surname != a.surname else []),
        }
    )
    for s in list(b.sources):
        s.person_id = a.id
    b.merged_into_id = a.id
    pm.state = MergeDecision.ACCEPTED.value
    pm.decided_by = actor
    pm.decided_at = dt.datetime.now(dt.UTC)
    session.flush()
    session.expire(a, ["sources"])
    session.expire(b, ["sources"])
    return a


def merge_records(
    session: Session, a_id: int, b_id: int, actor: str, *, confirm_birth_years: bool = False
) -> PersonMerge:
    """An archivist's merge of two records (a proposal is made if none exists, and a
    rejected or undone one is reopened: this is a new decision). Records of different
    birth years merge only this way, with ``confirm_birth_years``, never automatically."""
    if a_id == b_id:
        raise RegistryError("Нельзя слить запись саму с собой")
    a, b = get(session, a_id), get(session, b_id)
    pm = session.scalars(
        select(PersonMerge).where(PersonMerge.a_id == a_id, PersonMerge.b_id == b_id)
    ).first()
    if pm is None:
        m = compare(facts_of(a), facts_of(b))
        pm = PersonMerge(
            a_id=a_id,
            b_id=b_id,
            score=m.score,
            evidence=m.evidence,
            conflicts=m.conflicts,
            state=MergeDecision.PROPOSED.value,
        )
        session.add(pm)
        session.flush()
    elif pm.state in (MergeDecision.REJECTED.value, MergeDecision.UNDONE.value):
        pm.state = MergeDecision.PROPOSED.value
    merge(session, pm, actor, confirm_birth_years=confirm_birth_years)
    return pm


def undo_merge(session: Session, merge_id: int, actor: str) -> PersonMerge:
    pm = session.get(PersonMerge, merge_id)
    if pm is None:
        raise RecordNotFound("Нет слияния с таким номером")
    if pm.state != MergeDecision.ACCEPTED.value:
        raise AlreadyDecided(
            "Это слияние не выполнено, отменять нечего"
            if pm.state == MergeDecision.PROPOSED.value
            else f"Это слияние {_DECIDED[pm.state]}"
        )
    a, b = get(session, pm.a_id), get(session, pm.b_id)
    for s in session.scalars(
        select(PersonSource).where(
            PersonSource.person_id == a.id, PersonSource.origin_person_id == b.id
        )
    ):
        s.person_id = b.id
    for name in RECORD_FIELDS:
        if name in (pm.snapshot or {}):
            continue
        set_field(a, name, {"charge": [], "notes": ""}.get(name))
    for name, value in (pm.snapshot or {}).items():
        if name == "variants":
            a.variants = list(value)
            continue
        set_field(a, name, int(value) if name in ("birth_year", "camp_years") else value)
    b.merged_into_id = None
    pm.state = MergeDecision.UNDONE.value
    pm.decided_by = actor
    pm.decided_at = dt.datetime.now(dt.UTC)
    session.flush()
    return pm


def reject_merge(session: Session, merge_id: int, actor: str) -> PersonMerge:
    pm = session.get(PersonMerge, merge_id)
    if pm is None:
        raise RecordNotFound("Нет предложения о слиянии с таким номером")
    if pm.state in _DECIDED:
        raise AlreadyDecided(f"Это слияние {_DECIDED[pm.state]}")
    pm.state = MergeDecision.REJECTED.value
    pm.decided_by = actor
    pm.decided_at = dt.datetime.now(dt.UTC)
    return pm


def split(session: Session, person_id: int, source_ids: list[int]) -> Person:
    """Move the given sources to a new proposed record built from what they state."""
    p = get(session, person_id)
    moving = [s for s in p.sources if s.id in set(source_ids)]
    if not moving or len(moving) == len(p.sources):
        raise RegistryError("Для разделения выберите часть источников записи, не все")
    new = Person(
        state=RecordState.PROPOSED.value,
        surname=p.surname,
        given=p.given,
        patronymic=p.patronymic,
        father=p.father,
        sex=p.sex,
        surname_key=p.surname_key,
    )
    session.add(new)
    session.flush()
    for s in moving:
        s.person_id = new.id
        s.origin_person_id = new.id
        if s.field in FIELDS and s.field not in ("charge",) and s.value:
            try:
                value = int(s.value) if s.field in ("birth_year", "camp_years") else s.value
                set_field(new, s.field, value)
            except ValueError:
                continue
    session.flush()
    session.expire(p, ["sources"])
    return new


_NEXT_STATE = {
    RecordState.PROPOSED: RecordState.CONFIRMED,
    RecordState.CONFIRMED: RecordState.PUBLISHED,
}


def set_state(session: Session, person_id: int, state: RecordState) -> Person:
    """Confirm or publish (or send back to proposed); a merged record cannot change."""
    p = get(session, person_id)
    if p.merged_into_id:
        raise RegistryError(f"Запись слита с записью {p.merged_into_id}")
    current = RecordState(p.state)
    if state != RecordState.PROPOSED and state != current and _NEXT_STATE.get(current) != state:
        raise RegistryError(f"Запись в состоянии «{current}»: сначала подтвердите её")
    p.state = state.value
    return p


EDITABLE = frozenset(RECORD_FIELDS) | {"variants"}


def edit(session: Session, person_id: int, changes: dict[str, Any]) -> Person:
    p = get(session, person_id)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidChange("Неизвестные поля: " + ", ".join(sorted(unknown)))
    for name, value in changes.items():
        try:
            set_field(p, name, value)
        except ValueError as e:
            raise InvalidChange(f"Поле {name}: неверное значение ({e})") from None
    return p


def propose_from_document(
    session: Session, document_id: int, threshold: float | None = AUTO_MERGE_THRESHOLD
) -> list[Proposed]:
    """Run extraction over every page of a stored document (the on-demand route and the
    pipeline hook), citing the document's archival reference."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise RecordNotFound(f"Нет документа с номером {document_id}")
    if doc.collection.policy != "archive":
        # The registry holds historical names, public by design; a court act's names are
        # private and removed on publication. Reading them from its raw page text into
        # the registry would publish what depersonification took out.
        raise InvalidChange(
            f"Документ №{document_id} не из архивной коллекции: лица предлагаются только из "
            "архивных документов (имена в судебных актах и проектах законов не публикуются)"
        )
    meta = doc.meta or {}
    already = set(
        session.scalars(select(PersonSource.page).where(PersonSource.document_id == document_id))
    )
    out: list[Proposed] = []
    for page in doc.pages:
        if page.number in already or not page.text:
            continue  # idempotent: a page read once is not proposed again
        out += propose_from_text(
            session,
            page.text,
            lang=doc.language,
            document_id=document_id,
            page=page.number,
            archival_ref=_citation(meta, page.number, doc.page_count),
            threshold=threshold,
            ocr_words=page.words or (),
        )
    return out


def _citation(meta: dict[str, Any], page: int, page_count: int) -> str:
    """The page's «Ф. 1. Оп. 2. Д. 3. Л. 4.», or the document's citation as given."""
    ref = archive_ref(meta, page, page_count)
    if not ref:
        return str(meta.get("citation", ""))
    names = {"fond": "Ф.", "opis": "Оп.", "delo": "Д.", "list": "Л."}
    return " ".join(f"{names[k]} {ref[k]}." for k in names if k in ref)


def list_alphabetical(
    session: Session,
    *,
    letter: str = "",
    public_only: bool = True,
    birth_year_from: int | None = None,
    birth_year_to: int | None = None,
    sentence: str | None = None,
    sentenced_by: str | None = None,
    rehabilitated: bool | None = None,
    offset: int = 0,
    limit: int = 20,
) -> tuple[int, list[Person]]:
    """Live records by surname and given name (the registry's alphabetical list)."""
    q = select(Person).where(Person.merged_into_id.is_(None))
    if public_only:
        q = q.where(Person.state == RecordState.PUBLISHED.value)
    if letter:
        q = q.where(
            or_(
                Person.surname.startswith(letter.upper()), Person.surname.startswith(letter.lower())
            )
        )
    if birth_year_from is not None:
        q = q.where(Person.birth_year >= birth_year_from)
    if birth_year_to is not None:
        q = q.where(Person.birth_year <= birth_year_to)
    if sentence:
        q = q.where(Person.sentence == sentence)
    if sentenced_by:
        q = q.where(Person.sentenced_by == sentenced_by)
    if rehabilitated is not None:
        cond = or_(Person.rehabilitation_date.is_not(None), Person.rehabilitated_by.is_not(None))
        q = q.where(cond if rehabilitated else ~cond)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(
        q.order_by(Person.surname, Person.given, Person.id).offset(offset).limit(limit)
    ).all()
    return int(total), list(rows)


def named_in(
    session: Session,
    document_id: int,
    *,
    public_only: bool = True,
    offset: int = 0,
    limit: int = 20,
) -> tuple[int, list[Person]]:
    """Live records with a source in the document («persons named here»), by name."""
    ids = select(PersonSource.person_id).where(PersonSource.document_id == document_id)
    q = select(Person).where(Person.id.in_(ids), Person.merged_into_id.is_(None))
    if public_only:
        q = q.where(Person.state == RecordState.PUBLISHED.value)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(
        q.order_by(Person.surname, Person.given, Person.id).offset(offset).limit(limit)
    ).all()
    return int(total), list(rows)


def refresh_derived(p: Person) -> None:
    """Recompute what a record derives from its fields (merge key, norm ids), for records
    written before the rules changed (`achyk persons-reindex` runs it on every record)."""
    p.surname_key = surname_key(p.surname, p.father)
    p.norm_ids = charge_norm_ids(list(p.charge or []), charge_date(p.sentence_date, p.arrest_date))


def rebuild_index(session: Session, index: PersonSearch, batch: int = 5000) -> int:
    """Empty the persons index and load every live record again, refreshing each record's
    derived fields on the way (the caller commits); the count indexed."""
    index.clear()
    done = 0
    for p in session.scalars(select(Person)):
        refresh_derived(p)
    session.flush()
    q = select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.id)
    chunk: list[PersonDoc] = []
    for p in session.scalars(q):
        chunk.append(to_doc(p, session))
        if len(chunk) >= batch:
            index.index(chunk)
            done += len(chunk)
            chunk = []
    index.index(chunk)
    return done + len(chunk)
