"""Russian-language decisions: a criminal приговор, civil and administrative решения.

They follow the usual structure of KR first-instance decisions (вводная, описательно-
мотивировочная and резолютивная parts) so that metadata extraction has real work to do.
The pairing of article numbers with offences is illustrative, not a statement of the law.
"""

from __future__ import annotations

import datetime
import random

from ingest.demo.court_common import (
    ADMIN_COURT,
    COURTS,
    PHONES_BRANDS,
    STREETS,
    Party,
    days_before,
    make_bench,
    make_party,
)
from ingest.demo.lang import AMOUNTS, money, ru_date, ru_years
from ingest.demo.people import People, Person
from ingest.demo.textdoc import TextDoc, heading, para, split


def _g(p: Person, masc: str, fem: str) -> str:
    return fem if p.female else masc


def _identity(party: Party) -> str:
    p = party.person
    return (
        f"{p.full('gen')}, {party.born:%d.%m.%Y} года рождения, "
        f"{_g(p, 'уроженца', 'уроженки')} {party.birthplace}, "
        f"{_g(p, 'гражданина', 'гражданки')} Кыргызской Республики, со средним образованием, "
        f"{_g(p, 'холостого', 'незамужней')}, {_g(p, 'неработающего', 'неработающей')}, "
        f"{_g(p, 'проживающего', 'проживающей')} по адресу: {party.address}, "
        f"ПИН {party.pin}, ранее не {_g(p, 'судимого', 'судимой')},"
    )


