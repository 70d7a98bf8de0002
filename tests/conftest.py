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
