"""The public surface: findings log, offset map, pages, model check."""

from __future__ import annotations

import pytest

from anonymize import AnonymizedText, Finding, ModelsMissingError, anonymize_pages, anonymize_text
from anonymize.recognizers import natasha_person

TEXT = (
    "Подсудимый Темиров Канатбек Алмазбекович, тел. +996 555 123 456, вину признал. "
    "Судья Мороз И.П."
)


def test_findings_log_has_span_label_recognizer_score_replacement():
    result = anonymize_text(TEXT)
    assert isinstance(result, AnonymizedText)
    assert [(f.label, f.text, f.replacement) for f in result.findings] == [
        ("PERSON", "Темиров Канатбек Алмазбекович", "А."),
        ("PHONE", "+996 555 123 456", "[ТЕЛЕФОН]"),
    ]
    for f in result.findings:
        assert isinstance(f, Finding)
        assert TEXT[f.start : f.end] == f.text
        assert f.recognizer and 0 < f.score <= 1
    assert [(k.label, k.text) for k in result.kept] == [("OFFICIAL", "Мороз И.П.")]


def test_offset_map_leads_back_to_the_source():
    result = anonymize_text(TEXT)
    omap = result.offset_map()
    public = result.text
    # unchanged text maps one to one
    i = public.index("вину")
    assert TEXT[omap.to_source(i) : omap.to_source(i) + 4] == "вину"
    # a replacement maps to the whole removed source span
    j = public.index("А.")
    assert omap.source_span(j, j + 2) == (result.findings[0].start, result.findings[0].end)
    assert omap.to_public(result.findings[0].start) == j
    assert omap.removed_source_spans() == [(f.start, f.end) for f in result.findings]


def test_pages_share_pseudonyms_and_keep_page_offsets():
    pages = [
        "Истец Темиров Канатбек Алмазбекович обратился в суд. Ответчица Сатарова Б.Т.",
        "иск не признала. Темирову отказать.",
        "К.А. Темиров и Б.Т. Сатарова примирились.",
    ]
    out = anonymize_pages(pages)
    assert [p.text for p in out] == [
        "Истец А. обратился в суд. Ответчица Б.",
        "иск не признала. А. отказать.",
        "А. и Б. примирились.",
    ]
    for page, result in zip(pages, out, strict=True):
        for f in result.findings:
            assert page[f.start : f.end] == f.text


def test_missing_models_fail_fast_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(
        natasha_person,
        "natasha_model_paths",
        lambda: (tmp_path / "navec.tar", tmp_path / "ner.tar"),
    )
    with pytest.raises(ModelsMissingError, match="ship inside the natasha"):
        natasha_person.check_models()


def test_empty_and_nameless_texts():
    assert anonymize_text("").text == ""
    assert anonymize_text("ПРИГОВОР\nИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ").findings == ()