def criminal_ru(rng: random.Random, people: People, date: datetime.date, outcome: str) -> TextDoc:
    court = rng.choice(COURTS)
    bench = make_bench(rng, people, court, "1", date)
    prosecutor, lawyer = people.person(), people.person()
    accused = make_party(rng, people, court, female=False)
    victim = make_party(rng, people, court, origin=rng.choice(("ky", "ru")))
    d, v = accused.person, victim.person
    part = 1 if outcome in ("probation", "fine") else 2
    norm = f"ч. {part} ст. 168 УК КР"
    amount, amount_words, _ = rng.choice(AMOUNTS[:3])
    crime = days_before(rng, date, 60, 200)
    street = rng.choice(STREETS)[0]
    brand = rng.choice(PHONES_BRANDS)
    blocks = [
        heading("ПРИГОВОР"),
        heading("ИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ"),
        heading(f"Дело № {bench.case_no}"),
        split(court.city, ru_date(date)),
        para(
            f"{court.name} в составе председательствующего судьи "
            f"{bench.judge.short('gen')}, при секретаре судебного заседания "
            f"{bench.clerk.short('prep')}, с участием государственного обвинителя — прокурора "
            f"{court.district} {prosecutor.short('gen')}, защитника — адвоката "
            f"{lawyer.short('gen')}, подсудимого {d.short('gen')}, "
            f"{_g(v, 'потерпевшего', 'потерпевшей')} {v.short('gen')}, рассмотрев в открытом "
            f"судебном заседании уголовное дело в отношении"
        ),
        para(_identity(accused)),
        para(f"обвиняемого в совершении преступления, предусмотренного {norm},"),
        heading("УСТАНОВИЛ:"),
        para(
            f"{d.short()} {ru_date(crime)}, около {rng.randint(18, 23)} часов, находясь возле "
            f"дома № {rng.randint(3, 120)} по улице {street}, с целью хищения чужого имущества "
            f"напал на {v.short('acc')}, применил к {_g(v, 'нему', 'ней')} насилие и открыто "
            f"завладел мобильным телефоном марки «{brand}» стоимостью {money(amount)} "
            f"({amount_words}) сомов, после чего с места происшествия скрылся, причинив "
            f"{_g(v, 'потерпевшему', 'потерпевшей')} материальный ущерб."
        ),
    ]
    if outcome == "acquittal":
        blocks += [
            para(
                f"Допрошенный в судебном заседании подсудимый {d.short()} вину в предъявленном "
                f"обвинении не признал и показал, что в указанное время находился у "
                f"родственников, что подтвердили допрошенные судом свидетели."
            ),
            para(
                f"{_g(v, 'Потерпевший', 'Потерпевшая')} {v.short()} в судебном заседании "
                f"пояснил{_g(v, '', 'а')}, что нападавшего в темноте не разглядел{_g(v, '', 'а')} "
                f"и уверенно опознать подсудимого не может."
            ),
            para(
                "Оценив собранные доказательства в их совокупности, суд приходит к выводу, что "
                "стороной обвинения не представлено достаточных доказательств причастности "
                "подсудимого к совершению преступления. Все сомнения в виновности, которые не "
                "могут быть устранены, толкуются в пользу подсудимого."
            ),
        ]
    else:
        blocks += [
            para(
                f"Допрошенный в судебном заседании подсудимый {d.short()} вину в предъявленном "
                f"обвинении признал полностью, в содеянном раскаялся и подтвердил обстоятельства, "
                f"изложенные в обвинительном заключении."
            ),
            para(
                f"{_g(v, 'Потерпевший', 'Потерпевшая')} {v.short()} в судебном заседании "
                f"подтвердил{_g(v, '', 'а')} свои показания, данные в ходе следствия, и "
                f"пояснил{_g(v, '', 'а')}, что ущерб {_g(v, 'ему', 'ей')} возмещен частично."
            ),
            para(
                f"Помимо признательных показаний, вина подсудимого подтверждается протоколом "
                f"осмотра места происшествия от {crime:%d.%m.%Y}, протоколом выемки, "
                f"заключением эксперта № {rng.randint(100, 999)} и показаниями свидетелей."
            ),
            para(
                f"Оценив собранные доказательства в их совокупности, суд считает вину "
                f"подсудимого {d.short('gen')} доказанной и квалифицирует его действия по "
                f"{norm}."
            ),
            para(
                "При назначении наказания суд учитывает характер и степень общественной "
                "опасности совершенного преступления, личность подсудимого, который ранее не "
                "судим, по месту жительства характеризуется положительно. Смягчающими "
                "наказание обстоятельствами суд признает чистосердечное раскаяние и "
                "частичное возмещение ущерба; отягчающих обстоятельств не установлено."
            ),
        ]
    blocks += [
        para("На основании изложенного, руководствуясь ст.ст. 336–340 УПК КР, суд"),
        heading("ПРИГОВОРИЛ:"),
    ]
    years = rng.randint(2, 5)
    sentence = {
        "prison": f"назначить ему наказание в виде лишения свободы сроком на {ru_years(years)} "
        f"с отбыванием наказания в исправительной колонии общего режима.",
        "probation": f"назначить ему наказание в виде пробационного надзора сроком на "
        f"{ru_years(2)} с возложением обязанностей, установленных законом.",
        "fine": f"назначить ему наказание в виде штрафа в размере {money(AMOUNTS[3][0])} сомов.",
    }
    if outcome == "acquittal":
        blocks.append(
            para(
                f"{d.full('acc')} признать невиновным в совершении преступления, "
                f"предусмотренного {norm}, и оправдать его за отсутствием в деянии "
                f"состава преступления."
            )
        )
    else:
        blocks.append(
            para(
                f"Признать {d.full('acc')} виновным в совершении преступления, "
                f"предусмотренного {norm}, и {sentence[outcome]}"
            )
        )
    blocks += [
        para(
            "Меру пресечения в виде подписки о невыезде отменить по вступлении приговора в "
            "законную силу."
        ),
        # The initials end the sentence: no second full stop.
        para(
            f"Вещественное доказательство — мобильный телефон марки «{brand}» — возвратить "
            f"{_g(v, 'потерпевшему', 'потерпевшей')} {v.short('dat')}"
        ),
        para(
            f"Приговор может быть обжалован в апелляционном порядке в {court.appeal} через "
            f"{court.name} в течение 30 дней со дня провозглашения."
        ),
        split("Председательствующий судья", bench.judge.signature()),
    ]
    title = f"Приговор по делу № {bench.case_no} ({court.name})"
    return TextDoc(title, "ru", date, tuple(blocks))


