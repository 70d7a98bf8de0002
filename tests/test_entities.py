import re
from collections import defaultdict

import pytest

from chipwatch.analyze import kb
from chipwatch.analyze.entities import find_entities

TYPES = {"COUNTRY", "AGENCY", "COMPANY", "PERSON", "ORGANIZATION", "MEDIA", "PRODUCT", "PROGRAM", "LOCATION"}


def test_knowledge_base_rows_are_well_formed():
    ents = kb.entities()
    assert len(ents) > 300
    for e in ents.values():
        assert e.type in TYPES, e
        assert e.name and e.name_en, e
        assert e.qid is None or re.fullmatch(r"Q\d+", e.qid), e
        assert e.parent is None or e.parent in ents, e
        assert all(a.strip() == a and a for a in e.aliases), e
    assert kb.entities()["raimondo"].tenure == "2021-2025" and kb.entities()["samsung_elec"].qid == "Q20718"


def test_entity_ids_are_unique():
    ids = [line.split("\t")[0] for line in open(kb.resources.files("chipwatch.analyze").joinpath("data/entities.tsv"),
                                                  encoding="utf-8") if line.strip() and not line.startswith("#")]
    assert len(ids) == len(set(ids))


def test_no_alias_maps_to_two_entities_of_the_same_type():
    seen = defaultdict(set)
    for e in kb.entities().values():
        for s in kb.surfaces(e):
            seen[(s, e.type)].add(e.id)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes


def test_compounds_name_known_countries():
    for surface, ids, ctx in kb.compounds():
        assert all(i in kb.entities() for i in ids), surface
        if ctx:
            re.compile(ctx)


def names(text):
    return {(e["name_en"] or e["name"], e["type"]) for e in find_entities(text, use_kiwi=False)}


@pytest.mark.parametrize("text,want", [
    ("미국이 발표했다", ("United States", "COUNTRY")),
    ("일본의 대응", ("Japan", "COUNTRY")),
    ("중국에 대한 수출", ("China", "COUNTRY")),
    ("美 상무부", ("United States", "COUNTRY")),
    ("미 정부가 밝혔다", ("United States", "COUNTRY")),
    ("미국산 반도체", ("United States", "COUNTRY")),
    ("대미 수출", ("United States", "COUNTRY")),
    ("대(對)중국 수출 규제", ("China", "COUNTRY")),
    ("대중 반도체 수출 규제", ("China", "COUNTRY")),
    ("한미 동맹", ("South Korea", "COUNTRY")),
    ("한미 동맹", ("United States", "COUNTRY")),
    ("방한 중인 차관", ("South Korea", "COUNTRY")),
    ("산업안보국(BIS)은", ("Bureau of Industry and Security", "AGENCY")),
    ("무역대표부(USTR) 대표", ("Office of the US Trade Representative", "AGENCY")),
    ("삼성 파운드리와 협력", ("Samsung Electronics", "COMPANY")),
    ("러몬도 상무장관은", ("Gina Raimondo", "PERSON")),
    ("니시무라 경제산업상이", ("Yasutoshi Nishimura", "PERSON")),
    ("고대역폭메모리(HBM)", ("high-bandwidth memory", "PRODUCT")),
    ("산케이신문이 보도했다", ("Sankei Shimbun", "MEDIA")),
    ("인도태평양경제프레임워크(IPEF) 교섭", ("Indo-Pacific Economic Framework", "PROGRAM")),
    ("요코하마시에 거점", ("Yokohama", "LOCATION")),
    ("엔비디아의 제품", ("Nvidia", "COMPANY")),
])
def test_recognised(text, want):
    assert want in names(text)


@pytest.mark.parametrize("text,absent", [
    ("미래 기술", "United States"), ("한편 정부는", "South Korea"), ("일부 기업", "Japan"),
    ("중요한 문제", "China"), ("대중교통 요금", "China"), ("대중문화 산업", "China"),
    ("인도할 예정", "India"), ("무엇이란 말인가", "Iran"), ("한 번 더", "South Korea"), ("중 일부", "China"),
    ("러시아워", "Russia"), ("미국식 경영", None),
    ("다양한 수단을 동원해", "Sudan"), ("싸움을 말리는 사람", "Mali"), ("오만한 태도", "Oman"),
])
def test_not_recognised_inside_other_words(text, absent):
    if absent:
        assert absent not in {n for n, _ in names(text)}


def test_title_and_surname_point_back_to_the_person():
    text = "이재용 삼성전자 회장이 일본을 찾았다. 이 회장은 손정의 소프트뱅크 회장을 만났다. 손 회장은 환영했다."
    ents = {e["name_en"]: e for e in find_entities(text, use_kiwi=False)}
    assert [m["text"] for m in ents["Lee Jae-yong"]["mentions"]] == ["이재용", "이 회장"]
    assert [m["text"] for m in ents["Masayoshi Son"]["mentions"]] == ["손정의", "손 회장"]


def test_offsets_are_exact():
    text = "니시무라 야스토시 일본 경제산업상이 지나 러몬도 미국 상무장관과 대(對)중국 반도체 수출 규제를 논의했다."
    for e in find_entities(text, use_kiwi=False):
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_unknown_people_and_companies_from_kiwi():
    text = "홍길순 한빛반도체 대표는 기자회견에서 새 공장 계획을 밝혔다. 이어 박무진 산업부 통상차관보는 협의를 이어갔다."
    ents = {e["name"]: e for e in find_entities(text)}
    assert ents["홍길순"]["type"] == "PERSON" and ents["홍길순"]["name_en"] is None and not ents["홍길순"]["in_kb"]
    assert ents["박무진"]["type"] == "PERSON"


def test_knowledge_base_is_kiwis_user_dictionary():
    from chipwatch.analyze.entities import _kiwi

    text = "라피더스는 도쿄일렉트론과 협력한다."
    spans = {text[t.start:t.start + t.len] for t in _kiwi().tokenize(text) if t.tag == "NNP"}
    assert {"라피더스", "도쿄일렉트론"} <= spans


def test_unknown_acronyms_and_quoted_programmes():
    text = "미국 반도체 업체 ZQX는 새 공장을 짓는다. 정부는 ‘반도체 인재 양성 프로그램’을 발표했다. AI 산업이 크다."
    ents = {e["name"]: e for e in find_entities(text)}
    assert ents["ZQX"]["type"] == "COMPANY" and not ents["ZQX"]["in_kb"]
    assert ents["반도체 인재 양성 프로그램"]["type"] == "PROGRAM"
    assert "AI" not in ents
