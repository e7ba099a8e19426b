"""A whole evaluation: validity, criterion scores, price, panel, totals and ranking.

:func:`evaluate` is pure: the same rubric, bids and panel always give the
same :class:`Result`. :func:`run` adds the file reading around it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import fields, replace
from functools import partial
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .bids import Bid, BidSet, Reading, bid_set, read_bid_file
from .panel_input import PanelInput
from .pricing import PricingModel
from .ranking import Entry, candidates, rank
from .caps import CapLine, apply_caps
from .groups import StageFailure, stage_failure, subtotals
from .errors import Problem
from .labels import Named
from .result import (ABNORMAL_LOW, BELOW_PASS_MARK, FINAL, INCOMPLETE, PROVISIONAL, SETTLED_OUT_BY_PANEL,
                     InvalidBid, Outlier, PanelAggregate, PanelScore, PriceLine, PriceLines, Reason, Result, Standing)
from .deductions import DeductionLine, deduction_lines, deduction_score, unrequired_count_warnings, unrequired_counts
from .rubric import Aggregate, Checklist, Criterion, Deduction, Price, Rubric, load_rubric
from .scoring import (ZERO, PriceOutcome, aggregate, checklist_score, mean, objective_score, price_outcome,
                      trimmed_away)
from .sheets import InputFile, expand_paths, sha256_of
from .sme import SmeCategory
from .validity import BidCheck, CheckMemory, check_bid
from .workers import map_in_order
from .values import round_half_up


def _without_recused_scores(panel: PanelInput) -> PanelInput:
    """The panel without any score a judge gave a bidder they are recused from (回避): such a judge has no score for
    that bidder, so nothing made of the result counts one — the aggregate, the Panel sheet, the panel's progress, a
    submission. The one place that says so; the app's store also refuses to keep such a score (a conflict declared
    over scores a panel workbook gave the seat), so only a database from before that holds one."""
    if not panel.recused:
        return panel
    return replace(panel, scores=tuple(s for s in panel.scores if (s.judge, s.vendor_id) not in panel.recused))


def check_bids(rubric: Rubric, bids: Sequence[Bid]) -> dict[str, BidCheck]:
    """The validity check of every bid, by vendor_id."""
    memory = CheckMemory(rubric)
    return {bid.vendor_id: check_bid(rubric, bid, memory) for bid in bids}


def evaluate(rubric: Rubric, bidset: BidSet, panel: PanelInput | None = None,
             checks: Mapping[str, BidCheck] | None = None, rubric_file: InputFile | None = None) -> Result:
    """Score, rank and flag every bid as rules.md says.

    With pass marks (stages), a valid bid below a group's pass mark drops out: the bids that pass are
    evaluated again without it, so it takes no part in the price evaluation, the scaling or the ranking.
    """
    panel = _without_recused_scores(panel or PanelInput())
    checks = checks or check_bids(rubric, bidset.bids)
    result = _evaluate(rubric, bidset, panel, checks, rubric_file)
    if not rubric.staged:
        return result
    # a bid the panel has settled out (a judge's own result) is out: at a pass mark of its own when these scores put it
    # there as well (its subtotal theirs or the bidder's stated facts alone), else by the panel's settled decision
    failures = {s.vendor_id: failure for s in result.ranking
                if (failure := _stage_failure(rubric, s, panel)) is not None
                and not (failure.incomplete and s.vendor_id in panel.settled_out)}
    settled = {s.vendor_id: panel.settled_out[s.vendor_id] for s in result.ranking
               if s.vendor_id in panel.settled_out and s.vendor_id not in failures}
    if not failures and not settled:
        return result
    rest = _evaluate(rubric, bidset, panel, checks, rubric_file, out=frozenset(failures) | frozenset(settled))
    return _with_stage_failures(rubric, rest, result, failures, bidset, settled)


def _evaluate(rubric: Rubric, bidset: BidSet, panel: PanelInput, checks: Mapping[str, BidCheck],
              rubric_file: InputFile | None, out: frozenset[str] = frozenset()) -> Result:
    """The evaluation of the valid bids that are not ``out`` (out after a stage)."""
    valid = [b for b in bidset.bids if not checks[b.vendor_id].reasons and b.vendor_id not in out]
    in_order = sorted(bidset.bids, key=attrgetter("vendor_id"))
    invalid = tuple(InvalidBid(b.vendor_id, b.vendor_name, reasons, b.file)
                    for b in in_order if (reasons := checks[b.vendor_id].reasons))

    price = rubric.price_criterion
    evaluated: dict[str, Decimal] = {}
    quotes: list[Decimal] = []  # each valid bid's Q
    rates: dict[Any, Decimal] = {}  # the SME deduction rate of each answer (yes, no, a category)
    for bid in valid:
        quoted = checks[bid.vendor_id].quoted
        assert quoted is not None, "a valid bid has a quoted price"  # validity refuses a bid without one
        quotes.append(quoted)
        answer = bid.values.get("sme")
        rate = rates.get(answer)
        if rate is None:
            rate = rates[answer] = _sme_terms(price, bid)[1]
        evaluated[bid.vendor_id] = round_half_up(quoted * (1 - rate), 2) if rate else quoted
    price_mean = mean(list(evaluated.values())) if evaluated else None
    priced = price_outcome(price, evaluated) if price is not None else PriceOutcome({})
    price_points = priced.points
    abnormal = set()
    if price is not None and price.abnormal_low_share is not None and price_mean is not None:
        low = price.abnormal_low_share * price_mean
        abnormal = {v for v, e in evaluated.items() if e < low}

    members = panel.judges
    given: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for score in panel.scores:
        if score.score is not None:
            given[(score.vendor_id, score.criterion)][score.judge] = score.score
    panel_criteria = rubric.panel_criteria

    group_criteria = {g: [c.id for c in rubric.scored_criteria if c.group == g] for g in rubric.groups}
    outliers: list[Outlier] = []
    aggregates: dict[tuple[str, str], PanelAggregate] = {}
    plan = [(criterion, _how_scored(criterion), rubric.places(criterion)) for criterion in rubric.scored_criteria]
    # Criterion by criterion, each a column of the valid bids' rounded scores; then bid by bid.
    values_of = [bid.values for bid in valid]
    vendors = [bid.vendor_id for bid in valid]
    columns: list[list[Decimal]] = []
    unfinished = [False] * len(valid)  # a panel member has not scored the bid yet
    awaiting = [False] * len(valid)  # under consensus: the chair's agreed score is not entered yet
    deductions: list[dict[str, tuple[DeductionLine, ...]]] = [{} for _ in valid]
    for criterion, how, places in plan:
        if how == "objective":
            columns.append(_objective_column(criterion, places, values_of))
            continue
        if how == "panel":
            columns.append(_panel_column(criterion, places, valid, given, panel, rubric, unfinished, awaiting, outliers,
                                         aggregates))
            continue
        if how == "price":
            columns.append(list(map(round_half_up, map(price_points.__getitem__, vendors), repeat(places))))
            continue
        column = []
        for i, bid in enumerate(valid):
            assert isinstance(criterion, Deduction)
            lines = deductions[i][criterion.id] = deduction_lines(criterion, bid.values)
            column.append(round_half_up(deduction_score(criterion, lines), places))
        columns.append(column)
    ids = [criterion.id for criterion, _, _ in plan]
    criteria_of: list[dict[str, Decimal]] = list(map(dict, map(zip, repeat(ids), zip(*columns)))) if columns \
        else [{} for _ in valid]
    caps_of: list[dict[str, CapLine]] = [{} for _ in valid]
    if rubric.caps:  # each bid's scores with the points over a cap taken off, and the columns as counted
        for i, criteria in enumerate(criteria_of):
            criteria_of[i], caps_of[i] = apply_caps(rubric.caps, criteria)
        columns = [list(map(itemgetter(c), criteria_of)) for c in ids]
    # Sums column by column, each in the order of the criteria (the order a bid's own sum adds them in)
    at = {c: k for k, c in enumerate(ids)}
    group_sums = [_sums([columns[at[c]] for c in gids], len(valid)) for gids in group_criteria.values()]
    groups_of = list(map(dict, map(zip, repeat(list(group_criteria)), zip(*group_sums)))) if group_sums \
        else [{} for _ in valid]
    totals = _sums(columns, len(valid))
    filled: dict[str, Sequence[Any]] = {  # each field of the valid bids' standings but the rank, bid by bid
        "vendor_id": vendors, "vendor_name": [bid.vendor_name for bid in valid], "total": totals, "groups": groups_of,
        "criteria": criteria_of, "quoted_price": quotes, "evaluated_price": [evaluated[v] for v in vendors],
        "flags": [((ABNORMAL_LOW,) if vendor in abnormal else ())
                  + ((INCOMPLETE,) if (unfinished[i] or awaiting[i]) and panel_criteria else ())
                  for i, vendor in enumerate(vendors)],
        "sme": [bid.sme for bid in valid], "deductions": deductions, "caps": caps_of,
        "subtotals": [{} for _ in valid], "criteria_raw": [{} for _ in valid],  # (a rubric's features fill them)
        "awaiting_agreed": [waiting and not missing for waiting, missing in zip(awaiting, unfinished)]}
    scaled = any(c.scale_to_best for c in rubric.scored_criteria)
    if scaled or rubric.has_group_rules:
        marks = zip(*(filled[name] for name in _MARKS))  # each valid bid's, in its Standing's order
        unranked: dict[str, Marks] = {row[0]: dict(zip(_MARKS, row)) for row in marks}
        if scaled:
            unranked = _scale_criteria(rubric, unranked)
        if rubric.has_group_rules:
            unranked = _weigh(rubric, unranked)
        ranked = rank([Entry(v, s["total"], s["quoted_price"]) for v, s in unranked.items()])
        ranking = tuple(Standing(rank=place, **unranked[entry.vendor_id]) for place, entry in ranked)
    else:  # (most rubrics) the standings made from the fields as they are, in the order of the ranking
        ranked = rank(list(map(Entry, vendors, totals, quotes)))
        at = {vendor: i for i, vendor in enumerate(vendors)}
        order = [at[entry.vendor_id] for _, entry in ranked]
        ranking = tuple(map(Standing, [place for place, _ in ranked],
                            *(map(filled[name].__getitem__, order) for name in _MARKS)))
    chosen, tied = candidates(ranked, rubric.candidates)
    status = PROVISIONAL if panel.own_of or any(INCOMPLETE in s.flags for s in ranking) else FINAL
    inputs = ((rubric_file,) if rubric_file else ()) + bidset.files + panel.files
    return Result(
        rubric=rubric, status=status, ranking=ranking, candidates=chosen, candidates_tied=tied,
        outliers=tuple(sorted(outliers, key=lambda o: (o.vendor_id, o.criterion, o.judge))),
        invalid=invalid, prices=PriceLines(partial(_price_lines, rubric, in_order, checks, evaluated, priced)),
        panel_scores=_panel_scores(panel), judges=members, inputs=inputs,
        warnings=bidset.warnings + tuple(panel.warnings) + _left_empty_warnings(rubric, valid),
        price_mean=price_mean, price_benchmark=priced.benchmark, recused=tuple(sorted(panel.recused)),
        judge_roles=dict(panel.roles),
        panel_aggregates=aggregates, stated={bid.vendor_id: bid.values for bid in in_order}, own_of=panel.own_of,
    )


def _sums(columns: Sequence[Sequence[Decimal]], rows: int) -> list[Decimal]:
    """Each row's sum of ``columns``, added from 0 in the columns' order."""
    return list(map(sum, zip(*columns), repeat(ZERO))) if columns else [ZERO] * rows


def _left_empty_warnings(rubric: Rubric, valid: Sequence[Bid]) -> tuple[Problem, ...]:
    """The deductions and penalties a scored bid escaped by leaving their field empty, naming the bids (hostile9
    H9-5): the rubric's warning, said again where it changed a total."""
    counted = {field.id for _, field in unrequired_counts(rubric)}
    if not counted:
        return ()
    left_empty = {fid: [bid.vendor_name or bid.vendor_id for bid in valid if bid.values.get(fid) is None]
                  for fid in counted}
    return unrequired_count_warnings(rubric, left_empty)


