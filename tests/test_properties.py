"""Invariants of the real scoring code, checked with Hypothesis over the formats.md example rubric."""
from dataclasses import fields, replace
from decimal import Decimal as D
from itertools import combinations

from hypothesis import given, settings, strategies as st

from bideval.benchmark import TrimmedMeanBenchmark
from bideval.evaluation import evaluate
from bideval.panel import PanelInput, Score
from bideval.result import INCOMPLETE, result_json
from bideval.rubric import (PRICE_TYPES, Aggregate, BenchmarkedPrice, PanelRules, PenalisedPrice, Price, PriceMethod,
                            load_rubric)
from bideval.scoring import aggregate, linear_score, objective_score, price_scores
from bideval.values import TEN_THOUSAND_UNIT, parse_money, round_half_up
from conftest import EXAMPLE_RUBRIC, good_bid, make_bidset

RUBRIC = load_rubric(EXAMPLE_RUBRIC)  # module level: Hypothesis reruns a test body, not a fixture
OPS_PLAN = RUBRIC.criterion_index["ops_plan"]
VENDORS = [f"91440300MA5F{n:05d}X" for n in range(8)]
JUDGES = ["王评委", "李评委", "张评委", "赵评委", "钱评委"]
CEILING = RUBRIC.price_criterion.budget_ceiling
FAST = settings(max_examples=100, deadline=None)

prices = st.decimals(min_value=D("1000.00"), max_value=CEILING, places=2)


def with_price(method: PriceMethod, above: D = D(1), below: D = D("0.5"), decimals: int = 2):
    """The example rubric with another price method (penalties and a benchmark set where it takes them) and rounding."""
    own: dict = {}  # penalties and a benchmark belong to those methods only: each price type holds its own
    if issubclass(PRICE_TYPES[method], PenalisedPrice):
        own.update(above_penalty=above, below_penalty=below)
    if issubclass(PRICE_TYPES[method], BenchmarkedPrice):
        own["benchmark"] = TrimmedMeanBenchmark(D("0.95"))

    def moved(c: Price) -> Price:
        return PRICE_TYPES[method](**{f.name: getattr(c, f.name) for f in fields(Price)}, **own)

    criteria = tuple(moved(c) if isinstance(c, Price) else c for c in RUBRIC.criteria)
    return replace(RUBRIC, criteria=criteria, decimals=decimals)


def lump_sum_bid(i: int, price: D, sme: bool = False, **values):
    return good_bid(VENDORS[i], name=f"公司{i}", sme="是" if sme else "否", price_model="lump_sum",
                    rate_per_call=None, total_price=str(price), **values)


@st.composite
def bid_values(draw):
    """Optional fields anywhere in their range, or left empty."""
    def maybe(strategy):
        return draw(st.one_of(st.none(), strategy))

    return {
        "itss_level": maybe(st.integers(1, 5)),
        "registered_capital": maybe(st.decimals(min_value=0, max_value=5000, places=1).map(str)),
        "similar_projects": maybe(st.integers(0, 9)),
        "dial_test_accuracy": maybe(st.decimals(min_value=0, max_value=1, places=3).map(str)),
    }


@st.composite
def tenders(draw, min_bids=1, max_bids=6, invalid=True):
    """Raw bids (a few may be invalid; prices drawn from a small pool, so ties happen) and a panel."""
    n = draw(st.integers(min_bids, max_bids))
    pool = draw(st.lists(prices, min_size=1, max_size=3))
    raws = []
    for i in range(n):
        price = draw(st.sampled_from(pool) if draw(st.booleans()) else prices)
        licensed = draw(st.booleans()) if invalid and i else True
        raws.append(lump_sum_bid(i, price, draw(st.booleans()), business_license="是" if licensed else "否",
                                 **draw(bid_values())))
    judges = JUDGES[:draw(st.integers(0, len(JUDGES)))]
    scores, tiers = [], {}
    for raw in raws:
        vendor = raw["vendor_id"]
        tier = draw(st.sampled_from(OPS_PLAN.tiers))
        tiers[(vendor, "ops_plan")] = tier.id
        for judge in judges:
            if draw(st.integers(0, 9)) == 0:
                continue  # a score not yet given
            scores.append(Score(judge, vendor, "ops_plan",
                                draw(st.decimals(min_value=tier.min, max_value=tier.max, places=1))))
            scores.append(Score(judge, vendor, "service_design",
                                draw(st.decimals(min_value=0, max_value=5, places=2))))
    return raws, PanelInput(tuple(judges), tuple(scores), tiers)


