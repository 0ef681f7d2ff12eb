"""The tables an adaptive quiz chooses from: read off the grid, they must rank items as
the model does, and a pool kept for a whole quiz (or shared by many simulated quizzes)
must pick exactly what a quiz worked out afresh picks, so a resumed quiz goes on as the
first sitting would have."""

from __future__ import annotations

import random

import pytest
from test_adaptive import BANK, BY_ID, CUTS

from scoring.adaptive import Ask, Rules, Stop, next_step, params_of
from scoring.adaptive_pool import (
    Pool,
    information_at,
    information_table,
    informations,
    prepare,
)
from scoring.irt import GRID, PRIOR, Prior, estimate_level
from scoring.response_models import AnyParams, FractionalParams, ItemParams, item_information

CALIBRATED: dict[str, AnyParams] = {
    **{
        f"q-{n:02d}": FractionalParams(0.6 + 0.1 * n, 1.5 + n / 8, 0.25, 0.1, "calibrated", 0.5)
        for n in range(0, 30, 2)
    },
    **{
        f"q-{n:02d}": ItemParams(
            0.5 + 0.08 * n, (2.0, 3.0 + n / 20, 4.5), (0.0, 0.3, 0.6, 1.0), 0.0, "calibrated"
        )
        for n in range(1, 30, 2)
    },
}


@pytest.mark.parametrize("params", [None, CALIBRATED])
def test_information_read_off_the_grid_is_the_model_s_within_a_percent_of_its_peak(
    params: dict[str, AnyParams] | None,
) -> None:
    rng = random.Random(8)
    for item in BANK:
        model = params_of(item, params)
        table = information_table(model)
        assert table == tuple(item_information(model, theta) for theta in GRID)
        for theta in [rng.uniform(GRID[0], GRID[-1]) for _ in range(40)]:
            exact = item_information(model, theta)
            assert information_at(table, theta) == pytest.approx(exact, abs=0.01 * max(table))
        assert information_at(table, -1.0) == table[0]
        assert information_at(table, 9.0) == table[-1]


def test_the_pool_reads_every_item_at_one_level_as_one_at_a_time() -> None:
    pool = prepare(BANK, CALIBRATED)
    positions = list(range(0, 30, 3))
    for theta in (0.0, 0.05, 2.31, 3.5, 6.95, 7.0):
        assert informations(pool, positions, theta) == [
            information_at(pool.tables[p], theta) for p in positions
        ]


def _quiz(seed: int, theta: float, pool_kept: Pool | None, prior: Prior) -> tuple[list[str], Stop]:
    """A whole quiz answered by a coin biased by theta, with or without a kept pool."""
    rng = random.Random(seed)
    answers: list[tuple[str, float | None]] = []
    while True:
        step = next_step(BANK, answers, CUTS, seed, CALIBRATED, Rules(), prior, pool=pool_kept)
        if isinstance(step, Stop):
            return [item_id for item_id, _ in answers], step
        draw = rng.random()
        credit = None if draw < 0.1 else 1.0 if draw < theta / 7 else 0.5 if draw < 0.6 else 0.0
        answers.append((step.item.id, credit))


def test_a_pool_shared_by_many_quizzes_picks_what_fresh_ones_pick() -> None:
    """The posterior products a pool keeps, keyed by prior and answers, give the very
    floats a fresh computation gives: the same questions, the same stops, and the same
    estimate as scoring's, under two priors sharing one pool."""
    shared = prepare(BANK, CALIBRATED)
    for prior in (PRIOR, Prior(2.5, 1.0)):
        for seed in range(40):
            theta = 1 + seed % 6
            kept = _quiz(seed, theta, shared, prior)
            fresh = _quiz(seed, theta, None, prior)
            assert kept == fresh
            asked, stop = kept
            assert stop.estimate == estimate_level(
                [(BY_ID[i], c) for i, c in _answers_of(seed, theta, asked, prior)],
                CALIBRATED,
                prior,
            )
    assert len(shared.products) > 100


def _answers_of(
    seed: int, theta: float, asked: list[str], prior: Prior
) -> list[tuple[str, float | None]]:
    """The answers _quiz gave, replayed step by step through next_step."""
    rng = random.Random(seed)
    answers: list[tuple[str, float | None]] = []
    for item_id in asked:
        step = next_step(BANK, answers, CUTS, seed, CALIBRATED, Rules(), prior)
        assert isinstance(step, Ask) and step.item.id == item_id
        draw = rng.random()
        credit = None if draw < 0.1 else 1.0 if draw < theta / 7 else 0.5 if draw < 0.6 else 0.0
        answers.append((item_id, credit))
    return answers


def test_pools_compare_and_show_without_their_index_and_products() -> None:
    kept, fresh = prepare(BANK, None), prepare(BANK, None)
    next_step(BANK, [("q-10", 1.0)], CUTS, 1, pool=kept)  # a product kept in one pool alone
    assert kept.products and not fresh.products
    assert kept == fresh and repr(kept) == repr(fresh)
    assert "index=" not in repr(kept) and "products=" not in repr(kept)
    assert prepare(BANK[:-1], None) != fresh
