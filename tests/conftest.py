import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"
EXAMPLES = ROOT / "examples" / "pages"


def seed_cases():
    if not GOLD.is_dir():
        return []
    return [(SEEDS / Path(json.loads(g.read_text())["source"]).name, json.loads(g.read_text()))
            for g in sorted(GOLD.glob("*.json"))]


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "test.db")


PG_URL = __import__("os").environ.get("CHIPWATCH_TEST_PG")


@pytest.fixture
def pg():
    """An empty PostgreSQL database (CHIPWATCH_TEST_PG, which `.ci/run` sets from its test cluster)."""
    if not PG_URL:
        pytest.skip("CHIPWATCH_TEST_PG is not set: no PostgreSQL server for this run")
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def anydb(request, tmp_path):
    """The same test on the embedded default and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg")
