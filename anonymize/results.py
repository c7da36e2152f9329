"""Result types: the public text, the private findings log, and the offset map."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One replaced span of the source text (source offsets) and why it was replaced."""

    start: int
    end: int
    label: str
    recognizer: str
    score: float
    text: str
    replacement: str


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets between the public text and the source text.

    Outside replaced spans the two texts are identical up to a shift; an offset inside a
    replacement maps to the start of the removed source span (and back to the start of the
    replacement), so a page-image redactor can box exactly the removed source characters.
    """

    source_starts: tuple[int, ...]
    source_ends: tuple[int, ...]
    public_starts: tuple[int, ...]
    public_ends: tuple[int, ...]

    @classmethod
    def from_findings(cls, findings: tuple[Finding, ...]) -> OffsetMap:
        ss, se, ps, pe = [], [], [], []
        shift = 0
        for f in findings:
            ss.append(f.start)
            se.append(f.end)
            ps.append(f.start + shift)
            shift += len(f.replacement) - (f.end - f.start)
            pe.append(f.end + shift)
        return cls(tuple(ss), tuple(se), tuple(ps), tuple(pe))

    def to_source(self, public_offset: int) -> int:
        i = bisect.bisect_right(self.public_starts, public_offset) - 1
        if i < 0:
            return public_offset
        if public_offset < self.public_ends[i]:
            return self.source_starts[i]
        return self.source_ends[i] + (public_offset - self.public_ends[i])

    def to_public(self, source_offset: int) -> int:
        i = bisect.bisect_right(self.source_starts, source_offset) - 1
        if i < 0:
            return source_offset
        if source_offset < self.source_ends[i]:
            return self.public_starts[i]
        return self.public_ends[i] + (source_offset - self.source_ends[i])

    def source_span(self, public_start: int, public_end: int) -> tuple[int, int]:
        """The source range behind a public range (a replacement maps to its whole source)."""
        start = self.to_source(public_start)
        i = bisect.bisect_right(self.public_starts, public_end - 1) - 1
        if i >= 0 and public_end - 1 < self.public_ends[i] and public_end > self.public_starts[i]:
            return start, max(self.source_ends[i], start)
        return start, self.to_source(public_end)

    def removed_source_spans(self) -> list[tuple[int, int]]:
        return list(zip(self.source_starts, self.source_ends, strict=True))


@dataclass(frozen=True, slots=True)
class AnonymizedText:
    text: str
    """The public text."""
    findings: tuple[Finding, ...]
    """Private log: every replaced span, sorted, non-overlapping, in source offsets."""
    kept: tuple[Finding, ...] = ()
    """Private log: persons deliberately kept (officials in office, archival names)."""

    def offset_map(self) -> OffsetMap:
        return OffsetMap.from_findings(self.findings)

    def removed_ranges(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.findings]