def civil_loan_ru(rng: random.Random, people: People, date: datetime.date, outcome: str) -> TextDoc:
    court = rng.choice(COURTS)
    bench = make_bench(rng, people, court, "2", date)
    plaintiff = make_party(rng, people, court, origin=rng.choice(("ky", "ru")))
    defendant = make_party(rng, people, court)
    lawyer = people.person()
    pl, df = plaintiff.person, defendant.person
    amount, words, _ = rng.choice(AMOUNTS[3:])
    loan = days_before(rng, date, 300, 700)
    due = days_before(rng, date, 60, 200)
    blocks = [
        heading("РЕШЕНИЕ"),
        heading("ИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ"),
        heading(f"Дело № {bench.case_no}"),
        split(court.city, ru_date(date)),
        para(
            f"{court.name} в составе председательствующего судьи {bench.judge.short('gen')}, "
            f"при секретаре {bench.clerk.short('prep')}, с участием {_g(pl, 'истца', 'истицы')} "
            f"{pl.short('gen')}, представителя ответчика — адвоката {lawyer.short('gen')}, "
            f"рассмотрев в открытом судебном заседании гражданское дело по иску "
            f"{pl.full('gen')} к {df.full('dat')} о взыскании суммы долга по договору займа,"
        ),
        heading("УСТАНОВИЛ:"),
        para(
            f"{pl.short()} {_g(pl, 'обратился', 'обратилась')} в суд с иском к "
            f"{df.short('dat')}, указывая, что {ru_date(loan)} {_g(pl, 'передал', 'передала')} "
            f"ответчику в долг денежные средства в размере {money(amount)} ({words}) сомов, "
            f"что подтверждается распиской. Ответчик обязался вернуть сумму займа до "
            f"{ru_date(due)}, однако обязательство не исполнил и на звонки по номеру "
            f"{defendant.phone} не отвечает."
        ),
        para(
            "В судебном заседании истец исковые требования поддержал и просил удовлетворить "
            "их в полном объеме."
        ),
        para(
            f"Представитель ответчика адвокат {lawyer.short()} иск не признал, пояснив, что "
            f"часть долга была возвращена истцу наличными без составления расписки."
        ),
        para(
            "В соответствии с п. 1 ст. 733 ГК КР заемщик обязан возвратить займодавцу "
            "полученную сумму займа в срок и в порядке, которые предусмотрены договором."
        ),
    ]
    if outcome == "refused":
        blocks.append(
            para(
                "Вместе с тем подлинник расписки истцом суду не представлен, а "
                "представленная копия не позволяет установить факт передачи денег. "
                "При таких обстоятельствах иск удовлетворению не подлежит."
            )
        )
    else:
        blocks.append(
            para(
                "Доказательств возврата суммы займа ответчиком не представлено, "
                "расписка находится у истца, что свидетельствует о неисполнении "
                "обязательства."
            )
        )
    blocks += [
        para("На основании изложенного и руководствуясь ст.ст. 200–202 ГПК КР, суд"),
        heading("РЕШИЛ:"),
    ]
    if outcome == "refused":
        blocks.append(
            para(
                f"В удовлетворении иска {pl.full('gen')} к {df.full('dat')} о "
                f"взыскании суммы долга отказать."
            )
        )
    else:
        part = "удовлетворить частично" if outcome == "partial" else "удовлетворить"
        sum_ = amount // 2 if outcome == "partial" else amount
        blocks.append(
            para(
                f"Иск {pl.full('gen')} {part}. Взыскать с {df.full('gen')} в пользу "
                f"{pl.full('gen')} сумму долга по договору займа в размере "
                f"{money(sum_)} сомов и расходы по оплате государственной пошлины."
            )
        )
        if outcome == "partial":
            blocks.append(para("В остальной части иска отказать."))
    blocks += [
        para(
            f"Решение может быть обжаловано в {court.appeal} в течение 30 дней со дня "
            f"изготовления мотивированного решения."
        ),
        split("Председательствующий судья", bench.judge.signature()),
    ]
    title = f"Решение по делу № {bench.case_no} о взыскании долга ({court.name})"
    return TextDoc(title, "ru", date, tuple(blocks))


