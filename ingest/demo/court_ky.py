"""Kyrgyz-language decisions: a criminal өкүм and a civil чечим.

Kyrgyz decisions cite norms as «Кылмыш-жаза кодексинин 168-беренесинин 2-бөлүгү» and
decline names by suffix («Асанов Бакыт Талантовичке»), which is exactly what the norm
extractor and the depersonifier must cope with.
"""

from __future__ import annotations

import datetime
import random

from ingest.demo.court_common import COURTS, PHONES_BRANDS, days_before, make_bench, make_party
from ingest.demo.lang import AMOUNTS, ky_date, ky_years, money
from ingest.demo.people import People
from ingest.demo.textdoc import TextDoc, heading, para, split


def criminal_ky(rng: random.Random, people: People, date: datetime.date, outcome: str) -> TextDoc:
    court = rng.choice(COURTS)
    bench = make_bench(rng, people, court, "1", date)
    prosecutor, lawyer = people.person(), people.person()
    accused = make_party(rng, people, court, female=False)
    victim = make_party(rng, people, court)
    d, v = accused.person, victim.person
    part = 1 if outcome in ("probation", "fine") else 2
    norm = f"Кылмыш-жаза кодексинин 168-беренесинин {part}-бөлүгү"
    amount, _, amount_words = rng.choice(AMOUNTS[:3])
    crime = days_before(rng, date, 60, 200)
    brand = rng.choice(PHONES_BRANDS)
    blocks = [
        heading("ӨКҮМ"),
        heading("КЫРГЫЗ РЕСПУБЛИКАСЫНЫН АТЫНАН"),
        heading(f"Иш № {bench.case_no}"),
        split(court.city_ky, ky_date(date)),
        para(
            f"{court.name_ky} төрагалык кылуучу судья {bench.judge.ky_short()}, сот "
            f"отурумунун катчысы {bench.clerk.ky_short()}, мамлекеттик айыптоочу — "
            f"{court.district_ky} прокурору {prosecutor.ky_short()}, коргоочу — адвокат "
            f"{lawyer.ky_short()}, соттолуучу {d.ky_short()} жана жабырлануучу "
            f"{v.ky_short()} катышуусу менен ачык сот отурумунда"
        ),
        para(
            f"{d.ky_full()}, {accused.born.year}-жылы {accused.birthplace_ky} туулган, Кыргыз "
            f"Республикасынын жараны, орто билимдүү, үй-бүлөлүү эмес, иштебейт, "
            f"{accused.address_ky} дарегинде жашайт, ЖИН {accused.pin}, мурда соттолбогон,"
        ),
        para(
            f"Кыргыз Республикасынын Кылмыш-жаза кодексинин 168-беренесинин {part}-бөлүгүндө "
            f"каралган кылмышты жасады деп айыпталган "
            f"кылмыш ишин карап чыгып,"
        ),
        heading("ТАПТЫ:"),
        para(
            f"{d.ky_short()} {ky_date(crime, 'loc')} саат {rng.randint(18, 23)}:00 чамасында "
            f"бөтөн мүлктү уурдап алуу максатында жабырлануучу {v.ky_short('dat')} кол салып, "
            f"зомбулук колдонуп, анын {money(amount)} ({amount_words}) сом турган «{brand}» "
            f"маркасындагы уюлдук телефонун ачык тартып алып, окуя болгон жерден качып кеткен."
        ),
    ]
    if outcome == "acquittal":
        blocks += [
            para(
                f"Сот отурумунда соттолуучу {d.ky_short()} өзүнүн күнөөсүн мойнуна алган жок "
                f"жана ал убакта туугандарынын үйүндө болгонун билдирди."
            ),
            para(
                f"Жабырлануучу {v.ky_short()} караңгыда кол салган адамды так тааный "
                f"албаганын көрсөттү."
            ),
            para(
                "Сот далилдерди жыйынтыгында баалап, айыптоо тарабы соттолуучунун кылмышка "
                "катышы бар экенин далилдей албады деген тыянакка келди. Четтетүүгө мүмкүн "
                "болбогон бардык күмөн саноолор соттолуучунун пайдасына чечилет."
            ),
        ]
    else:
        blocks += [
            para(
                f"Сот отурумунда соттолуучу {d.ky_short()} өзүнүн күнөөсүн толук мойнуна алып, "
                f"кылган ишине өкүнөрүн билдирди."
            ),
            para(f"Жабырлануучу {v.ky_short()} тергөө учурунда берген көрсөтмөлөрүн ырастады."),
            para(
                f"Соттолуучунун күнөөсү окуя болгон жерди кароо протоколу, эксперттин "
                f"№ {rng.randint(100, 999)} корутундусу жана күбөлөрдүн көрсөтмөлөрү менен "
                f"тастыкталат. Сот анын аракеттерин {norm} менен туура квалификацияланган "
                f"деп эсептейт."
            ),
            para(
                "Жаза дайындоодо сот кылмыштын мүнөзүн, коомдук коркунучтуулугунун даражасын, "
                "соттолуучунун инсандыгын жана жазаны жеңилдетүүчү жагдайларды эске алат."
            ),
        ]
    blocks += [
        para(
            "Жогоруда баяндалгандардын негизинде, Кыргыз Республикасынын Кылмыш-жаза "
            "процесстик кодексинин 336–340-беренелерин жетекчиликке алып, сот"
        ),
        heading("ӨКҮМ КЫЛДЫ:"),
    ]
    years = rng.randint(2, 5)
    sentence = {
        "prison": f"ага {ky_years(years)} мөөнөткө эркинен ажыратуу түрүндөгү жаза дайындалсын.",
        "probation": f"ага {ky_years(2)} мөөнөткө пробациялык көзөмөл түрүндөгү жаза дайындалсын.",
        "fine": f"ага {money(AMOUNTS[3][0])} сом өлчөмүндө айып пул түрүндөгү жаза дайындалсын.",
    }
    if outcome == "acquittal":
        blocks.append(
            para(
                f"{d.ky_full()} {norm} боюнча күнөөсүз деп таанылсын жана "
                f"кылмыштын курамы жок болгондуктан акталсын."
            )
        )
    else:
        blocks.append(
            para(f"{d.ky_full()} {norm} боюнча күнөөлүү деп таанылсын жана {sentence[outcome]}")
        )
    blocks += [
        para(
            f"Ашкере далил — «{brand}» уюлдук телефону жабырлануучу {v.ky_short('dat')} "
            f"кайтарылсын."
        ),
        para(f"Өкүмгө {court.appeal_ky} 30 күндүн ичинде апелляциялык тартипте даттанууга болот."),
        split("Төрагалык кылуучу судья", bench.judge.signature()),
    ]
    title = f"Өкүм, иш № {bench.case_no} ({court.name_ky})"
    return TextDoc(title, "ky", date, tuple(blocks))


