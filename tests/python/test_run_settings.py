"""RunSettings: the run settings of simulate and every analysis in one object, or as keywords."""

from __future__ import annotations

import inspect
import re

import pandas as pd
import pytest

import meantime

SETTINGS = meantime.RunSettings(paths=1_000, seed=11, progress=False)
ANALYSES = [
    meantime.simulate,
    meantime.required_capital,
    meantime.sweep,
    meantime.price_curve,
    meantime.best_price,
    meantime.sensitivity,
    meantime.compare,
    meantime.collective_effect,
    meantime.portfolio,
    meantime.market_capacity,
]


@pytest.mark.parametrize("function", ANALYSES, ids=lambda f: f.__name__)
def test_every_analysis_shows_settings_in_its_signature_and_help(function):
    parameters = inspect.signature(function).parameters
    assert "settings" in parameters and parameters["settings"].default is None
    # The docstring names every run setting the function takes: in one entry that points to
    # RunSettings, where each is documented (the analyses), or each in an entry of its own
    # (simulate, which documents them).
    doc = function.__doc__
    entry = re.search(
        r"^    ([a-z_, ]+)\n        The (?:other )?run settings \(:class:`~meantime\.RunSettings`", doc, re.M
    )
    named = set(entry.group(1).split(", ")) if entry else set()
    own = set(re.findall(r"^    ([a-z_]+) : ", doc, re.M))
    taken = {"paths", "seed", "threads", "progress", "client", "chunk_paths", "retries", "settings"} & set(parameters)
    assert taken <= named | own and named <= set(parameters)
    assert "RunSettings" in doc


def test_settings_give_the_same_answer_as_the_keywords():
    a = meantime.simulate(settings=SETTINGS)
    b = meantime.simulate(paths=1_000, seed=11, progress=False)
    assert a.path_count == 1_000 and a.seed == 11
    pd.testing.assert_frame_equal(a.summary(), b.summary())
    curve = meantime.price_curve(None, [10, 12], settings=SETTINGS)
    pd.testing.assert_frame_equal(curve, meantime.price_curve(None, [10, 12], paths=1_000, seed=11, progress=False))


def test_settings_and_keywords_together_are_refused():
    with pytest.raises(meantime.ArgumentError, match="settings.*not both.*paths"):
        meantime.sweep(None, {"business.price_per_session": [10]}, paths=500, settings=SETTINGS)


def test_a_setting_the_analysis_cannot_use_is_refused():
    town = meantime.Scenario(
        providers=[{"stream": 1, "collective_member": True}, {"stream": 2, "collective_member": True}],
        collective={"enabled": True},
    )
    with pytest.raises(meantime.ArgumentError, match="collective_effect does not use chunk_paths"):
        meantime.collective_effect(town, settings=SETTINGS.replace(chunk_paths=100))


def test_settings_must_be_run_settings():
    with pytest.raises(meantime.ArgumentError, match="settings: must be a meantime.RunSettings, got dict"):
        meantime.simulate(settings={"paths": 100})


def test_settings_are_checked_as_the_keywords_are():
    with pytest.raises(meantime.RunSettingsError, match="paths"):
        meantime.simulate(settings=meantime.RunSettings(paths=0))
