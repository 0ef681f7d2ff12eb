"""From graded responses to one score per skill, with its uncertainty and level.

A skill's score is what the person showed: demonstrated items only. Self-ratings (likert)
are scored apart and never blended in; they are compared with the score (calibration),
because the gap between how people see themselves and how they perform is itself a
finding, but only with enough items of both kinds to make the comparison mean something.
Values are kept unrounded in SkillScore (ranking roles uses them); the SkillResult a person
sees is rounded to one decimal, and its level is read from that rounded score so the
number shown and the level shown never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from questions.answers import AnswerError, check_answer, keyed_answer
from questions.models import LIKERT_LABELS, Item, LikertItem, Skill
from scoring.catalog import Catalog, ScoringRules
from scoring.grading import credit
from scoring.models import Answer, ResponseResult, SkillResult, one_decimal
from scoring.wording import join_names, plural

# Fewer self-ratings than this all alike can be honest; this many or more is straight-lining.
STRAIGHT_LINE_MIN = 4


@dataclass(frozen=True)
class AskedItem:
    """One question as asked in an attempt, with the skill whose bank it came from."""

    skill: Skill
    item: Item


@dataclass(frozen=True, slots=True)
class Response:
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


@dataclass(frozen=True)
class Graded:
    """Responses graded, plus what could not be read (a stored answer the bank no longer fits)."""

    responses: list[Response]
    warnings: list[str] = field(default_factory=list)


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


@dataclass(frozen=True)
class SkillScore:
    """One skill's scores, unrounded (0..100), and the rounded result a person sees."""

    skill: str
    name: str
    self_rated: float | None
    score: float | None
    standard_error: float | None
    result: SkillResult


def standard_error(demonstrated: float | None, count: int) -> float | None:
    """100 x sqrt(p(1-p)/n), the binomial error of a mean credit, with p smoothed.

    Taken plainly the formula says "± 0" whenever every answer was right or every one
    wrong, a certainty three questions cannot give. So p is counted as if one more answer
    were right and one more wrong (Laplace's rule: p = (x + 1) / (n + 2)); n stays the
    number of questions. Near the middle this changes little. It stands until cohort data
    exists.
    """
    if demonstrated is None or count == 0:
        return None
    p = (demonstrated / 100 * count + 1) / (count + 2)
    return 100 * math.sqrt(p * (1 - p) / count)


def calibration_note(
    calibration: float | None,
    score: float | None,
    rules: ScoringRules,
    counts: tuple[int, int] = (0, 0),
) -> str | None:
    """A plain sentence on self-rating versus performance, the finding people rarely hear.

    ``calibration`` is self-rated minus score (None when there is nothing to compare or too
    few items); ``counts`` are the answered self-ratings and demonstrated items. A person
    below ``confident_from_level`` who rated themselves low is not told to be more
    confident: their results do not show a strength yet, only that they judged themselves
    more harshly than they performed.
    """
    if calibration is None:
        ratings, shown = counts
        if not ratings:
            return None
        need_ratings = rules.calibration_min_self_ratings
        need_shown = rules.calibration_min_demonstrated
        return (
            f"Too few items to compare your self-rating with your performance "
            f"({plural(ratings, 'self-rating')} and {plural(shown, 'practical question')} "
            f"answered; at least {need_ratings} and {need_shown} are needed, as a standard "
            "or full quiz asks)."
        )
    points = abs(round(calibration))
    if calibration >= rules.calibration_gap:
        return (
            f"You rate yourself higher than you performed ({points} points above your "
            "demonstrated score); check your view against real results before relying on it."
        )
    if calibration <= -rules.calibration_gap:
        lead = (
            f"You performed better than you rate yourself ({points} points above your "
            "self-rating); "
        )
        if score is not None and rules.reaches(score, rules.confident_from_level):
            return lead + "you can be more confident in this skill."
        return lead + "your results are a fairer guide to where you stand than your self-doubt."
    return "Your self-rating is in line with how you performed."