# --------------------------------------------------------------------------- price

@FAST
@given(st.lists(st.tuples(prices, st.booleans()), min_size=1, max_size=8),
       st.sampled_from([PriceMethod.LOWEST_RATIO, PriceMethod.LINEAR_MINMAX]))
def test_a_lower_evaluated_price_never_scores_lower(bids, method):
    rubric = with_price(method)
    result = evaluate(rubric, make_bidset(rubric, *(lump_sum_bid(i, p, sme) for i, (p, sme) in enumerate(bids))))
    raw = price_scores(rubric.price_criterion, {s.vendor_id: s.evaluated_price for s in result.ranking})
    for a, b in combinations(result.ranking, 2):
        if a.evaluated_price < b.evaluated_price:
            a, b = b, a
        # now a.E >= b.E: the cheaper (or equal) b never scores lower, rounded or not
        assert raw[b.vendor_id] >= raw[a.vendor_id]
        assert b.criteria["price"] >= a.criteria["price"]
    lowest = min(s.evaluated_price for s in result.ranking)
    assert all(s.criteria["price"] == 30 for s in result.ranking if s.evaluated_price == lowest)


@FAST
@given(st.lists(st.tuples(prices, st.booleans()), min_size=1, max_size=8),
       st.decimals(min_value=0, max_value=3, places=1), st.decimals(min_value=0, max_value=3, places=1))
def test_benchmark_deviation_rewards_closeness_to_the_benchmark_on_each_side(bids, above, below):
    """Not monotone overall (a price below the benchmark is penalised), but on each side of it:
    at or above B a lower price never scores lower; at or below B a higher price never scores lower."""
    rubric = with_price(PriceMethod.BENCHMARK_DEVIATION, above, below)
    result = evaluate(rubric, make_bidset(rubric, *(lump_sum_bid(i, p, sme) for i, (p, sme) in enumerate(bids))))
    benchmark = result.price_mean
    raw = price_scores(rubric.price_criterion, {s.vendor_id: s.evaluated_price for s in result.ranking})
    for a, b in combinations(result.ranking, 2):
        if a.evaluated_price > b.evaluated_price:
            a, b = b, a
        # a.E <= b.E
        if a.evaluated_price >= benchmark:
            assert raw[a.vendor_id] >= raw[b.vendor_id] and a.criteria["price"] >= b.criteria["price"]
        if b.evaluated_price <= benchmark:
            assert raw[b.vendor_id] >= raw[a.vendor_id] and b.criteria["price"] >= a.criteria["price"]
    for s in result.ranking:
        assert 0 <= raw[s.vendor_id] <= 30
        if s.evaluated_price == benchmark:
            assert s.criteria["price"] == 30


# --------------------------------------------------------------------------- order does not matter

@settings(max_examples=60, deadline=None)
@given(tenders(min_bids=2), st.sampled_from(list(PriceMethod)), st.randoms(use_true_random=False))
def test_shuffling_bids_never_changes_the_ranking_nor_the_json(tender, method, random):
    raws, panel = tender
    rubric = with_price(method)
    shuffled_raws = random.sample(raws, len(raws))
    shuffled_panel = replace(panel, scores=tuple(random.sample(panel.scores, len(panel.scores))))
    first = evaluate(rubric, make_bidset(rubric, *raws), panel)
    second = evaluate(rubric, make_bidset(rubric, *shuffled_raws), shuffled_panel)

    def standings(result):
        return [(s.rank, s.vendor_id, s.total, dict(s.criteria), s.flags) for s in result.ranking]

    assert standings(first) == standings(second)
    assert (first.candidates, first.candidates_tied) == (second.candidates, second.candidates_tied)
    assert result_json(first) == result_json(second)
    assert result_json(first, "en") == result_json(second, "en")


# --------------------------------------------------------------------------- bounds and sums

@FAST
@given(tenders(invalid=False), st.sampled_from(list(PriceMethod)), st.integers(0, 3))
def test_scores_stay_in_range_and_totals_are_sums_of_rounded_scores(tender, method, decimals):
    raws, panel = tender
    rubric = with_price(method, decimals=decimals)
    result = evaluate(rubric, make_bidset(rubric, *raws), panel)
    assert len(result.ranking) == len(raws)
    for s in result.ranking:
        assert list(s.criteria) == [c.id for c in rubric.scored_criteria]
        for c in rubric.scored_criteria:
            score = s.criteria[c.id]
            assert 0 <= score <= c.max, (c.id, score)
            assert score == round_half_up(score, decimals)  # each criterion score is rounded first
        assert s.total == sum(s.criteria.values())
        assert sum(s.groups.values()) == s.total
        assert s.groups == {g: sum(s.criteria[c.id] for c in rubric.scored_criteria if c.group == g)
                            for g in rubric.groups}