def _how_scored(criterion: Criterion) -> str:
    """price, deduction (deductions and penalties), panel, or objective (from the bid's values alone)."""
    if isinstance(criterion, Price):
        return "price"
    if isinstance(criterion, Deduction):
        return "deduction"
    return "panel" if criterion.is_panel else "objective"


def _objective_column(criterion: Criterion, places: int, values_of: Sequence[Mapping[str, Any]]) -> list[Decimal]:
    """A checklist's, count's or linear criterion's rounded score of each bid's values (``values_of``, bid by bid).

    The score is a function of the values the criterion reads alone, so it is worked out once for each different
    reading (是, 96%…), from those values, and shared by the bids stating it; except where one of them is a zero (0
    and -0 are equal keys but not equal scores once rounded): that bid is scored on its own.
    """
    if isinstance(criterion, Checklist):
        return _checklist_column(criterion, places, values_of)
    fields = criterion.fields_read
    if not fields:
        readings: list[Any] = [()] * len(values_of)
    elif len(fields) == 1:
        readings = list(map(methodcaller("get", fields[0]), values_of))
    else:
        readings = list(zip(*(map(methodcaller("get", f), values_of) for f in fields)))
    single = len(fields) == 1
    try:
        stated = set(readings)  # each different reading
    except TypeError:  # an unhashable value: no parser gives one, but bid by bid is always right
        stated = set()
    scored = {reading: round_half_up(objective_score(criterion, dict(zip(fields, (reading,) if single else reading))),
                                     places)
              for reading in stated if not _has_zero(reading, single)}
    column: list[Any] = list(map(scored.get, readings))
    if len(scored) < len(stated) or not stated:
        for i, score in enumerate(column):
            if score is None:
                column[i] = round_half_up(objective_score(criterion, values_of[i]), places)
    return column


