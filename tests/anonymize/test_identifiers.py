"""One table per identifier recognizer: (text, expected spans), negatives included."""

from __future__ import annotations

import pytest

from anonymize.recognizers.bank_account import BankAccountRecognizer
from anonymize.recognizers.car_plate import CarPlateRecognizer
from anonymize.recognizers.email import EmailRecognizer
from anonymize.recognizers.passport import PassportRecognizer
from anonymize.recognizers.phone import PhoneRecognizer
from anonymize.recognizers.pin import PinRecognizer, valid_pin

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

PIN_CASES = [
    ("ПИН 21203198500346, гражданина КР", ["21203198500346"]),
    ("ИНН 22208198700521)", ["22208198700521"]),
    ("ПИН 2 0707 1969 00112, проживающего", ["2 0707 1969 00112"]),
    ("ЖИН 20304199600871, Кыргыз Республикасынын жараны", ["20304199600871"]),
    ("ИНН организации 01203198500346", []),  # legal entities start with 0
    ("ПИН 21399198500346", []),  # 13th month: not a date
    ("ПИН 31203198500346", []),  # first digit is 1 or 2
    ("счет 1030120000345678", []),  # 16 digits: an account, not a ПИН
    ("дело № 1-412/23 от 14.03.2023", []),
]


@pytest.mark.parametrize(("text", "expected"), PIN_CASES)
def test_pin(found, text, expected):
    assert found(PinRecognizer, text) == expected


def test_pin_validation_uses_the_document_date():
    import datetime

    assert valid_pin("21203198500346")
    assert not valid_pin("21203203000346")  # born in 2030
    assert not valid_pin("21203198500346", today=datetime.date(1980, 1, 1))


PASSPORT_CASES = [
    ("паспорт гражданина РФ 45 10 123456, выдан", ["45 10 123456"]),
    ("паспорт гражданина Республики Казахстан N1234567", ["N1234567"]),
    ("паспорт ID0456789, проживающего", ["ID0456789"]),
    ("паспорт AN 2738164, обвиняемого", ["AN 2738164"]),
    ("паспорт серии AN № 2738164", ["AN № 2738164"]),
    ("паспорту ID0283714, 2019-жылдын", ["ID0283714"]),
    ("паспорт АН 1234567 (кириллицей)", ["АН 1234567"]),
    ("паспорт № 4512345", ["№ 4512345"]),
    ("заплатил 1234567 сомов", []),
    ("ID заявки 12345", []),
]


@pytest.mark.parametrize(("text", "expected"), PASSPORT_CASES)
def test_passport(found, text, expected):
    assert found(PassportRecognizer, text) == expected


PHONE_CASES = [
    ("телефон 0 (555) 12-34-56, и", ["0 (555) 12-34-56"]),
    ("номером +996 555 14 27 83 стоимостью", ["+996 555 14 27 83"]),
    ("по телефону +996 (3134) 5-27-18, что", ["+996 (3134) 5-27-18"]),
    ("тел. +996 (772) 41-08-36,", ["+996 (772) 41-08-36"]),
    ("номер +996 550 903 118, и", ["+996 550 903 118"]),
    ("+7 926 418 22 07 номери", ["+7 926 418 22 07"]),
    ("тел. 0700 62-19-84,", ["0700 62-19-84"]),
    ("+996555123456 и 0555-12-34-56", ["+996555123456", "0555-12-34-56"]),
    ("тел: 55-12-34", ["55-12-34"]),
    ("в сумме 300 000 сомов", []),
    ("ст.ст. 198-200 ГПК КР", []),
    ("15.04.2021 в 23 ч. 10 мин.", []),
    ("ПИН 21203198500346", []),
]


@pytest.mark.parametrize(("text", "expected"), PHONE_CASES)
def test_phone(found, text, expected):
    assert found(PhoneRecognizer, text) == expected


EMAIL_CASES = [
    ("по электронной почте chernykh.lg@mail.ru ответчиком", ["chernykh.lg@mail.ru"]),
    ("с адреса osmonkulov.zh@gmail.com, однако", ["osmonkulov.zh@gmail.com"]),
    ("gulnara.orozbekova@mail.kg дареги аркылуу", ["gulnara.orozbekova@mail.kg"]),
    ("сайт sud.kg и @username", []),
]


@pytest.mark.parametrize(("text", "expected"), EMAIL_CASES)
def test_email(found, text, expected):
    assert found(EmailRecognizer, text) == expected


BANK_CASES = [
    ("на ее счет № 1030120000345678 в ОАО", ["1030120000345678"]),
    ("банк картасына 4177 4900 2231 8456 номерлүү", ["4177 4900 2231 8456"]),
    ("1240040001872356 эсебинен", ["1240040001872356"]),
    ("ПИН 21203198500346", []),
    ("сумму 2 300 000 сомов", []),
]


@pytest.mark.parametrize(("text", "expected"), BANK_CASES)
def test_bank_account(found, text, expected):
    assert found(BankAccountRecognizer, text) == expected


CAR_PLATE_CASES = [
    ("знаком 08KG456ACD в состоянии", ["08KG456ACD"]),
    ("номером 01 KG 248 BBT, принадлежащим", ["01 KG 248 BBT"]),
    ("номером 01KG 777 AAB, на", ["01KG 777 AAB"]),
    ("с государственным номером B 7712 AM, не", ["B 7712 AM"]),
    ("г/н С 1234 АК", ["С 1234 АК"]),
    ("«Toyota Camry» и «Lexus GX 470»", []),
    ("ч. 2 ст. 168 УК КР", []),
]


@pytest.mark.parametrize(("text", "expected"), CAR_PLATE_CASES)
def test_car_plate(found, text, expected):
    assert found(CarPlateRecognizer, text) == expected
