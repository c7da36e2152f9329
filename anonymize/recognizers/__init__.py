"""Recognizers, one per file, each declared as data (patterns, context, validation).

REMOVE recognizers find what the policy may remove; KEEP recognizers (organisations,
legal norms) guard spans that no name recognizer may reach into.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from anonymize.recognizers.address import AddressRecognizer
from anonymize.recognizers.bank_account import BankAccountRecognizer
from anonymize.recognizers.birth_date import BirthDateRecognizer
from anonymize.recognizers.car_plate import CarPlateRecognizer
from anonymize.recognizers.email import EmailRecognizer
from anonymize.recognizers.natasha_person import (
    ModelsMissingError,
    NatashaPersonRecognizer,
    check_models,
)
from anonymize.recognizers.norm_reference import NormReferenceRecognizer
from anonymize.recognizers.organization import OrganizationRecognizer
from anonymize.recognizers.passport import PassportRecognizer
from anonymize.recognizers.person_caps import PersonCapsRecognizer
from anonymize.recognizers.person_context import PersonContextRecognizer
from anonymize.recognizers.person_first_name import PersonFirstNameRecognizer
from anonymize.recognizers.person_full_name import PersonFullNameRecognizer
from anonymize.recognizers.person_initials import PersonInitialsRecognizer
from anonymize.recognizers.person_kyrgyz import PersonKyrgyzRecognizer
from anonymize.recognizers.person_latin import PersonLatinRecognizer
from anonymize.recognizers.person_list import PersonListRecognizer
from anonymize.recognizers.phone import PhoneRecognizer
from anonymize.recognizers.pin import PinRecognizer
from anonymize.recognizers.portal_header import PortalHeaderRecognizer

# Each entry builds the recognizer for one language: `cls("ru")`, `cls("ky")`.
ALL: tuple[Callable[[str], EntityRecognizer], ...] = (
    NatashaPersonRecognizer,
    PersonFullNameRecognizer,
    PersonInitialsRecognizer,
    PersonKyrgyzRecognizer,
    PersonLatinRecognizer,
    PersonListRecognizer,
    PersonCapsRecognizer,
    PersonContextRecognizer,
    PersonFirstNameRecognizer,
    PinRecognizer,
    PassportRecognizer,
    PhoneRecognizer,
    EmailRecognizer,
    BankAccountRecognizer,
    CarPlateRecognizer,
    AddressRecognizer,
    BirthDateRecognizer,
    OrganizationRecognizer,
    NormReferenceRecognizer,
    PortalHeaderRecognizer,
)

__all__ = ["ALL", "ModelsMissingError", "check_models"]
