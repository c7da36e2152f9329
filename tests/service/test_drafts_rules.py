"""Pure pieces of the drafts service: who acts for an agency, plan identity, what is public."""

from __future__ import annotations

import pytest

from core.auth import Caller, Role
from core.models import Draft
from service.drafts import visible
from service.drafts_plan import title_key

pytestmark = pytest.mark.unit

JUSTICE = "Министерство юстиции"


@pytest.mark.parametrize(
    ("caller", "acts"),
    [
        (Caller(role=Role.DEVELOPER, agency="«министерство  ЮСТИЦИИ»"), True),
        (Caller(role=Role.DEVELOPER, agency="Министерство финансов"), False),
        (Caller(role=Role.DEVELOPER, agency=None), False),
        (Caller(role=Role.ADMIN), True),
        (Caller(role=Role.CLERK, court=JUSTICE), False),
        (Caller(), False),
    ],
)
def test_acts_for_agency(caller: Caller, acts: bool) -> None:
    assert caller.acts_for_agency(JUSTICE) is acts
    draft = Draft(agency=JUSTICE, published_at=None)
    assert visible(draft, caller) is acts  # a planned draft: its agency and admins only


def test_plan_title_identity_folds_case_spacing_and_yo() -> None:
    assert title_key("О  внесении изменений\tв Закон «Об ЁЛКАХ»") == title_key(
        "о внесении изменений в закон «об елках»"
    )
    assert title_key("О медиации") != title_key("О медиаторах")