def _skill_score(skill: Skill, responses: list[Response], rules: ScoringRules) -> SkillScore:
    """Score from demonstrated items only (a skip counts 0, as asked and not shown); null
    when none of them was answered. Self-ratings stand beside it and feed calibration."""
    likert = [r.credit for r in responses if r.type == "likert" and r.credit is not None]
    demonstrated = [r for r in responses if r.type != "likert"]
    answered = sum(1 for r in demonstrated if r.answer is not None)
    self_rated = 100 * fmean(likert) if likert else None
    score = 100 * fmean(r.credit or 0.0 for r in demonstrated) if answered else None
    error = standard_error(score, len(demonstrated)) if answered else None
    enough = (
        len(likert) >= rules.calibration_min_self_ratings
        and answered >= rules.calibration_min_demonstrated
    )
    calibration = (
        self_rated - score if enough and self_rated is not None and score is not None else None
    )
    rounded = one_decimal(score)
    shown_calibration = one_decimal(calibration)
    result = SkillResult(
        skill=skill.id,
        name=skill.name,
        self_rated=one_decimal(self_rated),
        score=rounded,
        standard_error=one_decimal(error),
        level=None if rounded is None else rules.level_for(rounded),
        calibration=shown_calibration,
        calibration_note=calibration_note(
            shown_calibration, rounded, rules, (len(likert), answered)
        ),
        asked=len(responses),
        answered=sum(1 for r in responses if r.answer is not None),
        self_ratings_answered=len(likert),
        demonstrated_answered=answered,
    )
    return SkillScore(skill.id, skill.name, self_rated, score, error, result)


def score_responses(responses: Sequence[Response], catalog: Catalog) -> list[SkillScore]:
    """Per-skill scores in the order skills first appear in the responses."""
    skills: dict[str, Skill] = {}
    by_skill: dict[str, list[Response]] = {}
    for response in responses:
        skill = response.entry.skill
        skills.setdefault(skill.id, skill)
        by_skill.setdefault(skill.id, []).append(response)
    return [_skill_score(skills[s], by_skill[s], catalog.scoring) for s in skills]


def score_skills(
    asked: Sequence[AskedItem], answers: Mapping[str, Answer], catalog: Catalog
) -> list[SkillScore]:
    """Grade the answers and score every skill asked (see score_responses)."""
    return score_responses(grade_responses(asked, answers).responses, catalog)


def straight_lined(responses: Sequence[Response]) -> list[Response]:
    """The answered self-ratings when they are all one answer and can be told from honest
    answers: at least STRAIGHT_LINE_MIN of them, one reverse-keyed among them. An honest
    person agreeing with four positively worded statements gives one answer four times;
    only a reverse-keyed statement makes the same answer contradict itself."""
    ratings = [r for r in responses if r.type == "likert" and isinstance(r.answer, int)]
    if len(ratings) < STRAIGHT_LINE_MIN or len({r.answer for r in ratings}) != 1:
        return []
    reversed_ = any(isinstance(r.entry.item, LikertItem) and r.entry.item.reverse for r in ratings)
    return ratings if reversed_ else []


def pattern_warnings(scores: Sequence[SkillScore], responses: Sequence[Response]) -> list[str]:
    """Answer patterns that make scores unreliable: straight-lined self-ratings (see
    straight_lined), and skills where every question was skipped."""
    warnings: list[str] = []
    ratings = straight_lined(responses)
    if ratings:
        answer = ratings[0].answer
        assert isinstance(answer, int)
        names = [s.name for s in scores if s.self_rated is not None]
        warnings.append(
            f"All {len(ratings)} self-ratings were '{LIKERT_LABELS[answer - 1]}', though "
            "some are worded the other way round, which suggests answering without reading; "
            f"the self-ratings for {join_names(names)} are unreliable."
        )
    for score in scores:
        if score.result.asked and not score.result.answered:
            warnings.append(
                f"Every question on {score.name} was skipped, so its scores are unreliable."
            )
    return warnings