def _checklist_column(criterion: Checklist, places: int, values_of: Sequence[Mapping[str, Any]]) -> list[Decimal]:
    """A checklist's rounded score of each bid's values (``values_of``, bid by bid), as :func:`objective_score` gives
    it: an item's condition reads one field, so it is asked once for each different value of that field, and each
    different set of items held is scored once (a checklist of many fields is stated in as many ways as bids)."""
    held: list[list[bool]] = []
    for item in criterion.items:
        condition = item.when
        stated = list(map(methodcaller("get", condition.field), values_of))
        try:
            verdicts = {value: condition.holds({condition.field: value}) for value in set(stated)}
        except TypeError:  # an unhashable value: no parser gives one, but bid by bid is always right
            return [round_half_up(objective_score(criterion, values), places) for values in values_of]
        held.append(list(map(verdicts.__getitem__, stated)))
    sets = list(zip(*held)) if held else [()] * len(values_of)
    scored = {items: round_half_up(checklist_score(criterion, items), places) for items in set(sets)}
    return list(map(scored.__getitem__, sets))


def _panel_column(criterion: Criterion, places: int, valid: Sequence[Bid], given: Mapping[tuple[str, str], Mapping[str, Decimal]],
                  panel: PanelInput, rubric: Rubric, unfinished: list[bool], awaiting: list[bool], outliers: list[Outlier],
                  aggregates: dict[tuple[str, str], PanelAggregate]) -> list[Decimal]:
    """A panel criterion's rounded score of each valid bid: the panel's aggregate of the scores given (the agreed
    score under consensus). A bid a panel member has not scored yet is marked in ``unfinished`` (a recused member
    is not missing), one whose agreed score is not entered under consensus in ``awaiting`` (a judge's own result,
    ``panel.own_of``, waits for none: their own scores are its aggregate); each score far from the others is added
    to ``outliers``; how each scored bid's score was reached goes into ``aggregates``."""
    members = panel.judges
    consensus = rubric.panel.aggregate is Aggregate.CONSENSUS and not panel.own_of  # a judge's own: their scores
    unscored = round_half_up(aggregate([], rubric.panel), places)  # a bid nobody has scored on it yet
    if not given and not consensus:  # no score at all yet (no panel workbook): every bid unscored
        unfinished[:] = [True] * len(valid)
        return [unscored] * len(valid)
    column = []
    for i, bid in enumerate(valid):
        scores = given.get((bid.vendor_id, criterion.id))
        if not scores and not consensus:
            unfinished[i] = True  # no member has scored it (or the panel has no member)
            column.append(unscored)
            continue
        scores = scores or {}
        seated = [j for j in members if (j, bid.vendor_id) not in panel.recused] if panel.recused else members
        if not seated or any(j not in scores for j in seated):
            unfinished[i] = True
        raw = aggregate(list(scores.values()), rubric.panel)
        if consensus:
            agreed = panel.consensus.get((bid.vendor_id, criterion.id))
            awaiting[i] = awaiting[i] or agreed is None
            raw = raw if agreed is None else agreed
        outliers.extend(_outliers(bid.vendor_id, criterion.id, criterion.max, scores, rubric))
        counted = round_half_up(raw, places)
        aggregates[(bid.vendor_id, criterion.id)] = PanelAggregate(
            mean(list(scores.values())) if scores else None, trimmed_away(scores, rubric.panel), counted)
        column.append(counted)
    return column


