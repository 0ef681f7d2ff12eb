"""From graded responses to one level per skill on O*NET's 0-7 scale, with its uncertainty.

A skill's level is what the person showed: the item response model's posterior from the
demonstrated items answered (scoring.irt); a skipped item carries no evidence, and a skill
with no demonstrated item answered is not measured (no level). Self-ratings (likert) are
scored apart and never blended in; they are compared with the level on a stated footing
(scoring.self_ratings), only with enough items of both kinds to mean something. The
posterior itself is kept in SkillScore (roles are judged on it); the SkillResult a person
sees is rounded, and its band is read from the rounded level so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from questions.answers import AnswerError, check_answer, keyed_answer
from questions.models import LIKERT_LABELS, Item, LikertItem, Skill
from scoring.catalog import Catalog
from scoring.grading import credit
from scoring.irt import LevelEstimate, estimate_level
from scoring.models import Answer, ResponseResult, SkillResult, one_decimal
from scoring.response_models import AnyParams
from scoring.self_ratings import calibration_note, self_rated, straight_lined
from scoring.wording import join_names


class AskedItem(NamedTuple):
    """One question as asked in an attempt, with the skill whose bank it came from."""

    skill: Skill
    item: Item


class Response(NamedTuple):
    """One asked item with its checked answer and credit.

    Kept as a plain record while scoring (a cohort means hundreds of thousands of them);
    ``result()`` gives the ResponseResult the report shows.
    """

    entry: AskedItem
    answer: Answer
    credit: float | None

    @property
    def type(self) -> str:
        return self.entry.item.type

    def result(self) -> ResponseResult:
        """The result as the report shows it: every value comes from a validated item or
        from check_answer (new lists and dicts, never the caller's)."""
        item = self.entry.item
        return ResponseResult(
            question_id=item.id,
            skill=self.entry.skill.id,
            type=item.type,
            text=item.text,
            exhibit=item.exhibit,
            answer=self.answer,
            keyed=keyed_answer(item),
            credit=self.credit,
            explanation=item.explanation,
        )


class Graded(NamedTuple):
    """Responses graded, plus what could not be read (a stored answer the bank no longer fits)."""

    responses: list[Response]
    warnings: list[str]


def grade_responses(asked: Sequence[AskedItem], answers: Mapping[str, Answer]) -> Graded:
    """One Response per asked item, in asked order.

    A question missing from ``answers`` counts as skipped. An answer that no longer fits
    its question (the bank changed since it was stored) is also counted as skipped, with a
    warning, so an old attempt can still be shown rather than failing outright.
    """
    responses: list[Response] = []
    warnings: list[str] = []
    for entry in asked:
        item = entry.item
        try:
            value = check_answer(item, answers.get(item.id))
        except AnswerError as error:
            warnings.append(f"question {item.id}: {error}; counted as skipped")
            value = None
        responses.append(Response(entry, value, credit(item, value)))
    return Graded(responses, warnings)


class SkillScore(NamedTuple):
    """One skill's level posterior (None: not measured) and the rounded result shown."""

    skill: str
    name: str
    estimate: LevelEstimate | None
    result: SkillResult


Params = Mapping[str, AnyParams]


class _Shown(NamedTuple):
    """What the self-rating is compared with, before the SkillResult is built with the
    sentence (see scoring.self_ratings.calibration_note)."""

    self_rated: float | None
    level: float | None
    interval: tuple[float, float] | None
    answered: int
    self_ratings_answered: int
    calibration: float | None


def _skill_score(
    skill: Skill,
    ratings: list[float],
    evidence: list[tuple[Item, float | None]],
    catalog: Catalog,
    params: Params | None,
) -> SkillScore:
    """The level from demonstrated items answered (skips carry no evidence), what it means
    in O*NET's words, self-ratings beside it, and the comparison of the two when there are
    enough of each."""
    rules = catalog.scoring
    estimate = estimate_level(evidence, params)
    rated = one_decimal(self_rated(ratings))
    level = level_sd = interval = None
    answered = 0
    if estimate is not None:
        level = one_decimal(estimate.mean)
        level_sd = round(estimate.sd, 2)
        interval = (round(estimate.low, 1), round(estimate.high, 1))
        answered = estimate.answered
    enough = (
        len(ratings) >= rules.calibration_min_self_ratings
        and answered >= rules.calibration_min_demonstrated
    )
    calibration = (
        round(rated - level, 1) if enough and rated is not None and level is not None else None
    )
    shown = _Shown(rated, level, interval, answered, len(ratings), calibration)
    result = SkillResult(
        skill=skill.id,
        name=skill.name,
        self_rated=rated,
        level=level,
        level_sd=level_sd,
        interval=interval,
        band=None if level is None else rules.band_for(level),
        answered=answered,
        skipped=len(evidence) - answered,
        self_ratings_answered=len(ratings),
        calibration=calibration,
        calibration_note=calibration_note(shown, rules),
        anchor=catalog.anchor(skill.id, level),
    )
    return SkillScore(skill.id, skill.name, estimate, result)


def score_responses(
    responses: Sequence[Response], catalog: Catalog, params: Params | None = None
) -> list[SkillScore]:
    """Per-skill levels in the order skills first appear in the responses. ``params``:
    calibrated item parameters by question id (items not in it are scored from labels).
    One pass sorts each response to its skill's self-ratings answered or its evidence (a
    demonstrated item with its credit, None when skipped)."""
    skills: dict[str, tuple[Skill, list[float], list[tuple[Item, float | None]]]] = {}
    for response in responses:
        entry = response.entry
        item = entry.item
        found = skills.get(entry.skill.id)
        if found is None:
            found = skills[entry.skill.id] = (entry.skill, [], [])
        if isinstance(item, LikertItem):
            if response.credit is not None:
                found[1].append(response.credit)
        else:
            found[2].append((item, None if response.answer is None else response.credit))
    return [_skill_score(*found, catalog, params) for found in skills.values()]


def score_skills(
    asked: Sequence[AskedItem],
    answers: Mapping[str, Answer],
    catalog: Catalog,
    params: Params | None = None,
) -> list[SkillScore]:
    """Grade the answers and score every skill asked (see score_responses)."""
    return score_responses(grade_responses(asked, answers).responses, catalog, params)


def pattern_warnings(scores: Sequence[SkillScore], responses: Sequence[Response]) -> list[str]:
    """Answer patterns that make results unreliable: straight-lined self-ratings (see
    scoring.self_ratings.straight_lined), and skills where every question was skipped."""
    warnings: list[str] = []
    lined = straight_lined([(r.entry.item, r.answer) for r in responses])
    if lined is not None:
        count, answer = lined
        names = [s.name for s in scores if s.result.self_rated is not None]
        warnings.append(
            f"All {count} self-ratings were '{LIKERT_LABELS[answer - 1]}', though "
            "some are worded the other way round, which suggests answering without reading; "
            f"the self-ratings for {join_names(names)} are unreliable."
        )
    asked = {r.entry.skill.id for r in responses}
    answered = {r.entry.skill.id for r in responses if r.answer is not None}
    for score in scores:
        if score.skill in asked - answered:
            warnings.append(f"Every question on {score.name} was skipped, so it is not measured.")
    return warnings
