import pytest

from chipwatch.analyze.amounts import find_amounts
from chipwatch.analyze.dates import find_dates
from chipwatch.analyze.entities import find_entities
from chipwatch.analyze.events import find_events, status_of


def events(text, published="2024-12-03"):
    ents = find_entities(text, use_kiwi=False)
    return find_events(text, ents, find_amounts(text), find_dates(text, published))


# (sentence, type, actors that must be among the actors, targets that must be among the targets, status)
TABLE = [
    ("미국 상무부는 2일 중국 반도체 기업에 첨단 반도체 장비 판매를 금지하는 조치를 발표했다.", "export_control",
     {"US Department of Commerce"}, {"China"}, "announced"),
    ("일본 정부는 반도체 제조 장비 23개 품목을 수출관리 대상에 추가했다.", "export_control", {"Japan"}, set(), "in_effect"),
    ("미국 상무부는 중국 기업 140곳을 우려거래자 목록에 추가했다.", "entity_listing", {"US Department of Commerce"}, set(), "in_effect"),
    ("미국은 삼성전자의 중국 공장을 검증된 최종사용자(VEU)로 지정했다.", "authorization", {"United States"}, set(), "in_effect"),
    ("유럽연합은 러시아에 대한 추가 제재를 단행했다.", "sanction", {"European Union"}, {"Russia"}, "in_effect"),
    ("트럼프 대통령은 반도체에 100% 관세를 부과하겠다고 밝혔다.", "tariff", {"Donald Trump", "United States"}, set(), "proposed"),
    ("일본 정부는 라피더스에 700억 엔을 지원할 방침이다.", "subsidy", {"Japan"}, set(), "proposed"),
    ("일본이 미국산 반도체를 대량 구매하는 방안을 제시한 것으로 알려졌다.", "purchase_commitment", {"Japan"}, set(), "reported"),
    ("삼성전자는 텍사스에 반도체 공장을 건설한다고 발표했다.", "investment", {"Samsung Electronics"}, set(), "announced"),
    ("IBM과 라피더스는 차세대 반도체 공동 개발 협약을 맺었다.", "agreement", {"IBM", "Rapidus"}, set(), "in_effect"),
    ("장영진 1차관은 에스테베즈 차관과 24일 면담했다.", "negotiation", {"Jang Young-jin"}, {"Alan Estevez"}, "in_effect"),
    ("삼성전자와 SK그룹이 미국산 AI 수출 프로그램에 참여 의사를 밝혔다.", "program", {"Samsung Electronics", "SK Group"}, set(), "proposed"),
    ("한국과 중국, 일본의 정부 당국자들은 공동 대응하기로 합의했다.", "agreement", {"South Korea", "China", "Japan"}, set(), "in_effect"),
    ("업계는 삼성전자가 미국에 추가 투자할 것으로 전망된다고 밝혔다.", "investment", set(), set(), "expected"),
]


@pytest.mark.parametrize("sentence,etype,actors,targets,status", TABLE, ids=[r[0][:20] for r in TABLE])
def test_event_table(sentence, etype, actors, targets, status):
    evs = [e for e in events(sentence) if e["type"] == etype]
    assert evs, [e["type"] for e in events(sentence)]
    e = evs[0]
    assert actors <= set(e["actors"]) and targets <= set(e["targets"]) and e["status"] == status
    assert sentence[e["start"]:e["end"]] == e["evidence"] and e["rule"]


@pytest.mark.parametrize("sentence", [
    "일본 정부는 수출 규제를 도입하지 않기로 했다.",
    "정부는 관세 부과 보도가 사실이 아니라고 부인했다.",
    "날씨가 맑고 기온이 높았다.",
])
def test_negated_or_unrelated_sentences_give_no_event(sentence):
    assert events(sentence) == []


def test_measure_discussed_in_talks_is_a_negotiation_not_the_measure():
    s = "니시무라 야스토시 일본 경제산업상이 미국을 찾아 대(對)중국 반도체 수출 규제 강화 방안 등을 논의한다고 보도했다."
    types = [e["type"] for e in events(s)]
    assert "negotiation" in types and "export_control" not in types


def test_repeated_claim_is_one_event():
    s = "미국 상무부는 중국 기업 140곳을 우려거래자 목록에 추가했다."
    assert len([e for e in events(s + "\n" + s) if e["type"] == "entity_listing"]) == 1


def test_amount_and_date_are_attached():
    [e] = [x for x in events("일본 정부는 지난달 9일 라피더스에 700억 엔을 지원할 방침이다.", "2023-04-04") if x["type"] == "subsidy"]
    assert e["amount"]["value"] == 7e10 and e["amount"]["unit"] == "JPY" and e["date"] == "2023-03-09"


@pytest.mark.parametrize("sentence,status", [
    ("~한 것으로 알려졌다.", "reported"), ("~할 것으로 전망된다.", "expected"), ("~하자고 제안했다.", "proposed"),
    ("~을 발표했다.", "announced"), ("~을 시행했다.", "in_effect"), ("~하지 않기로 했다.", "negated"),
])
def test_status_rules(sentence, status):
    assert status_of(sentence) == status


def _sentence_table():
    from pathlib import Path

    rows = []
    for line in (Path(__file__).parent / "data" / "event_sentences.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            c = (line.split("\t") + [""] * 5)[:5]
            rows.append((c[0], c[1], {x for x in c[2].split("|") if x}, {x for x in c[3].split("|") if x}, c[4]))
    return rows


SENTENCES = _sentence_table()


def test_sentence_table_covers_every_type_and_status():
    assert len(SENTENCES) + len(TABLE) >= 100
    types = {r[1] for r in SENTENCES}
    assert {"export_control", "entity_listing", "authorization", "sanction", "tariff", "subsidy",
            "purchase_commitment", "investment", "agreement", "negotiation", "program", "none"} <= types
    assert {"in_effect", "announced", "proposed", "reported", "expected"} <= {r[4] for r in SENTENCES}


@pytest.mark.parametrize("sentence,etype,actors,targets,status", SENTENCES, ids=[r[0][:24] for r in SENTENCES])
def test_sentence_table(sentence, etype, actors, targets, status):
    evs = events(sentence, "2025-05-20")
    if etype == "none":
        assert evs == []
        return
    match = [e for e in evs if e["type"] == etype]
    assert match, [e["type"] for e in evs]
    e = match[0]
    assert actors <= set(e["actors"]), e["actors"]
    assert targets <= set(e["targets"]), e["targets"]
    assert e["status"] == status


def test_demonstrative_firm_points_back():
    text = "라피더스는 일본의 반도체 회사다. 일본 정부는 이 업체에 700억 엔을 지원할 방침이다."
    [e] = [x for x in events(text, "2023-04-04") if x["type"] == "subsidy"]
    assert "Rapidus" in e["targets"] and "Japan" in e["actors"]