def _has_zero(reading: Any, single: bool) -> bool:
    """Whether a reading (one value, or a tuple of them) holds a Decimal zero."""
    return any(isinstance(v, Decimal) and v.is_zero() for v in ((reading,) if single else reading))


# A valid bid's marks before it is ranked: a Standing's fields but its rank, as keywords (where a rubric's scaling or
# weights change them); the Standing is made once, when its rank is known (dataclasses.replace on 50,000 standings
# costs more than the ranking).
Marks = dict[str, Any]
_MARKS = tuple(f.name for f in fields(Standing))[1:]  # in their order, after the rank (a Standing's first field)


# -- groups: stages, scaling, weights (issue 7, items 5 and 6)
def _weigh(rubric: Rubric, unranked: Mapping[str, Marks]) -> dict[str, Marks]:
    """Each bid's groups scaled to the best and weighted as the rubric declares; the total their sum."""
    groups = [rubric.group(g) for g in rubric.groups]
    steps = subtotals(groups, {v: s["groups"] for v, s in unranked.items()}, rubric.total_places)
    return {v: {**s, "groups": {g: step.scaled for g, step in steps[v].items()},
                "total": sum((step.weighted for step in steps[v].values()), ZERO), "subtotals": steps[v]}
            for v, s in unranked.items()}


