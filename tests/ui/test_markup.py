"""Query matches nested inside norm references, escaped, in the document and compare views."""

from __future__ import annotations

import datetime as dt

from indices.query import highlighter, parse
from ui.markup import page_html, wrap

D = dt.date(2023, 5, 1)


def test_marks_inside_a_norm_reference_and_outside() -> None:
    got = page_html("Осуждён по ч. 2 ст. 168 УК КР <b>суда</b>", highlighter(parse("168 суд")), D)
    assert got == (
        'Осуждён по <span class="norm" title="ч. 2 ст. 168 УК КР (ред. 2021)">'
        "ч. 2 ст. <mark>168</mark> УК КР</span> &lt;b&gt;<mark>суда</mark>&lt;/b&gt;"
    )


def test_shared_norms_are_marked_shared() -> None:
    got = page_html("по ч. 2 ст. 168 УК КР и ст. 200 ГПК КР", None, D, shared={"uk-kr-2021/168"})
    assert got.count('class="norm shared"') == 1 and got.count('class="norm"') == 1


def test_a_span_crossing_an_edge_is_cut_there() -> None:
    assert wrap("abcdef", [(2, 4, "<n>", "</n>")], [(1, 3, "<m>", "</m>")]) == (
        "ab<n><m>c</m>d</n>ef"
    )
