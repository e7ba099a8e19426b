"""Small tenders an independent tester built to catch the exports disagreeing with the JSON (their scripts were
/tmp/tester-export/build_*.py): each written as real files — rubric YAML, a consolidated Bids workbook, a panel
workbook — and evaluated by :func:`bideval.evaluation.run`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from bideval.evaluation import run
from bideval.result import Result
from conftest import write_consolidated, write_panel


@dataclass(frozen=True)
class Tender:
    rubric: str
    headers: Sequence[str]
    bids: Sequence[Sequence[Any]]
    scores: Sequence[tuple[str, str, str, Any]]  # judge, vendor_id, criterion, score

    def evaluate(self, folder: Path) -> Result:
        (folder / "rubric.yaml").write_text(self.rubric, encoding="utf-8")
        (folder / "bids").mkdir()
        write_consolidated(folder / "bids" / "bids.xlsx", self.headers, self.bids)
        write_panel(folder / "panel.xlsx", [(*s, None) for s in self.scores])
        return run(folder / "rubric.yaml", [folder / "bids"], [folder / "panel.xlsx"])


def _scores(criterion: str, marks: dict[str, Sequence[Any]]) -> list[tuple[str, str, str, Any]]:
    return [(f"J{k}", vendor, criterion, score) for vendor, scores in marks.items()
            for k, score in enumerate(scores, start=1)]


# Rubric decimals 1, one criterion to 3 places: totals keep 3 (E5 45.149 at 130,000 above E2 45.124 at 120,000).
THREE_PLACES = Tender("""\
id: epsilon-test
title: {zh: 测试戊项目, en: Epsilon test tender}
decimals: 1
candidates: 2
fields: []
criteria:
  - {id: plan, name: {zh: 方案, en: Plan}, group: technical, kind: judged, max: 20, decimals: 3}
  - {id: other, name: {zh: 其他, en: Other}, group: technical, kind: judged, max: 10}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}
""", ["vendor_id", "vendor_name", "total_price"],
    [("91110000000000501A", "E1", 100000), ("91110000000000502A", "E2", 120000), ("91110000000000503A", "E3", 120000),
     ("91110000000000504A", "E4", 300000), ("91110000000000505A", "E5", 130000)],
    _scores("plan", {"91110000000000501A": [10.052] * 3, "91110000000000502A": [15.1234, 15.1235, 15.1236],
                     "91110000000000503A": [15.1234, 15.1235, 15.1236], "91110000000000504A": [1, 2, 3],
                     "91110000000000505A": [17.049] * 3})
    + _scores("other", {"91110000000000501A": [8.25, 8.25, 8.3], "91110000000000502A": [5] * 3,
                        "91110000000000503A": [5] * 3, "91110000000000504A": [1] * 3, "91110000000000505A": [5] * 3}))

# A pass mark on a group scaled to the best and weighted, holding a criterion scaled to the best; price by
# deviation from a benchmark, SME categories, an abnormally low price, a bid out after the stage.
STAGED_SCALED = Tender("""\
id: beta-test
title: {zh: 测试乙项目, en: Beta test tender}
currency: CNY
decimals: 2
total: 100
candidates: 3
panel: {aggregate: mean, outlier_share: 0.5}
groups:
  - {id: technical, label: {zh: 技术部分, en: Technical}, pass_mark: 60, scale_to_best: true, weight: 0.7}
  - {id: financial, label: {zh: 商务部分, en: Financial}, weight: 0.3}
fields:
  - {id: exp, label: {zh: 类似项目, en: Similar jobs}, type: integer}
  - {id: kpi, label: {zh: 达标率, en: SLA rate}, type: percent}
criteria:
  - {id: exp_c, name: {zh: 经验, en: Experience}, group: technical, kind: count, field: exp, points_per_unit: 4, max: 20}
  - {id: kpi_c, name: {zh: 达标率得分, en: SLA score}, group: technical, kind: linear, field: kpi, max: 20,
     points: [[0.9, 10], [0.99, 20]]}
  - {id: approach, name: {zh: 技术方案, en: Technical approach}, group: technical, kind: judged, max: 60,
     scale_to_best: true}
  - id: price
    name: {zh: 价格分, en: Price score}
    group: financial
    kind: price
    max: 100
    decimals: 1
    method: deviation
    benchmark: {base: mean, coefficient: 0.98}
    above_penalty: 2
    below_penalty: 1
    deviation_rounding: up
    abnormal_low_share: 0.85
    sme_deduction:
      - {id: small, label: {zh: 小型企业, en: Small enterprise}, rate: 0.10}
      - {id: consortium, label: {zh: 联合体, en: Consortium}, rate: 0.04}
""", ["vendor_id", "vendor_name", "sme", "exp", "kpi", "total_price"],
    [("91110000000000101A", "B1 Alpha Ltd", "no", 5, 0.99, 1000000),
     ("91110000000000102A", "B2 Bravo Ltd", "no", 4, 0.945, 960000),
     ("91110000000000103A", "B3 Charlie (fails stage)", "no", 1, 0.90, 500000),
     ("91110000000000104A", "B4 Delta Small", "small", 3, 0.96, 1100000),
     ("91110000000000105A", "B5 Echo Consortium", "consortium", 2, 0.95, "1050000.50"),
     ("91110000000000106A", "B6 Foxtrot Cheap", "no", 5, 0.93, 780000)],
    _scores("approach", {"91110000000000101A": [50, 50, 50], "91110000000000102A": [40, 41, 42.5],
                         "91110000000000103A": [20, 20, 20], "91110000000000104A": [45, 44, 46.05],
                         "91110000000000105A": [38, 39.5, 40], "91110000000000106A": [30, 31, 30.5]}))

# Weighted groups 0.25 / 0.75, rubric decimals 3, criteria to 2 and 1 places, price by linear_minmax.
WEIGHTED = Tender("""\
id: gamma-test
title: {zh: 测试丙项目, en: Gamma test tender}
decimals: 3
total: 100
groups:
  - {id: technical, label: {zh: 技术部分, en: Technical}, weight: 0.25}
  - {id: financial, label: {zh: 商务部分, en: Financial}, weight: 0.75}
fields: []
criteria:
  - {id: tech, name: {zh: 技术方案, en: Technical plan}, group: technical, kind: judged, max: 100, decimals: 2}
  - {id: price, name: {zh: 价格, en: Price}, group: financial, kind: price, max: 100, method: linear_minmax, decimals: 1}
""", ["vendor_id", "vendor_name", "total_price"],
    [("91110000000000201A", "C1", 100000), ("91110000000000202A", "C2", 177500), ("91110000000000203A", "C3", 300000),
     ("91110000000000204A", "C4", 150000)],
    _scores("tech", {"91110000000000201A": [12.3, 12.4, 12.41], "91110000000000202A": [50, 50, 50],
                     "91110000000000203A": [80, 80, 80], "91110000000000204A": [33.3, 33.3, 33.3]}))
