"""How well levels recover simulated people's true levels, how often requirement decisions
are wrong, and how fast scoring runs: the evidence for scoring.response_models and
scoring.irt.

Simulated people of known level (per skill) answer through the real grading code
(scoring.grading.grade) and are scored by the real model (scoring.irt.estimate_level).
Their answers come from bench/truth.py, a response process per item type that the model
does not assume (a knowledge-or-pick process with attractive distractors, option-by-option
judgments, Mallows-disturbed orders, right-or-wrong numbers), with random guessing on
choice and multi items that is more frequent for weaker people and for a quarter of
people ("guessers"), and 3% random skips. Two truths: item levels exactly the labels, and
labels plus noise (SD 0.75 level) standing for labels that are judgements.

People: half newcomers around level 2.7, half practised around 4.3 (SD 0.9 each, kept in
0.2-6.8): not the scoring prior, on purpose. Forms: quick 3, standard 14 demonstrated items
per skill drawn at random, full every item. Requirement cuts: O*NET levels the roles need
(O*NET 29.3, as scoring/catalog.yaml gives them: 3.0-5.0).

Bars, fixed before running (standard length, per skill unless said):
- Spearman(true, estimated) >= 0.88;
- level RMSE <= 0.85 x the old mean-credit score's, that score mapped to 0-7 by the better
  (lower RMSE, fitted on the same people: generous to it) of a least-squares line and an
  isotonic (monotone) fit; shown beside it ("old x7"), the old score as the product
  compared it with requirements (score / 100 against level / 7, i.e. mean credit x 7);
- 90% intervals cover the truth 88-92% (all skills pooled), with exact labels and with
  label noise;
- decisions on requirements with the truth at least 0.25 level away (met at p >= 0.90, to
  build at p <= 0.10, borderline between): false met <= 3% and false to build <= 3% of the
  decisions at quick, standard and full length, in both truths (borderline share shown);
- guessers not inflated: their mean level error (estimate - truth) <= +0.10;
- strategic skippers (everyone skips the 40% of the form hardest for them, labels plus
  noise): false met <= 3% of the decisions on requirements they are truly below by at
  least 0.25, at quick, standard and full length.
Figures, not bars: coverage and mean error by true level, p_meets calibration (predicted
against observed, by tenths), and two conditions with every label wrong by the same
amount (items truly 0.5 harder, and 0.5 easier, than labelled; noise 0.5 beside it).
Timing: 1,000 standard attempts scored and matched by the whole path (scoring.assess:
grading, the estimate, matching, the Assessment) of a194a9d, the scoring before
levels, and of this tree, each in a child process of the same Python, interleaved, min and
median of 9 passes each (bench/scoring_speed.py, which also runs on its own); bar: <= 1.5 x
on the minimum (other work on the machine only adds time).

    python bench/simulate.py [--people 500] [--replications 4] [--seed 7]
        [--bank synthetic|shipped] [--model fractional|gpcm] [--attempts 1000]
        [--standard 14] [--draw random|stratified|level] [--spread 1.5] [--accuracy-only]

--bank shipped runs the same on the built-in banks (levels from difficulty until the banks
carry their own); the bars are judged on the synthetic banks. --standard sets the standard
form's demonstrated items a skill (default: the product's, quiz.attempts.lengths) and
--draw how they are drawn (bench/forms.py: at random, the default; the product's
stratified draw; or strata on level of equal mass under N(3.5, --spread)), to weigh a
form's length against what its items are; --accuracy-only runs the two truths alone (no
shifted labels, strategic skippers or timing).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from accuracy_bins import print_bins
from accuracy_report import Verdicts, report, strategic_report
from forms import DRAWS
from scoring_speed import BAR, timing
from scoring_speed import report as speed_report
from simulated_people import (
    CONDITIONS,
    LABEL_NOISE,
    SHIFT_NOISE,
    SHIFTS,
    SKILLS,
    STANDARD,
    STRATEGIC_SKIP,
    simulate,
)

from scoring.irt import PRIOR
from scoring.response_models import DEFAULT_MODEL


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=500, help="per replication")
    parser.add_argument("--replications", type=int, default=4, help="banks and truths drawn")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bank", choices=("synthetic", "shipped"), default="synthetic")
    parser.add_argument("--attempts", type=int, default=1000, help="timed standard attempts")
    parser.add_argument("--model", choices=("fractional", "gpcm"), default=DEFAULT_MODEL)
    parser.add_argument("--standard", type=int, default=STANDARD, help="demonstrated items")
    parser.add_argument("--draw", choices=DRAWS, default="random", help="standard forms")
    parser.add_argument("--spread", type=float, default=PRIOR.sd, help="--draw level's SD")
    parser.add_argument("--accuracy-only", action="store_true", help="the two truths alone")
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}; {args.bank} banks; {args.replications} x "
        f"{args.people} people x {len(SKILLS)} skills; seed {args.seed}; model {args.model}; "
        f"standard {args.standard} demonstrated, {args.draw} draw"
    )
    verdicts = Verdicts()
    for name, noise in CONDITIONS.items():
        records = simulate(args, noise)
        report(name, records, verdicts)
        print_bins(records)
    if not args.accuracy_only:
        extra_conditions(args, verdicts)
    print("\nbars" + ("" if args.bank == "synthetic" else " (judged on the synthetic banks)"))
    for text, ok in verdicts.lines:
        print(f"  {'pass' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in verdicts.lines) else 1


def extra_conditions(args: argparse.Namespace, verdicts: Verdicts) -> None:
    """Shifted labels (figures), strategic skippers and timing (bars)."""
    for name, shift in SHIFTS.items():
        records = simulate(args, SHIFT_NOISE, shift=shift)
        report(f"{name} (noise {SHIFT_NOISE}; figures, not bars)", records, Verdicts())
        print_bins(records)
    strategic = simulate(args, LABEL_NOISE, STRATEGIC_SKIP)
    strategic_report("strategic skippers (labels + noise)", strategic, verdicts)
    print()
    least = speed_report(timing(args.attempts, args.seed), args.attempts, 9)
    verdicts.check(f"timing: whole path now / before levels = {least:.2f} <= {BAR}", least <= BAR)


if __name__ == "__main__":
    raise SystemExit(main())
