"""Response models of judicial-practice analytics and similar decisions."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.schemas import OutcomeOrNone
from service.schemas_drafts import AmendingDraftOut


class PracticeBucket(BaseModel):
    value: str
    count: int = Field(description="Decisions with this value that apply the norm")
    search_url: str = Field(description="UI search listing exactly these decisions")


class PracticeResponse(BaseModel):
    norm: list[str] = Field(description="Canonical norm ids the citation resolved to")
    total: int = Field(description="Court decisions applying the norm or any part of it")
    facets: dict[str, list[PracticeBucket]] = Field(
        description="Counts by outcome, court, instance, category and year"
    )
    drafts: list[AmendingDraftOut] = Field(
        default_factory=list,
        description="Public drafts that would change this norm, a part of it or its article "
        "(the operation, the unit of the draft making it, the stage)",
    )


class SimilarHit(BaseModel):
    id: int
    title: str
    date: str | None
    year: int | None
    score: float = Field(description="0..1: 0.6 × text likeness + 0.4 × shared-articles share")
    shared_norms: list[str] = Field(description="Articles (and finer) both decisions cite")
    url: str
    compare_url: str = Field(description="UI page with both decisions side by side")
    court: str = ""
    instance: str = ""
    category: str = ""
    outcome: OutcomeOrNone = ""
    case_number: str | None = None
    norms: list[str] = Field(default_factory=list)


class SimilarResponse(BaseModel):
    document: int
    hits: list[SimilarHit]


class ActSuggestion(BaseModel):
    slug: str = Field(description="Edition slug, e.g. uk-kr-2021")
    ru: str
    ky: str
    abbr: str
    in_force_from: str = ""
    in_force_to: str = ""


class NormSuggestions(BaseModel):
    acts: list[ActSuggestion]
    norms: list[str] = Field(description="Norm ids present in the index that start with the input")


class ResolvedNorm(BaseModel):
    citation: str
    ids: list[str]