AGENCIES = (
    (
        "Управление Государственной налоговой службы по Ленинскому району города Бишкек",
        "Управления Государственной налоговой службы по Ленинскому району города Бишкек",
        "Управлению Государственной налоговой службы по Ленинскому району города Бишкек",
    ),
    ("Мэрия города Бишкек", "мэрии города Бишкек", "мэрии города Бишкек"),
    (
        "Департамент кадастра и регистрации прав на недвижимое имущество",
        "Департамента кадастра и регистрации прав на недвижимое имущество",
        "Департаменту кадастра и регистрации прав на недвижимое имущество",
    ),
)


def admin_ru(rng: random.Random, people: People, date: datetime.date, outcome: str) -> TextDoc:
    court = ADMIN_COURT
    bench = make_bench(rng, people, court, "АД", date)
    plaintiff = make_party(rng, people, court)
    representative = people.person()
    pl = plaintiff.person
    _, agency_gen, agency_dat = rng.choice(AGENCIES)
    act_no = rng.randint(100, 4999)
    act_date = days_before(rng, date, 90, 300)
    blocks = [
        heading("РЕШЕНИЕ"),
        heading("ИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ"),
        heading(f"Дело № {bench.case_no}"),
        split(court.city, ru_date(date)),
        para(
            f"{court.name} в составе председательствующего судьи {bench.judge.short('gen')}, "
            f"при секретаре {bench.clerk.short('prep')}, с участием истца {pl.short('gen')}, "
            f"представителя ответчика {representative.short('gen')}, действующего по "
            f"доверенности, рассмотрев в открытом судебном заседании административное дело "
            f"по иску {pl.full('gen')} к {agency_dat} о признании незаконным решения "
            f"№ {act_no} от {act_date:%d.%m.%Y},"
        ),
        heading("УСТАНОВИЛ:"),
        para(
            f"Решением {agency_gen} № {act_no} от {ru_date(act_date)} истцу отказано в "
            f"удовлетворении заявления без указания мотивов отказа. {pl.short()} считает "
            f"решение незаконным, нарушающим {_g(pl, 'его', 'ее')} права, и просит его "
            f"отменить."
        ),
        para(
            f"Представитель ответчика {representative.short()} иск не признал, указав, что "
            f"решение принято в пределах полномочий органа."
        ),
        para(
            "В соответствии с Законом Кыргызской Республики «Об основах административной "
            "деятельности и административных процедурах» административный акт должен быть "
            "обоснован, а заинтересованное лицо вправе знать мотивы его принятия."
        ),
    ]
    if outcome == "refused":
        blocks.append(
            para(
                "Суд установил, что мотивы отказа были доведены до истца письмом, "
                "а оспариваемое решение соответствует требованиям закона."
            )
        )
    else:
        blocks.append(
            para(
                "Ответчиком не представлено доказательств того, что мотивы отказа "
                "были доведены до истца; следовательно, решение не отвечает "
                "требованиям закона."
            )
        )
    blocks += [para("Руководствуясь ст.ст. 199–201 АПК КР, суд"), heading("РЕШИЛ:")]
    if outcome == "refused":
        blocks.append(para(f"В удовлетворении административного иска {pl.full('gen')} отказать."))
    else:
        blocks.append(
            para(
                f"Административный иск {pl.full('gen')} удовлетворить. Признать "
                f"незаконным и отменить решение {agency_gen} № {act_no} от "
                f"{act_date:%d.%m.%Y}. Обязать ответчика повторно рассмотреть "
                f"заявление истца в месячный срок."
            )
        )
    blocks += [
        para(f"Решение может быть обжаловано в {court.appeal} в течение 30 дней."),
        split("Судья", bench.judge.signature()),
    ]
    title = f"Решение по административному делу № {bench.case_no} ({court.name})"
    return TextDoc(title, "ru", date, tuple(blocks))
