"""Every text fold of the tree, pinned: the shared letters live in core.text_fold.

Each caller folds for its own purpose (search terms, OCR scoring, the page-image proof,
name lists, the persons registry's spelling keys, the norm grammar's Kyrgyz letters,
the act-name autocompletion), so
their outputs differ on purpose; this table pins each one, so that moving a shared fact
into ``core.text_fold`` (or changing it there) cannot change any caller unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from anonymize.names import fold as names_fold
from core import text_fold
from indices.analysis import fold as search_fold
from ingest.image_proof import fold as proof_fold
from norms.lexicon import _fold_ky as lexicon_fold_ky
from norms.suggest import _norm as suggest_norm
from ocr.evaluate import fold as scoring_fold
from persons.spelling import fold as spelling_fold

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

CALLERS: dict[str, Callable[[str], str]] = {
    "search": search_fold,
    "scoring": scoring_fold,
    "proof": proof_fold,
    "names": names_fold,
    "spelling": spelling_fold,
    "lexicon": lexicon_fold_ky,
    "suggest": suggest_norm,
}

# input, then what each caller (in the order of CALLERS) makes of it
TABLE: list[tuple[str, ...]] = [
    ("Судъ", "Суд", "Суд", "судъ", "судъ", "суд", "Судъ", "судъ"),
    ("сѣлѣ", "селе", "селе", "сѣлѣ", "сѣлѣ", "селе", "сѣлѣ", "сѣлѣ"),
    ("ІОАННЪ", "ИОАНН", "ИОАНН", "іоаннъ", "іоаннъ", "иоан", "ІОАННЪ", "іоаннъ"),
    ("Ѳеодоръ", "Феодор", "Феодор", "ѳеодоръ", "ѳеодоръ", "ѳеодор", "Ѳеодоръ", "ѳеодоръ"),
    ("ѵпостась", "ипостась", "ипостась", "ѵпостась", "ѵпостась", "ѵпостас", "ѵпостась", "ѵпостась"),
    ("ЁЛКА ёж", "ЕЛКА еж", "ЁЛКА ёж", "елкаеж", "елка еж", "елка еж", "ЁЛКА ёж", "елка еж"),
    ("объѣхать", "объехать", "объехать", "объѣхать", "объѣхать", "обехат", "объѣхать", "объѣхать"),
    (
        "подъ 1918",
        "под 1918",
        "под 1918",
        "подъ",
        "подъ 1918",
        "под 1918",
        "подъ 1918",
        "подъ 1918",
    ),
    ("ъ1", "ъ1", "ъ1", "ъ", "ъ1", "1", "ъ1", "ъ1"),
    ("өъ", "ө", "өъ", "өъ", "оъ", "о", "[өо]ъ", "оъ"),
    ("Latinъ", "Latin", "Latinъ", "latinъ", "latinъ", "latin", "Latinъ", "latinъ"),
    ("cуд", "суд", "cуд", "cуд", "cуд", "cуд", "cуд", "cуд"),
    ("т0чка", "точка", "т0чка", "тчка", "т0чка", "т0чка", "т0чка", "т0чка"),
    ("ɵкүм", "өкүм", "ɵкүм", "ɵкүм", "ɵкум", "ɵкум", "ɵк[үу]м", "ɵкум"),
    (
        "мыйзамдыҥ",
        "мыйзамдың",
        "мыйзамдыҥ",
        "мыйзамдыҥ",
        "мыйзамдыҥ",
        "мизамдиҥ",
        "мыйзамдыҥ",
        "мыйзамдыҥ",
    ),
    ("ӉӈӊҤҥ", "ҢңңҢң", "ӉӈӊҤҥ", "ӊӈӊҥҥ", "ӊӈӊҥҥ", "ӊӈӊҥ", "ӉӈӊҤҥ", "ӊӈӊҥҥ"),
    (
        "Өмүр Үсөн Ңаа",
        "Өмүр Үсөн Ңаа",
        "Өмүр Үсөн Ңаа",
        "өмүрүсөнңаа",
        "омур усон наа",
        "омур усон на",
        "[ӨО]м[үу]р [ҮУ]с[өо]н [ҢН]аа",
        "омур усон наа",
    ),
    (
        "Джумабаев",
        "Джумабаев",
        "Джумабаев",
        "джумабаев",
        "джумабаев",
        "жумабаев",
        "Джумабаев",
        "джумабаев",
    ),
    ("Ж-Аа ааа", "Ж-Аа ааа", "Ж-Аа ааа", "жааааа", "ж-аа ааа", "жа а", "Ж-Аа ааа", "ж аа ааа"),
    (
        "Эмиль щука",
        "Эмиль щука",
        "Эмиль щука",
        "эмильщука",
        "эмиль щука",
        "емил шука",
        "Эмиль щука",
        "эмиль щука",
    ),
    ("әһ", "әһ", "әһ", "әһ", "әһ", "ах", "әһ", "әһ"),
    ("abc_ъ", "abc_ъ", "abc_ъ", "abcъ", "abc_ъ", "abc_", "abc_ъ", "abc_ъ"),
    (
        "Кыргыз-Жумабек",
        "Кыргыз-Жумабек",
        "Кыргыз-Жумабек",
        "кыргызжумабек",
        "кыргыз-жумабек",
        "киргизжумабек",
        "Кыргыз-Жумабек",
        "кыргыз жумабек",
    ),
    ("Иванъ1", "Иванъ1", "Иван1", "иванъ", "иванъ1", "иван1", "Иванъ1", "иванъ1"),
    ("", "", "", "", "", "", "", ""),
    ("  ", "  ", "  ", "", "  ", " ", "  ", ""),
    ("КЪ", "К", "К", "къ", "къ", "к", "КЪ", "къ"),
    ("кызына", "кызына", "кызына", "кызына", "кызына", "кизина", "кызына", "кызына"),
    ("экинчи", "экинчи", "экинчи", "экинчи", "экинчи", "екинчи", "экинчи", "экинчи"),
    (
        "жыйырманчы",
        "жыйырманчы",
        "жыйырманчы",
        "жыйырманчы",
        "жыйырманчы",
        "жирманчи",
        "жыйырманчы",
        "жыйырманчы",
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=[r[0] or "empty" for r in TABLE])
@pytest.mark.parametrize("caller", list(CALLERS))
def test_each_caller_folds_as_before(caller: str, row: tuple[str, ...]) -> None:
    expected = row[1 + list(CALLERS).index(caller)]
    assert CALLERS[caller](row[0]) == expected


def test_the_shared_tables() -> None:
    """The facts themselves: what a pre-1918 letter, ё and a Kyrgyz stand-in become."""
    assert "ѣі ѳѵ ЁёɵҥӉ".translate(text_fold.SPELLING) == "еи фи ЕеөңҢ"
    assert "өүң ӨҮҢ".translate(str.maketrans(text_fold.KYRGYZ_AS_RUSSIAN)) == "оун ОУН"
    assert text_fold.drop_final_hard_sign("Судъ, подъ объ1 ъ") == "Суд, под объ1 ъ"
    assert text_fold.spelling("ОБЪЕКТЪ сѣлѣ") == "ОБЪЕКТ селе"