def _scale_criteria(rubric: Rubric, unranked: Mapping[str, Marks]) -> dict[str, Marks]:
    """Criteria scaled to the best: max × score / the best score among these bids, rounded to the criterion's
    places (all 0 when the best is 0); the groups and the total summed again."""
    scaled = [c for c in rubric.scored_criteria if c.scale_to_best]
    best = {c.id: max((s["criteria"][c.id] for s in unranked.values()), default=ZERO) for c in scaled}
    out = {}
    for vendor, s in unranked.items():
        before = s["criteria"]
        criteria = dict(before)
        for c in scaled:
            top = best[c.id]
            criteria[c.id] = ZERO if top <= 0 else round_half_up(c.max * before[c.id] / top, rubric.places(c))
        groups = {g: sum((criteria[c.id] for c in rubric.scored_criteria if c.group == g), ZERO) for g in s["groups"]}
        out[vendor] = {**s, "criteria": criteria, "groups": groups, "total": sum(criteria.values(), ZERO),
                       "criteria_raw": {c.id: before[c.id] for c in scaled}}
    return out


def _stage_failure(rubric: Rubric, standing: Standing, panel: PanelInput) -> StageFailure | None:
    """Where a bid falls below a pass mark, with its marks up to that group; None when it passes every stage.

    The pass mark is compared with the sum of the criterion scores before any scaling or weight."""
    unscaled, raw = standing.unscaled_criteria, standing.unscaled_groups(rubric)
    found = stage_failure([rubric.group(g) for g in rubric.groups], raw)
    if found is None:
        return None
    group, subtotal = found
    reached = rubric.groups[:rubric.groups.index(group.id) + 1]
    criteria = {c.id: unscaled[c.id] for c in rubric.scored_criteria if c.group in reached}
    assert group.pass_mark is not None
    return StageFailure(group.id, subtotal, group.pass_mark, criteria, {g: raw[g] for g in reached},
                        _unscored(rubric, panel, standing.vendor_id, criteria))


