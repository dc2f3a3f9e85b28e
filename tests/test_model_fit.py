"""The fitted parameters in reader/engine/data/matcher.json are data a script wrote: re-fit them
from the committed training tables (benchmarks/training/) and check the file.

The tables hold the engine's own feature vectors (reader.engine.features / match / event,
computed by benchmarks/train_matcher.py from MSRP train, the blind real-news gold and PAC),
so this needs no outside data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_matcher  # noqa: E402

from reader.engine import model  # noqa: E402
from reader.engine.event import EVENT_FEATURES  # noqa: E402
from reader.engine.features import PAIR_FEATURES  # noqa: E402
from reader.engine.match import LINK_FEATURES  # noqa: E402
from reader.story.grouping import GROUP_FEATURES  # noqa: E402


@pytest.fixture(scope="module")
def refit() -> dict:
    return train_matcher.fit_all(report=False)


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(Path(model.PATH).read_text(encoding="utf-8"))


def test_tables_hold_the_engines_features():
    assert train_matcher.load_pair_table()[0] == list(PAIR_FEATURES)
    assert train_matcher.load_link_table()[0] == list(LINK_FEATURES)
    assert train_matcher.load_event_table()[0] == list(EVENT_FEATURES)
    assert train_matcher.load_group_table()[0] == list(GROUP_FEATURES)


@pytest.mark.parametrize("layer", ["pair", "link", "event", "group"])
def test_refit_gives_the_committed_parameters(refit, committed, layer):
    got, want = refit[layer], committed[layer]
    assert got["features"] == want["features"]
    assert got["bias"] == pytest.approx(want["bias"], abs=1e-5)
    assert got["weights"] == pytest.approx(want["weights"], abs=1e-5)
    assert got["threshold"] == want["threshold"]
    if layer == "event":
        assert got["max_days_apart"] == want["max_days_apart"]


def test_the_engine_serves_the_committed_parameters(committed):
    for name in ("pair", "link", "event", "group"):
        layer = model.layer(name)
        assert list(layer.features) == committed[name]["features"]
        assert layer.weights == committed[name]["weights"] and layer.threshold == committed[name]["threshold"]