def civil_ky(rng: random.Random, people: People, date: datetime.date, outcome: str) -> TextDoc:
    court = rng.choice(COURTS)
    bench = make_bench(rng, people, court, "2", date)
    plaintiff = make_party(rng, people, court)
    defendant = make_party(rng, people, court)
    pl, df = plaintiff.person, defendant.person
    amount, _, words = rng.choice(AMOUNTS[3:])
    loan = days_before(rng, date, 300, 700)
    due = days_before(rng, date, 60, 200)
    blocks = [
        heading("ЧЕЧИМ"),
        heading("КЫРГЫЗ РЕСПУБЛИКАСЫНЫН АТЫНАН"),
        heading(f"Иш № {bench.case_no}"),
        split(court.city_ky, ky_date(date)),
        para(
            f"{court.name_ky} төрагалык кылуучу судья {bench.judge.ky_short()}, сот "
            f"отурумунун катчысы {bench.clerk.ky_short()} катышуусу менен, ачык сот "
            f"отурумунда доогер {pl.ky_full('gen')} жоопкер {df.ky_full('dat')} карата карыз "
            f"келишими боюнча карызды өндүрүү жөнүндө доо арызы боюнча жарандык ишти карап "
            f"чыгып,"
        ),
        heading("ТАПТЫ:"),
        para(
            f"Доогер {pl.ky_short()} сотко доо арыз менен кайрылып, {ky_date(loan, 'loc')} "
            f"жоопкерге {money(amount)} ({words}) сом карызга бергенин, жоопкер карызды "
            f"{ky_date(due, 'dat')} чейин кайтарууга милдеттенгенин, бирок милдеттенмесин "
            f"аткарбаганын жана {defendant.phone} телефону аркылуу байланышка чыкпай "
            f"жатканын көрсөткөн."
        ),
        para(
            f"Сот отурумунда доогер доо талабын толук колдоду. Жоопкер {df.ky_short()} сотко "
            f"келген жок, сот отурумунун убактысы жана орду жөнүндө тийиштүү түрдө "
            f"кабарланган."
        ),
        para(
            "Кыргыз Республикасынын Граждандык кодексинин 733-беренесинин 1-пунктуна ылайык, "
            "карыз алуучу карыз берүүчүгө алган карыз суммасын келишимде каралган мөөнөттө "
            "кайтарып берүүгө милдеттүү."
        ),
        para(
            "Иштин материалдары менен карыз келишиминин түзүлгөнү жана акчанын берилгени "
            "тастыкталат, ошондуктан доо арыз канааттандырылууга тийиш."
        ),
        para(
            "Жогоруда баяндалгандардын негизинде, Кыргыз Республикасынын Жарандык процесстик "
            "кодексинин 200–202-беренелерин жетекчиликке алып, сот"
        ),
        heading("ЧЕЧТИ:"),
    ]
    if outcome == "refused":
        blocks.append(
            para(f"Доогер {pl.ky_full('gen')} доо арызын канааттандыруудан баш тартылсын.")
        )
    else:
        sum_ = amount // 2 if outcome == "partial" else amount
        how = "жарым-жартылай" if outcome == "partial" else "толук"
        blocks.append(
            para(
                f"Доогер {pl.ky_full('gen')} доо арызы {how} канааттандырылсын. "
                f"Жоопкер {df.ky_full('abl')} доогердин пайдасына {money(sum_)} сом "
                f"карыз жана мамлекеттик алым өндүрүлүп алынсын."
            )
        )
    blocks += [
        para(f"Чечимге {court.appeal_ky} 30 күндүн ичинде апелляциялык тартипте даттанууга болот."),
        split("Төрагалык кылуучу судья", bench.judge.signature()),
    ]
    title = f"Чечим, иш № {bench.case_no}, карызды өндүрүү жөнүндө ({court.name_ky})"
    return TextDoc(title, "ky", date, tuple(blocks))