def _unscored(rubric: Rubric, panel: PanelInput, vendor_id: str, criteria: Iterable[str]) -> bool:
    """Whether a panel member has not yet scored the bid on one of these criteria (a member recused from the bid
    scores it never, and is not waited for; a bid every member is recused from waits for one who may score it, as a
    ranked bid does: below the pass mark on its objective points alone it had been settled out), or, under
    consensus (but in a judge's own result, ``panel.own_of``), the chair has not yet entered its agreed score on
    one: the agreed score, not the judges' mean, settles the pass mark; or the scores are one judge's and the panel
    still scores the bid (``panel.open_stages``)."""
    if vendor_id in panel.open_stages:
        return True
    wanted = {c.id for c in rubric.panel_criteria} & set(criteria)
    if rubric.panel.aggregate is Aggregate.CONSENSUS and not panel.own_of \
            and any((vendor_id, c) not in panel.consensus for c in wanted):
        return True
    scored: dict[str, set[str]] = defaultdict(set)
    for s in panel.scores:
        if s.vendor_id == vendor_id and s.criterion in wanted and s.score is not None:
            scored[s.criterion].add(s.judge)
    members = {judge for judge in panel.judges if (judge, vendor_id) not in panel.recused}
    return bool(wanted) and (not members or any(members - scored[c] for c in wanted))


def _with_stage_failures(rubric: Rubric, rest: Result, first: Result, failures: Mapping[str, StageFailure],
                         bidset: BidSet, settled: Mapping[str, str]) -> Result:
    """The result of the bids that passed, with each stage failure listed among the bids not ranked; and, in a judge's
    own result, each bid the whole panel has ``settled`` out at a group's pass mark (vendor_id → group), said so
    without a mark: the panel's subtotal is made with other judges' scores."""
    bids = {b.vendor_id: b for b in bidset.bids}
    failed = []
    for vendor, f in failures.items():
        group = Named(f.group, rubric.group(f.group).label)
        reason = Reason.said(BELOW_PASS_MARK, "reason.below_pass_mark", group=group, subtotal=f.subtotal,
                             pass_mark=f.pass_mark)
        failed.append(InvalidBid(vendor, bids[vendor].vendor_name, (reason,), bids[vendor].file, f))
    for vendor, g in settled.items():
        reason = Reason.said(SETTLED_OUT_BY_PANEL, "reason.settled_out_by_panel", group=Named(g, rubric.group(g).label))
        failed.append(InvalidBid(vendor, bids[vendor].vendor_name, (reason,), bids[vendor].file))
    outliers = rest.outliers + tuple(o for o in first.outliers
                                     if o.vendor_id in failures and o.criterion in failures[o.vendor_id].criteria)
    provisional = rest.status == PROVISIONAL or any(f.incomplete for f in failures.values())
    return replace(
        rest, status=PROVISIONAL if provisional else FINAL,
        panel_aggregates={**first.panel_aggregates, **rest.panel_aggregates},  # a failed bid's, as first scored
        invalid=tuple(sorted(rest.invalid + tuple(failed), key=lambda i: i.vendor_id)),
        outliers=tuple(sorted(outliers, key=lambda o: (o.vendor_id, o.criterion, o.judge))),
        prices=PriceLines(lambda: tuple(replace(line, valid=False) if line.vendor_id in failures or line.vendor_id
                                        in settled else line
                                        for line in rest.prices)))


def _outliers(vendor_id: str, criterion_id: str, top: Decimal, scores: Mapping[str, Decimal],
              rubric: Rubric) -> list[Outlier]:
    if not scores:
        return []
    panel_mean = mean(list(scores.values()))
    limit = rubric.panel.outlier_share * top
    return [Outlier(judge, vendor_id, criterion_id, s, panel_mean)
            for judge, s in sorted(scores.items()) if abs(s - panel_mean) > limit]