@FAST
@given(tenders(invalid=False))
def test_the_panel_score_of_a_tiered_criterion_stays_in_the_agreed_tier(tender):
    raws, panel = tender
    result = evaluate(RUBRIC, make_bidset(RUBRIC, *raws), panel)
    scored = {s.vendor_id for s in panel.scores if s.criterion == "ops_plan"}
    for s in result.ranking:
        if s.vendor_id in scored:  # with no score at all the aggregate is 0 and the bid is incomplete
            tier = OPS_PLAN.tier(panel.tiers[(s.vendor_id, "ops_plan")])
            assert tier.min <= s.criteria["ops_plan"] <= tier.max
        else:
            assert INCOMPLETE in s.flags


@FAST
@given(st.data(), st.sampled_from(OPS_PLAN.tiers), st.sampled_from(list(Aggregate)), st.integers(1, 2),
       st.integers(1, 3))
def test_an_aggregated_tiered_score_never_leaves_its_tier(data, tier, how, trim, spare):
    rules = PanelRules(how, trim=trim, min_judges_for_trim=2 * trim + spare)
    places = data.draw(st.integers(0, 3), label="places")
    scores = data.draw(st.lists(st.decimals(min_value=tier.min, max_value=tier.max, places=places),
                                min_size=1, max_size=9), label="scores")
    value = round_half_up(aggregate(scores, rules), RUBRIC.decimals)
    assert tier.min <= value <= tier.max


# --------------------------------------------------------------------------- linear

@st.composite
def breakpoints(draw):
    xs = sorted(draw(st.lists(st.decimals(min_value=0, max_value=1, places=4), min_size=2, max_size=5, unique=True)))
    ys = draw(st.lists(st.decimals(min_value=0, max_value=10, places=2), min_size=len(xs), max_size=len(xs)))
    return list(zip(xs, ys))


@FAST
@given(breakpoints(), st.data())
def test_linear_score_meets_each_breakpoint_and_is_monotone_between_them(points, data):
    for x, y in points:
        assert linear_score(points, x) == y
    assert linear_score(points, points[0][0] - 1) == points[0][1]  # clamped at both ends
    assert linear_score(points, points[-1][0] + 1) == points[-1][1]
    (x0, y0), (x1, y1) = data.draw(st.sampled_from(list(zip(points, points[1:]))), label="segment")
    a, b = sorted(data.draw(st.lists(st.decimals(min_value=x0, max_value=x1, places=6), min_size=2, max_size=2),
                            label="xs"))
    low, high = linear_score(points, a), linear_score(points, b)
    assert min(y0, y1) <= low <= max(y0, y1) and min(y0, y1) <= high <= max(y0, y1)
    assert (low <= high) if y1 >= y0 else (low >= high)


@FAST
@given(st.lists(st.decimals(min_value=0, max_value=1, places=4), min_size=2, max_size=2))
def test_the_example_dial_test_rises_from_7_to_10_between_92_and_96_percent(xs):
    dial = RUBRIC.criterion_index["dial_test"]
    assert objective_score(dial, {"dial_test_accuracy": D("0.92")}) == 7
    assert objective_score(dial, {"dial_test_accuracy": D("0.96")}) == 10
    a, b = sorted(xs)
    low, high = (objective_score(dial, {"dial_test_accuracy": x}) for x in (a, b))
    assert 7 <= low <= high <= 10


# --------------------------------------------------------------------------- money text

@settings(max_examples=500, deadline=None)
@given(st.decimals(min_value=D("-1e12"), max_value=D("1e12"), places=2))
def test_money_written_in_yuan_or_wan_parses_back(amount):
    assert parse_money(f"¥{amount:,.2f}") == amount
    assert parse_money(f"{amount / 10000}万") == amount
    assert parse_money(f"{amount:,.2f}元") == amount
    assert parse_money(f"¥{amount:,.2f}", TEN_THOUSAND_UNIT) == amount / 10000
    assert parse_money(f"{amount / 10000}万元", TEN_THOUSAND_UNIT) == amount / 10000
