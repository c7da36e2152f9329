"""Short court acts with known norms, courts and outcomes, and a helper that ingests them."""

from __future__ import annotations

from pathlib import Path

from indices.context import AppContext
from ingest.intake import receive
from ingest.runner import process_documents

HEAD = "{act}\nИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nДело № {no}\nгород Бишкек {date}\n"
BENCH = (
    "{court} в составе председательствующего судьи Асановой Б. К., при секретаре "
    "Токтогуловой А. М., рассмотрев в открытом судебном заседании {kind},\n"
)
DECISIONS = {
    "p1": HEAD.format(act="ПРИГОВОР", no="1-101/23", date="12 мая 2023 года")
    + BENCH.format(court="Октябрьский районный суд города Бишкек", kind="уголовное дело")
    + "УСТАНОВИЛ:\nподсудимый открыто похитил мобильный телефон у потерпевшей на улице, "
    "применив насилие, не опасное для жизни.\nПРИГОВОРИЛ:\nпризнать виновным в совершении "
    "преступления, предусмотренного ч. 2 ст. 168 УК КР, и назначить наказание.",
    "p2": HEAD.format(act="ПРИГОВОР", no="1-55/22", date="3 марта 2022 года")
    + BENCH.format(court="Свердловский районный суд города Бишкек", kind="уголовное дело")
    + "УСТАНОВИЛ:\nобвинение в грабеже мобильного телефона не нашло подтверждения.\n"
    "ПРИГОВОРИЛ:\nоправдать по ч. 1 ст. 168 УК КР за отсутствием состава преступления.",
    "o3": "ӨКҮМ\nКЫРГЫЗ РЕСПУБЛИКАСЫНЫН АТЫНАН\nИш № 1-77/23\nОш шаары 2023-жылдын "
    "5-июну\nОш шаардык соту төрагалык кылуучу судья Б. К. Асанова, кылмыш ишин карап "
    "чыгып,\nТАПТЫ:\nсоттолуучу уюлдук телефонду тартып алган.\nӨКҮМ КЫЛДЫ:\n"
    "Кылмыш-жаза кодексинин 168-беренесинин 2-бөлүгү боюнча күнөөлүү деп таанылсын.",
    "c4": HEAD.format(act="РЕШЕНИЕ", no="2-300/23", date="20 июня 2023 года")
    + BENCH.format(
        court="Первомайский районный суд города Бишкек",
        kind="гражданское дело по иску о взыскании долга по договору займа",
    )
    + "Руководствуясь ст.ст. 200-202 ГПК КР, суд\nРЕШИЛ:\nиск удовлетворить, взыскать "
    "сумму займа.",
    "a5": "ОПРЕДЕЛЕНИЕ\nДело № 22-10/24\nгород Бишкек 15 января 2024 года\n"
    + BENCH.format(
        court="Бишкекский городской суд",
        kind="апелляционную жалобу осуждённого на приговор, уголовное дело",
    )
    + "ОПРЕДЕЛИЛ:\nприговор по ч. 2 ст. 168 УК КР оставить без изменения, мобильный телефон "
    "возвратить потерпевшей.",
    "p6": HEAD.format(act="ПРИГОВОР", no="1-9/20", date="10 февраля 2020 года")
    + BENCH.format(court="Ленинский районный суд города Бишкек", kind="уголовное дело")
    + "УСТАНОВИЛ:\nграбёж мобильного телефона.\nПРИГОВОРИЛ:\nпризнать виновным по "
    "ч. 2 ст. 168 УК КР и назначить наказание.",
}


def ingest_decisions(ctx: AppContext, root: Path) -> dict[str, int]:
    """Every sample through the real pipeline into a court collection; name -> document id."""
    files = []
    for name, text in DECISIONS.items():
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    intake = receive(ctx, files, "court", kind="court")
    assert set(process_documents(ctx, intake.new_ids).values()) == {"published"}
    return {Path(i.source).stem: int(i.document_id or 0) for i in intake.items}