def _price_lines(rubric: Rubric, bids: Iterable[Bid], checks: Mapping[str, BidCheck],
                 evaluated: Mapping[str, Decimal], priced: PriceOutcome) -> tuple[PriceLine, ...]:
    """How each bid's price was reached, in the order of ``bids`` (vendor_id order)."""
    lines = []
    price = rubric.price_criterion
    places = rubric.places(price) if price is not None else 0
    stating: dict[PricingModel, tuple[str, ...]] = {}  # a model's price fields, looked up once
    for bid in bids:
        check = checks[bid.vendor_id]
        stated = {}
        if check.quoted is not None and check.model is not None:
            if check.model not in stating:
                stating[check.model] = tuple(p.id for p in rubric.pricing.parameters(check.model))
            stated = {field: bid.values[field] for field in stating[check.model]}
        score = priced.points.get(bid.vendor_id)
        category, rate = _sme_terms(price, bid)
        lines.append(PriceLine(
            bid.vendor_id, bid.vendor_name, check.model, stated, check.quoted, bid.sme, rate,
            evaluated.get(bid.vendor_id), None if score is None or price is None else round_half_up(score, places),
            check.valid, priced.deviations.get(bid.vendor_id), priced.counted.get(bid.vendor_id), category))
    return tuple(lines)


def _sme_terms(price: Price | None, bid: Bid) -> tuple[SmeCategory | None, Decimal]:
    """The SME category a bid states (under a table of rates) and the deduction rate its answer earns:
    the single rate for yes, or its category's (item 8)."""
    return (None, ZERO) if price is None else price.sme_rate(bid.values.get("sme"))


def _panel_scores(panel: PanelInput) -> tuple[PanelScore, ...]:
    return tuple(
        PanelScore(s.judge, s.vendor_id, s.criterion, s.score, panel.tiers.get((s.vendor_id, s.criterion)), s.comment)
        for s in sorted(panel.scores, key=lambda s: (s.vendor_id, s.criterion, s.judge))
    )


def run(rubric_path: str | Path, bid_paths: Sequence[str | Path],
        panel_paths: Sequence[str | Path] = (), workers: int | None = None) -> Result:
    """Read the rubric, bids and panel workbooks, and evaluate (``workers``: the processes reading the workbooks,
    default as :func:`bideval.workers.workers_for` finds worth it)."""
    rubric = load_rubric(rubric_path)
    found: list[Problem] = []  # archives not read that hold no form: warnings of the result, as each run prints
    bid_files, bid_problems = expand_paths(bid_paths, warnings=found)
    # The panel's workbooks are opened by the processes reading the bid forms, first (each is a larger read than a
    # form; taken last, one would leave the other processes waiting); they are read against the bids once those
    # are known. Their reader is imported only for a panel.
    panel_files: list[Path] = []
    panel_problems: list[Problem] = []
    jobs: list[Callable[[], Any]] = []
    if panel_paths:
        from .panel import PANEL_SHEETS, open_panel_book

        panel_files, panel_problems = expand_paths(panel_paths, PANEL_SHEETS, found)
        jobs += [partial(open_panel_book, path) for path in panel_files]
    reading = Reading.of(rubric)
    jobs += [partial(read_bid_file, reading, path) for path in bid_files]
    done = map_in_order(_done, jobs, workers)
    bidset = bid_set(done[len(panel_files):], bid_problems, bid_paths)
    bidset = replace(bidset, warnings=(*found, *bidset.warnings))
    checks = check_bids(rubric, bidset.bids)
    panel = None
    if panel_paths:
        from .panel import read_panel

        invalid = [vendor for vendor, check in checks.items() if not check.valid]
        panel = read_panel(rubric, bidset.bids, invalid, panel_paths, opened=(done[:len(panel_files)], panel_problems))
    rubric_file = InputFile(str(rubric_path), sha256_of(Path(rubric_path)), "rubric")
    return evaluate(rubric, bidset, panel, checks, rubric_file)


def _done(job: Callable[[], Any]) -> Any:
    return job()
