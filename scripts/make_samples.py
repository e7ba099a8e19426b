#!/usr/bin/env python
"""Write the sample tenders in ``sample_bids/``: real bid forms, a consolidated workbook, panel workbooks.

    .venv/bin/python scripts/make_samples.py [--out DIR]

One tender per shipped rubric (criteria/*.yaml):

- ``cs-outsourcing/``: one bid form per vendor, made with the tool's own
  ``write_bid_form`` and filled in column C the way a vendor fills it in
  Excel; ``cs-outsourcing-panel.xlsx`` the panel's workbook.
- ``it-outsourcing/`` and ``it-outsourcing-panel.xlsx`` likewise.
- ``dev-staffing.xlsx``: the consolidated layout (sheet ``Bids``, one vendor
  per row); ``dev-staffing-panel.xlsx``.
- ``qcbs-consultancy/`` and ``qcbs-consultancy-panel.xlsx``: an English-language
  QCBS consultancy in US dollars (English-only texts, English bid forms, three
  evaluators): a technical pass mark, technical scores scaled to the best,
  weights 0.8 / 0.2.
- ``goods-procurement/`` and ``goods-procurement-panel.xlsx``: a Chinese goods
  tender (three judges): a deduction, graded judged criteria, a shared cap, a
  penalty, the price rounded to 1 place, a mean-based benchmark with K and SME
  deduction rates by category.

Each of the first three tenders has an invalid bid, a small enterprise (the price deduction
applies), an abnormally low price, and two bids that share a rank (same
objective answers spelled differently, the same quoted price, the same panel
scores given by different judges). cs-outsourcing also has one outlier score.
The vendors are fictional; their unified social credit codes carry correct
check characters (GB 32100-2015 and, inside them, GB 11714).

The output is deterministic: the same rubrics give the same bytes, so the
committed samples only change when the data here or a rubric changes.
``tests/test_samples.py`` checks every case and that the committed files are
up to date.
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
import xlsxwriter  # noqa: E402

from bideval.rubric import Rubric, load_rubric  # noqa: E402
from bideval.template import write_bid_form  # noqa: E402

CRITERIA = ROOT / "criteria"
DEFAULT_OUT = ROOT / "sample_bids"
JUDGES = ("王评委", "李评委", "张评委", "赵评委", "陈评委")
# Fixed dates so that the same data always gives the same bytes.
ZIP_DATE = (2024, 6, 1, 0, 0, 0)
PANEL_DATE = datetime(2024, 6, 18, 9, 30)


# ---------------------------------------------------------------- credit codes
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character of the first 17 characters of a unified social credit code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body (A = 10 … Z = 35)."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_WEIGHTS))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def credit_code(region: str, org_body: str) -> str:
    """A code for a company (9 = registered by the market regulator, 1 = enterprise).

    ``region`` is the six-digit administrative division code, ``org_body`` the
    first eight characters of the organisation code.
    """
    assert len(region) == 6 and region.isdigit(), region
    assert len(org_body) == 8 and all(c in USCC_CHARSET for c in org_body), org_body
    first17 = "91" + region + org_body + org_check_char(org_body)
    return first17 + uscc_check_char(first17)


assert credit_code("110000", "80210043") == "91110000802100433B"
assert credit_code("440300", "70846113") == "91440300708461136T"


# ---------------------------------------------------------------- tender data
@dataclass(frozen=True)
class Marks:
    """The panel's view of one bid on one criterion: the agreed tier (tiered only) and each judge's score."""

    scores: Sequence[float]  # in JUDGES order
    tier: str | None = None
    comments: Mapping[str, str] = field(default_factory=dict)  # judge → comment


@dataclass(frozen=True)
class Vendor:
    """A fictional bidder and its answers, as typed (the spellings vary on purpose)."""

    short: str  # file name of its bid form
    name: str
    region: str
    org_body: str
    case: str  # what the sample shows, for README.md
    answers: Mapping[str, Any]  # field id → cell value as the vendor typed it (None: left empty)
    marks: Mapping[str, Marks] = field(default_factory=dict)  # criterion id → panel marks (valid bids only)
    author: str = ""  # the person who saved the bid form

    @property
    def code(self) -> str:
        return credit_code(self.region, self.org_body)


@dataclass(frozen=True)
class Tender:
    rubric: str  # file stem in criteria/
    layout: str  # forms | consolidated
    vendors: Sequence[Vendor]
    criterion_header: str = "id"  # how the panel names criteria: id | zh
    judges: Sequence[str] = JUDGES
    lang: str = "zh"  # the language of the bid forms and the panel workbook's title
    note: str = ""  # what the tender as a whole shows, for README.md


def _permute(scores: Sequence[float], order: Sequence[int]) -> list[float]:
    """The same scores given by different judges (for the tied pair)."""
    return [scores[i] for i in order]


# ---- customer-service outsourcing: 7 vendors, one bid form each -------------------------------
_CS_TIE_OPS = [13.5, 14.0, 12.8, 13.2, 13.6]
_CS_TIE_SD = [4.2, 4.0, 4.5, 3.8, 4.1]

CS = Tender("cs-outsourcing", "forms", [
    Vendor(
        "xinghai", "广州星海呼叫中心服务有限公司", "440101", "MA59K3T8",
        "tied with pengcheng (same answers spelled differently, per seat-month 4,800 = 1,728,000, same panel "
        "scores from different judges); the shared rank straddles the candidate cut, so both are candidates",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "离场运营",
            "service_site": "广州市天河区黄埔大道西100号富力盈泰大厦B座12层",
            "itss_level": 2, "iso9001": "是", "call_centre_licence": "是",
            "registered_capital": 2000, "similar_projects": 6,
            "repeat_call_rate": 0.15, "dial_test_accuracy": 0.96, "monitoring_accuracy": 0.95,
            "support_rate": 0.01, "complaints_per_10k": 3.5,
            "price_model": "按席位按月计费", "rate_per_seat_month": 4800,
        },
        {
            "ops_plan": Marks(_CS_TIE_OPS, "三档", {"王评委": "运营管理体系完整，本地团队社保证明齐全"}),
            "service_design": Marks(_CS_TIE_SD),
        },
        author="林晓燕",
    ),
    Vendor(
        "pengcheng", "深圳鹏程客户联络服务有限公司", "440300", "MA5EQ7LX",
        "tied with xinghai (lump sum ¥1,728,000.00)",
        {
            "sme": "N",
            "business_license": "✓", "no_bad_record": "√", "operation_mode": "离场运营",
            "service_site": "深圳市南山区粤海街道科技园科苑路15号科兴科学园A栋8层",
            "itss_level": "2", "iso9001": True, "call_centre_licence": "Y",
            "registered_capital": "2000万元", "similar_projects": "6",
            "repeat_call_rate": "15%", "dial_test_accuracy": "96%", "monitoring_accuracy": "95%",
            "support_rate": "1%", "complaints_per_10k": "3.5",
            "price_model": "总价包干", "total_price": "¥1,728,000.00",
        },
        {
            "ops_plan": Marks(_permute(_CS_TIE_OPS, (3, 4, 1, 2, 0)), "三档"),
            "service_design": Marks(_permute(_CS_TIE_SD, (1, 2, 4, 0, 3)), comments={"赵评委": "信息安全措施具体"}),
        },
        author="周振华",
    ),
    Vendor(
        "bagui", "南宁八桂智联信息服务有限公司", "450100", "MA5PDW4H",
        "small enterprise (sme 是): base 3,500 per seat-month + 1.5 % commission = 1,620,000, "
        "evaluated 1,458,000 after the 10 % deduction",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "驻场运营",
            "service_site": None,
            "itss_level": 3, "iso9001": "是", "call_centre_licence": "否",
            "registered_capital": "¥5,000,000", "similar_projects": 3,
            "repeat_call_rate": "16%", "dial_test_accuracy": 0.95, "monitoring_accuracy": "93%",
            "support_rate": "1.05%", "complaints_per_10k": 4,
            "price_model": "基础服务费加佣金", "base_per_seat_month": "3,500", "commission_rate": "1.5%",
        },
        {
            "ops_plan": Marks([8.5, 9.0, 8.2, 8.8, 9.2], "二档", {"李评委": "本地团队齐全，方案针对性较强"}),
            "service_design": Marks([3.5, 3.8, 3.2, 3.6, 3.4]),
        },
        author="黄丽萍",
    ),
    Vendor(
        "jiahe", "杭州嘉禾云呼科技有限公司", "330106", "MA2H8B1R",
        "abnormally low price: 1.25 per call × 50,000 × 12 = 750,000, below 0.8 × the mean of the valid evaluated prices",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "离场运营",
            "service_site": "杭州市西湖区文三路259号昌地火炬大厦1号楼6层",
            "itss_level": None, "iso9001": "是", "call_centre_licence": "是",
            "registered_capital": 1000, "similar_projects": 4,
            "repeat_call_rate": 0.17, "dial_test_accuracy": "94%", "monitoring_accuracy": 0.92,
            "support_rate": "1%", "complaints_per_10k": 5,
            "price_model": "按通计费", "rate_per_call": "1.25",
        },
        {
            "ops_plan": Marks([6.5, 7.0, 6.2, 6.8, 7.5], "二档",
                              {"王评委": "报价明显低于有效投标平均价，已要求投标人书面说明报价合理性"}),
            "service_design": Marks([2.8, 3.0, 2.5, 3.2, 2.6]),
        },
        author="沈佳怡",
    ),
    Vendor(
        "tianfu", "成都天府联信客服外包有限公司", "510107", "MA6CJ5NU",
        "outlier: 张评委 scores ops_plan 10.2 while the others give 14.5–14.8; per seat-month 5,200元",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "驻场运营",
            "service_site": None,
            "itss_level": 1, "iso9001": "是", "call_centre_licence": "是",
            "registered_capital": "3,000", "similar_projects": "５",  # full-width digit, as an IME types it
            "repeat_call_rate": "14%", "dial_test_accuracy": 0.97, "monitoring_accuracy": 0.96,
            "support_rate": 0.009, "complaints_per_10k": 3,
            "price_model": "per_seat_month", "rate_per_seat_month": "5,200元",
        },
        {
            "ops_plan": Marks([14.5, 14.8, 10.2, 14.6, 14.5], "三档",
                              {"张评委": "运营团队社保证明仅覆盖部分人员，酌情扣分",
                               "陈评委": "方案规范全面，具备50人以上团队服务经验"}),
            "service_design": Marks([4.6, 4.8, 4.2, 4.5, 4.7]),
        },
        author="何文博",
    ),
    Vendor(
        "jinling", "南京金陵智讯呼叫服务有限公司", "320106", "MA1MUR3G",
        "lump sum 198万 = 1,980,000, exactly the budget ceiling (still valid)",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "离场运营",
            "service_site": "南京市鼓楼区汉中门大街301号01栋15层",
            "itss_level": 2, "iso9001": "是", "call_centre_licence": "是",
            "registered_capital": "1200万", "similar_projects": 5,
            "repeat_call_rate": "15.5%", "dial_test_accuracy": "95.5%", "monitoring_accuracy": "94%",
            "support_rate": "0.98%", "complaints_per_10k": 4.2,
            "price_model": "总价包干", "total_price": "198万",
        },
        {
            "ops_plan": Marks([12.0, 12.5, 11.6, 12.8, 12.2], "三档"),
            "service_design": Marks([3.9, 4.2, 3.6, 4.0, 4.3], comments={"陈评委": "应急预案较完整"}),
        },
        author="吴海涛",
    ),
    Vendor(
        "hengtong", "武汉恒通人力资源服务有限公司", "420106", "MA4KYG0W",
        "invalid, two reasons: staff leasing (人力外包, gate business_outsourcing) and "
        "¥2,280,000.00 above the 1,980,000 budget ceiling",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": "是", "operation_mode": "人力外包",
            "service_site": None,
            "itss_level": None, "iso9001": "否", "call_centre_licence": "否",
            "registered_capital": 200, "similar_projects": 2,
            "repeat_call_rate": "17%", "dial_test_accuracy": "92%", "monitoring_accuracy": "90%",
            "support_rate": "1.1%", "complaints_per_10k": 5,
            "price_model": "总价包干", "total_price": "¥2,280,000.00",
        },
        author="郑红梅",
    ),
])

# ---- IT outsourcing: 6 vendors, one bid form each ---------------------------------------------
_IT_TIE_OPS = [11.5, 12.0, 11.0, 12.5, 11.8]
_IT_TIE_EP = [7.5, 8.0, 7.0, 7.8, 7.6]
_IT_TIE_TD = [3.5, 4.0, 3.8, 3.6, 3.5]

IT = Tender("it-outsourcing", "forms", [
    Vendor(
        "boyuan", "南宁博远信息技术有限公司", "450103", "MA5KTC2E",
        "tied with zhicheng: base fee 3,000 a month for 50 devices + 50 per extra device = 54,000 (the seed's terms)",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "onsite_response_hours": 1.5,
            "iso9001": "是", "itss_level": 3, "iso20000": "是", "iso27001": "否",
            "local_outlet": "是", "outlet_address": "南宁市青秀区民族大道136号华润大厦C座1806",
            "similar_projects": 4, "certified_engineers": 4, "preventive_visits": 2,
            "support_hours": "7x12", "trial_refund": "是", "spare_parts": "是",
            "second_year_discount": "5%", "payment_terms": "季付",
            "price_model": "基础费加超出计费", "base_fee_month": 3000, "included_devices": 50, "excess_rate": 50,
        },
        {
            "ops_plan": Marks(_IT_TIE_OPS, "二档"),
            "emergency_plan": Marks(_IT_TIE_EP, comments={"李评委": "备机数量充足"}),
            "training_docs": Marks(_IT_TIE_TD),
        },
        author="梁志强",
    ),
    Vendor(
        "zhicheng", "南宁智诚网络科技有限公司", "450107", "MA5NB8QY",
        "tied with boyuan: lump sum 54,000, the same answers spelled differently; the shared rank straddles "
        "the candidate cut",
        {
            "sme": None,  # left empty: not a small enterprise
            "business_license": "✓", "no_bad_record": "✓", "onsite_response_hours": "1.5",
            "iso9001": "Y", "itss_level": "3", "iso20000": "√", "iso27001": "×",
            "local_outlet": "yes", "outlet_address": "南宁市西乡塘区科园大道68号东盟科技企业孵化基地二期5楼",
            "similar_projects": "4", "certified_engineers": 4, "preventive_visits": 2,
            "support_hours": "7X12", "trial_refund": "√", "spare_parts": "✓",
            "second_year_discount": 0.05, "payment_terms": "季付",
            "price_model": "lump_sum", "total_price": "54,000",
        },
        {
            "ops_plan": Marks(_permute(_IT_TIE_OPS, (2, 0, 4, 1, 3)), "二档"),
            "emergency_plan": Marks(_permute(_IT_TIE_EP, (4, 3, 2, 1, 0))),
            "training_docs": Marks(_permute(_IT_TIE_TD, (1, 0, 3, 4, 2)), comments={"陈评委": "文档模板较完整"}),
        },
        author="韦思远",
    ),
    Vendor(
        "jiewei", "广西捷维计算机服务有限公司", "450102", "MA5L0H7D",
        "small enterprise (sme 是): lump sum 4.8万 = 48,000, evaluated 43,200 after the 10 % deduction",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": "是", "onsite_response_hours": 1,
            "iso9001": "是", "itss_level": None, "iso20000": "否", "iso27001": "否",
            "local_outlet": "是", "outlet_address": "南宁市江南区星光大道213号",
            "similar_projects": 2, "certified_engineers": 3, "preventive_visits": 2,
            "support_hours": "5x8", "trial_refund": "否", "spare_parts": "是",
            "second_year_discount": "3%", "payment_terms": "月付",
            "price_model": "总价包干", "total_price": "4.8万",
        },
        {
            "ops_plan": Marks([9.0, 8.5, 9.5, 8.8, 9.2], "二档"),
            "emergency_plan": Marks([6.5, 7.0, 6.0, 6.8, 6.6]),
            "training_docs": Marks([3.0, 3.2, 2.8, 3.5, 3.0]),
        },
        author="蒙丽华",
    ),
    Vendor(
        "kuaixiu", "柳州快修电脑科技有限公司", "450204", "MA5MFR9A",
        "abnormally low price: per device-month pc 30, printer 10, network 20, server 200 = 30,480",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "onsite_response_hours": 2,
            "iso9001": "否", "itss_level": None, "iso20000": "否", "iso27001": "否",
            "local_outlet": "是", "outlet_address": "柳州市城中区文昌路16号",
            "similar_projects": 1, "certified_engineers": 2, "preventive_visits": 1,
            "support_hours": "5x8", "trial_refund": "是", "spare_parts": "否",
            "second_year_discount": None, "payment_terms": "半年付",
            "price_model": "按计价单位按月计费", "rate_pc": 30, "rate_printer": 10, "rate_network": 20, "rate_server": 200,
        },
        {
            "ops_plan": Marks([5.0, 4.5, 5.5, 4.8, 5.2], "一档",
                              {"王评委": "报价低于有效投标平均价的80%，须说明人员与备件成本构成"}),
            "emergency_plan": Marks([5.0, 5.5, 4.5, 5.2, 4.8]),
            "training_docs": Marks([2.5, 2.0, 2.8, 2.2, 2.6]),
        },
        author="覃建军",
    ),
    Vendor(
        "yunduan", "桂林云端信息系统有限公司", "450305", "MA5QU6GL",
        "the strongest plan: per device-month pc 45, printer 20, network 30, server 300 = 46,200",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "onsite_response_hours": 1,
            "iso9001": "是", "itss_level": 2, "iso20000": "是", "iso27001": "是",
            "local_outlet": "否", "outlet_address": None,
            "similar_projects": 6, "certified_engineers": 6, "preventive_visits": 4,
            "support_hours": "7x24", "trial_refund": "是", "spare_parts": "是",
            "second_year_discount": "8%", "payment_terms": "月付",
            "price_model": "per_unit_month", "rate_pc": 45, "rate_printer": 20, "rate_network": 30,
            "rate_server": 300,
        },
        {
            "ops_plan": Marks([17.5, 18.0, 16.8, 17.2, 17.6], "三档", {"赵评委": "资产台账与备份恢复方案详细"}),
            "emergency_plan": Marks([8.8, 9.0, 8.5, 9.2, 8.6]),
            "training_docs": Marks([4.5, 4.2, 4.6, 4.4, 4.8]),
        },
        author="唐晓东",
    ),
    Vendor(
        "hailian", "北海海联网络工程有限公司", "450502", "MA5R3PWK",
        "invalid: on-site response 4 hours, above the 2-hour limit (gate response_limit)",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": "是", "onsite_response_hours": 4,
            "iso9001": "是", "itss_level": 4, "iso20000": "否", "iso27001": "否",
            "local_outlet": "否", "outlet_address": None,
            "similar_projects": 2, "certified_engineers": 2, "preventive_visits": 2,
            "support_hours": "5x8", "trial_refund": "否", "spare_parts": "否",
            "second_year_discount": "5%", "payment_terms": "年付",
            "price_model": "总价包干", "total_price": 39800,
        },
        author="陆海波",
    ),
])

# ---- developer staffing: 6 vendors in one consolidated workbook -------------------------------
_DEV_TIE_TECH = [15.5, 16.0, 14.8, 15.2, 16.5]
_DEV_TIE_TEAM = [11.5, 12.0, 11.0, 12.5, 11.8]
_DEV_TIE_PM = [7.5, 8.0, 7.2, 7.8, 8.2]

DEV = Tender("dev-staffing", "consolidated", [
    Vendor(
        "zhimahui", "北京智码汇科技有限公司", "110108", "MA01CG7T",
        "tied with pujiang: the seed's rates 15,000 / 18,000 / 22,000 per person-month = 2,472,000",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "social_insurance": "是",
            "cmmi_level": "CMMI 3", "iso9001": "是", "iso27001": "是", "high_tech": "是",
            "similar_projects": 5, "project_manager": "刘建国（PMP，12年项目管理经验）",
            "replacement_days": 5, "key_staff_retention": "95%",
            "price_model": "per_unit_month", "rate_junior": 15000, "rate_mid": 18000, "rate_senior": 22000,
        },
        {
            "tech_plan": Marks(_DEV_TIE_TECH, "三档"),
            "team": Marks(_DEV_TIE_TEAM, comments={"张评委": "高级工程师均有金融行业项目经验"}),
            "project_management": Marks(_DEV_TIE_PM),
        },
    ),
    Vendor(
        "pujiang", "上海浦江数码软件有限公司", "310115", "MA1FL39K",
        "tied with zhimahui: lump sum ¥2,472,000.00, the same answers spelled differently",
        {
            "sme": "N",
            "business_license": "✓", "no_bad_record": "✓", "social_insurance": "✓",
            "cmmi_level": "cmmi 3", "iso9001": True, "iso27001": "Y", "high_tech": "yes",
            "similar_projects": "5", "project_manager": "陈静（高级项目经理，信息系统项目管理师）",
            "replacement_days": "5", "key_staff_retention": 0.95,
            "price_model": "lump_sum", "total_price": "¥2,472,000.00",
        },
        {
            "tech_plan": Marks(_permute(_DEV_TIE_TECH, (4, 2, 0, 3, 1)), "三档"),
            "team": Marks(_permute(_DEV_TIE_TEAM, (1, 3, 0, 2, 4))),
            "project_management": Marks(_permute(_DEV_TIE_PM, (2, 4, 3, 0, 1)), comments={"王评委": "周报与里程碑汇报机制清晰"}),
        },
    ),
    Vendor(
        "yunqi", "杭州云栖码匠信息技术有限公司", "330106", "MA2KC4XB",
        "small enterprise (sme 是): 14,000 / 17,000 / 21,000 = 2,328,000, evaluated 1,862,400 after the 20 % deduction",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": "是", "social_insurance": "是",
            "cmmi_level": "CMMI 2", "iso9001": "是", "iso27001": "否", "high_tech": "是",
            "similar_projects": 3, "project_manager": "王磊（PMP）",
            "replacement_days": 7, "key_staff_retention": "92%",
            "price_model": "Per unit-month", "rate_junior": 14000, "rate_mid": 17000, "rate_senior": 21000,
        },
        {
            "tech_plan": Marks([11.0, 12.0, 10.5, 11.5, 12.2], "二档"),
            "team": Marks([10.0, 10.5, 9.5, 10.8, 10.2]),
            "project_management": Marks([7.0, 7.5, 6.8, 7.2, 7.6]),
        },
    ),
    Vendor(
        "qinchuan", "西安秦川软件外包服务有限公司", "610131", "MA6W2E5P",
        "abnormally low price: lump sum １４５万元 (full-width digits) = 1,450,000",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "social_insurance": "是",
            "cmmi_level": "none", "iso9001": "是", "iso27001": "否", "high_tech": "否",
            "similar_projects": 2, "project_manager": "赵鹏",
            "replacement_days": 10, "key_staff_retention": "90%",
            "price_model": "总价包干", "total_price": "１４５万元",
        },
        {
            "tech_plan": Marks([7.5, 8.0, 7.0, 8.5, 7.8], "二档",
                               {"王评委": "报价低于有效投标平均价的80%，已要求说明人员成本构成"}),
            "team": Marks([8.0, 8.5, 7.5, 8.2, 7.8]),
            "project_management": Marks([5.5, 6.0, 5.2, 6.2, 5.8]),
        },
    ),
    Vendor(
        "jincheng", "成都锦城数智科技有限公司", "510107", "MA6DR8HN",
        "the strongest bid: 15,500 / 19,000 / 23,500 = 2,592,000, just under the 2,600,000 ceiling",
        {
            "sme": "否",
            "business_license": "是", "no_bad_record": "是", "social_insurance": "是",
            "cmmi_level": "CMMI 5", "iso9001": "是", "iso27001": "是", "high_tech": "是",
            "similar_projects": 7, "project_manager": "李晓明（PMP，CMMI 高成熟度项目经理）",
            "replacement_days": 3, "key_staff_retention": "98%",
            "price_model": "per_unit_month", "rate_junior": "15,500", "rate_mid": "19,000", "rate_senior": "23,500",
        },
        {
            "tech_plan": Marks([17.0, 17.5, 16.5, 18.0, 17.2], "三档", {"李评委": "自动化测试与代码评审机制完善"}),
            "team": Marks([13.0, 13.5, 12.5, 13.2, 13.8]),
            "project_management": Marks([8.5, 9.0, 8.2, 8.8, 9.2]),
        },
    ),
    Vendor(
        "lugu", "长沙麓谷人力科技有限公司", "430104", "MA4PX6JC",
        "invalid: the declaration of no major violation left empty (gate no_bad_record and required: no_bad_record)",
        {
            "sme": "是",
            "business_license": "是", "no_bad_record": None, "social_insurance": "是",
            "cmmi_level": "CMMI 3", "iso9001": "是", "iso27001": "否", "high_tech": "否",
            "similar_projects": 4, "project_manager": "周涛",
            "replacement_days": 5, "key_staff_retention": "90%",
            "price_model": "总价包干", "total_price": 2100000,
        },
    ),
], criterion_header="zh")

# ---- QCBS consultancy (English-language RFP): technical pass mark, scaling to the best, weights --------
QCBS_JUDGES = ("M. Okafor", "L. Fernández", "S. Chen")

QCBS = Tender("qcbs-consultancy", "forms", [
    Vendor(
        "crescent", "Crescent Mobility Partners Ltd", "310000", "MA1GQ7KX",
        "the best technical proposal (raw 92.00 → 100 after scaling) wins despite the highest price: "
        "0.8 × 100 + 0.2 × 100 × 860,000 / 1,150,000 = 94.96",
        {"sme": "no", "registered": "yes", "similar_assignments": 6, "team_leader": "Dr. A. Rahman",
         "total_price": 1150000},
        {
            "methodology": Marks([28, 27, 28]),
            "team_leader_quals": Marks([18, 19, 18]),
            "key_experts": Marks([27, 28, 27]),
            "knowledge_transfer": Marks([9, 9, 8]),
        },
    ),
    Vendor(
        "meridian", "Meridian Transport Planning Co., Ltd.", "440300", "MA5H2R8T",
        "raw technical 84.00 → 91.30 scaled; 0.8 × 91.30 + 0.2 × 87.76 = 90.59; price typed $980,000.00",
        {"sme": "no", "registered": "yes", "similar_assignments": 4, "team_leader": "J. Moreau",
         "total_price": "$980,000.00"},
        {
            "methodology": Marks([26, 27, 25]),
            "team_leader_quals": Marks([17, 18, 17]),
            "key_experts": Marks([25, 26, 24]),
            "knowledge_transfer": Marks([8, 8, 7]),
        },
    ),
    Vendor(
        "harbourline", "Harbourline Consultants Ltd", "330200", "MA7D3NW4",
        "passes the stage narrowly (raw 72.00 ≥ 70) and has the lowest price that counts, Fm = 860,000 "
        "(financial score 100); price typed USD 860,000",
        {"sme": "no", "registered": "yes", "similar_assignments": 3, "team_leader": "K. Osei",
         "total_price": "USD 860,000"},
        {
            "methodology": Marks([22, 23, 21]),
            "team_leader_quals": Marks([15, 16, 15]),
            "key_experts": Marks([22, 21, 23]),
            "knowledge_transfer": Marks([7, 7, 6], comments={"S. Chen": "Training plan lacks on-the-job component"}),
        },
    ),
    Vendor(
        "northgate", "Northgate Urban Advisory LLP", "320500", "MA9C6LJ2",
        "fails the technical stage (raw 59.34 < the pass mark 70): its financial proposal is not opened, so its "
        "price 640,000 — the lowest of all — does not set Fm",
        {"sme": "no", "registered": "yes", "similar_assignments": 2, "team_leader": "P. Nowak",
         "total_price": 640000},
        {
            "methodology": Marks([18, 17, 19]),
            "team_leader_quals": Marks([14, 13, 14]),
            "key_experts": Marks([18, 19, 17]),
            "knowledge_transfer": Marks([6, 5, 6]),
        },
    ),
    Vendor(
        "atlas", "Atlas Infrastructure Group", "110000", "MA3EP5UY",
        "invalid: no proof of registration (gate registration)",
        {"sme": "no", "registered": "no", "similar_assignments": 5, "team_leader": "R. Silva",
         "total_price": 700000},
    ),
], judges=QCBS_JUDGES, lang="en",
    note="English-language QCBS in US dollars: the technical proposals are scored first (pass mark 70), scaled so the best "
         "gets 100 and weighted 0.8; the financial proposals of the firms that pass are scored "
         "100 × Fm / F and weighted 0.2.")

# ---- goods (hospital medical equipment): deductions, grades, a shared cap, a penalty, price to 1 place ------
GOODS_JUDGES = ("王评委", "李评委", "张评委")

GOODS = Tender("goods-procurement", "forms", [
    Vendor(
        "kangtai", "广州康泰医疗设备有限公司", "440106", "MA5D1K7P",
        "1 key and 1 other clause unmet: 30 − 2 − 0.5 = 27.5; 技术方案 8, 9, 6 → 7.67; 4 contracts and 3 "
        "certificates: 8 + 3 capped at 10 (certificates count 2); the highest price, dropped from the benchmark: "
        "30 × 1,431,650 / 1,700,000 = 25.26… → 25.3",
        {"sme": "否", "business_license": "是", "unmet_key_items": 1, "unmet_other_items": 1, "delivery_days": 15,
         "similar_projects": 4, "certificates": 3, "bad_records": 0, "total_price": "¥1,700,000.00"},
        {
            "tech_plan": Marks([8, 9, 6]),
            "sample_quality": Marks([4, 4, 3]),
            "installation": Marks([5, 6, 5], comments={"张评委": "调试计划完整，培训安排具体"}),
        },
    ),
    Vendor(
        "ruikang", "南京瑞康医疗器械有限公司", "320105", "MA1NQ3R8",
        "2 bad-conduct records: −4 off the total; 3 key + 4 other clauses unmet: 30 − 6 − 2 = 22",
        {"sme": "否", "business_license": "Y", "unmet_key_items": "3", "unmet_other_items": 4, "delivery_days": 20,
         "similar_projects": 2, "certificates": 5, "bad_records": 2, "total_price": "150万"},
        {
            "tech_plan": Marks([6, 7, 5]),
            "sample_quality": Marks([3, 3, 3]),
            "installation": Marks([4, 4, 3]),
        },
    ),
    Vendor(
        "rongxin", "成都蓉新医疗科技有限公司", "510107", "MA6C9T2L",
        "small enterprise (中小企业 小型企业): quoted 1,650,000, evaluated 1,485,000 after the 10 % deduction",
        {"sme": "小型企业", "business_license": "是", "unmet_key_items": 0, "unmet_other_items": 3, "delivery_days": 18,
         "similar_projects": 1, "certificates": 2, "bad_records": 0, "total_price": 1650000},
        {
            "tech_plan": Marks([7, 7, 8]),
            "sample_quality": Marks([3, 4, 3]),
            "installation": Marks([4, 5, 4]),
        },
    ),
    Vendor(
        "huimin", "武汉惠民医疗器械有限公司", "420106", "MA4K8W5E",
        "abnormally low price 980,000 (below 0.8 × the mean), the lowest, dropped from the benchmark; 30 × B / E "
        "capped at 30; 12 key + 20 other clauses unmet: 30 − 24 − 10 → 0 (扣完为止)",
        {"sme": "否", "business_license": "是", "unmet_key_items": 12, "unmet_other_items": 20, "delivery_days": 35,
         "similar_projects": 0, "certificates": 1, "bad_records": 0, "total_price": "980,000"},
        {
            "tech_plan": Marks([2, 3, 1]),
            "sample_quality": Marks([1, 2, 1]),
            "installation": Marks([1, 2, 2]),
        },
    ),
    Vendor(
        "zhongyuan", "郑州中原医疗设备有限公司", "410105", "MA3X2H6Q",
        "3 contracts and 4 certificates: 6 + 4 = 10, exactly the cap; 1 bad-conduct record: −2; a consortium "
        "(sme consortium) with a small-enterprise share ≥ 30 %: 1,600,000 evaluated 1,536,000 after 4 %",
        {"sme": "consortium", "business_license": "是", "unmet_key_items": 0, "unmet_other_items": 2, "delivery_days": 25,
         "similar_projects": 3, "certificates": 4, "bad_records": 1, "total_price": "1,600,000元"},
        {
            "tech_plan": Marks([5, 7, 6]),
            "sample_quality": Marks([3, 2, 3]),
            "installation": Marks([4, 3, 4]),
        },
    ),
    Vendor(
        "anping", "合肥安平医疗用品有限公司", "340104", "MA2T7N4G",
        "invalid, two reasons: no trading licence (gate licence) and ¥2,150,000 above the 2,000,000 budget ceiling",
        {"sme": "否", "business_license": "否", "unmet_key_items": 0, "unmet_other_items": 0, "delivery_days": 15,
         "similar_projects": 5, "certificates": 5, "bad_records": 0, "total_price": "¥2,150,000"},
    ),
], judges=GOODS_JUDGES,
    note="A Chinese goods tender under the Bidding Law (综合评估法): technical compliance by deduction, judged criteria scored by grade "
         "(ranges, fixed points, whole points), contracts and certificates under one cap, a penalty taken off the "
         "total, the price score rounded to 1 place and the rest to 2; the price benchmark B = 0.95 × the mean of "
         "the five evaluated prices without the highest and the lowest = 0.95 × 1,507,000 = 1,431,650.00, each "
         "price scored 30 × B / E (at most 30); SME deductions by category (small or micro 10 %, consortium 4 %).")

TENDERS = (CS, IT, DEV, QCBS, GOODS)


# ---------------------------------------------------------------- writing
def _reproducible(data: bytes, modified: str | None = None) -> bytes:
    """A workbook package with fixed zip dates (and a fixed modified time): same data, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if modified and info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + modified.encode() + rb"\g<2>", part)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, part)
    return out.getvalue()


def write_form(rubric: Rubric, vendor: Vendor, path: Path, saved: str, lang: str = "zh") -> None:
    """The tool's bid form, filled in column C as the vendor did in Excel."""
    blank = io.BytesIO()
    write_bid_form(rubric, blank, lang)
    book = openpyxl.load_workbook(io.BytesIO(blank.getvalue()))
    sheet = book["Bid"]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_col=1, max_col=1) if row[0].value}
    answers = {"vendor_id": vendor.code, "vendor_name": vendor.name, **vendor.answers}
    for field_id, value in answers.items():
        if field_id not in rows:
            raise SystemExit(f"{vendor.short}: the {rubric.id} bid form has no field {field_id!r}")
        if value is not None:
            sheet.cell(rows[field_id], 3).value = value
    if vendor.author:
        book.properties.lastModifiedBy = vendor.author
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue(), saved))


def _write_cell(sheet, row: int, col: int, value: Any, percent) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, percent if isinstance(value, float) and value < 1 else None)
    else:
        sheet.write_string(row, col, value)


def _book(path: Path, title: str) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    book.set_properties({"title": title, "author": "采购代理机构", "created": PANEL_DATE})
    return book


def write_consolidated(rubric: Rubric, vendors: Sequence[Vendor], path: Path) -> None:
    """Sheet Bids: a header row (Chinese labels; ids for the price parameters), one vendor per row."""
    fields = rubric.bid_fields
    english = {"replacement_days"}  # one column headed by its English label: both languages are accepted
    headers = [f.id if f.origin == "price" and f.id != "price_model" else
               f.label.en if f.id in english else f.label.zh for f in fields]
    book = _book(path, f"{rubric.title.zh} 投标报价汇总表")
    sheet = book.add_worksheet("Bids")
    bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "top"})
    percent = book.add_format({"num_format": "0.00%"})
    for c, header in enumerate(headers):
        sheet.write_string(0, c, header, bold)
    sheet.set_row(0, 45)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, len(headers) - 1, 14)
    sheet.freeze_panes(1, 2)
    for r, vendor in enumerate(vendors, start=1):
        answers = {"vendor_id": vendor.code, "vendor_name": vendor.name, **vendor.answers}
        unknown = set(answers) - {f.id for f in fields}
        if unknown:
            raise SystemExit(f"{vendor.short}: unknown fields {sorted(unknown)} for {rubric.id}")
        for c, f in enumerate(fields):
            _write_cell(sheet, r, c, answers.get(f.id), percent)
    book.close()


def write_panel(rubric: Rubric, tender: Tender, path: Path) -> None:
    """Judges, the agreed Tiers, and every judge's Scores (with the bidder's name alongside, ignored by the reader)."""
    book = _book(path, f"{rubric.title.zh} 评标委员会评分汇总" if tender.lang == "zh" else
                 f"{rubric.title.en}: evaluation committee scores")
    bold = book.add_format({"bold": True, "bg_color": "#D9E1F2"})
    one_decimal = book.add_format({"num_format": "0.0"})
    criteria = {c.id: c for c in rubric.panel_criteria}

    def name_of(criterion_id: str) -> str:
        return criteria[criterion_id].name.zh if tender.criterion_header == "zh" else criterion_id

    judges = book.add_worksheet("Judges")
    judges.write_string(0, 0, "judge", bold)
    for r, judge in enumerate(tender.judges, start=1):
        judges.write_string(r, 0, judge)

    tiers = book.add_worksheet("Tiers")
    for c, header in enumerate(("vendor_id", "vendor_name", "criterion", "tier")):
        tiers.write_string(0, c, header, bold)
    r = 1
    for vendor in tender.vendors:
        for criterion_id, marks in vendor.marks.items():
            if marks.tier is None:
                continue
            for c, value in enumerate((vendor.code, vendor.name, name_of(criterion_id), marks.tier)):
                tiers.write_string(r, c, value)
            r += 1

    scores = book.add_worksheet("Scores")
    for c, header in enumerate(("judge", "vendor_id", "vendor_name", "criterion", "score", "comment")):
        scores.write_string(0, c, header, bold)
    r = 1
    for j, judge in enumerate(tender.judges):
        for vendor in tender.vendors:
            for criterion_id, marks in vendor.marks.items():
                if criterion_id not in criteria:
                    raise SystemExit(f"{vendor.short}: {criterion_id!r} is not a panel criterion of {rubric.id}")
                scores.write_string(r, 0, judge)
                scores.write_string(r, 1, vendor.code)
                scores.write_string(r, 2, vendor.name)
                scores.write_string(r, 3, name_of(criterion_id))
                scores.write_number(r, 4, marks.scores[j], one_decimal)
                if judge in marks.comments:
                    scores.write_string(r, 5, marks.comments[judge])
                r += 1
    for sheet, widths in ((tiers, (22, 32, 14, 8)), (scores, (10, 22, 32, 18, 8, 50))):
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
    scores.activate()
    book.close()


def write_readme(out: Path) -> None:
    lines = [
        "# Sample tenders",
        "",
        "Generated by `scripts/make_samples.py` (do not edit by hand: change the script and run",
        "`.venv/bin/python scripts/make_samples.py`). Every company is fictional; the credit codes",
        "only carry correct check characters.",
        "",
        "```",
        ".venv/bin/python -m bideval evaluate --criteria criteria/cs-outsourcing.yaml \\",
        "    --bids sample_bids/cs-outsourcing --panel sample_bids/cs-outsourcing-panel.xlsx \\",
        "    --json result.json --out ranked.xlsx",
        "```",
    ]
    for tender in TENDERS:
        bids = f"`{tender.rubric}/` (one bid form per vendor)" if tender.layout == "forms" else \
            f"`{tender.rubric}.xlsx` (one consolidated workbook, sheet `Bids`)"
        lines += ["", f"## {tender.rubric}", ""] + ([tender.note, ""] if tender.note else []) + [
                  f"Bids: {bids}; panel: `{tender.rubric}-panel.xlsx` ({len(tender.judges)} judges).", "",
                  "| vendor | credit code | what it shows |", "| --- | --- | --- |"]
        lines += [f"| {v.short}: {v.name} | {v.code} | {v.case} |" for v in tender.vendors]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_samples(out: Path) -> list[Path]:
    """Write every sample tender into ``out``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for tender in TENDERS:
        rubric = load_rubric(CRITERIA / f"{tender.rubric}.yaml")
        codes = [v.code for v in tender.vendors]
        assert len(set(codes)) == len(codes), f"{tender.rubric}: two vendors share a credit code"
        folder = out / tender.rubric
        single = out / f"{tender.rubric}.xlsx"
        # From scratch: whatever an earlier run wrote for this tender goes first.
        if folder.is_dir():
            shutil.rmtree(folder)
        single.unlink(missing_ok=True)
        if tender.layout == "forms":
            folder.mkdir()
            for day, vendor in enumerate(tender.vendors):
                path = folder / f"{vendor.short}.xlsx"
                write_form(rubric, vendor, path, f"2024-06-{10 + day:02d}T{9 + day:02d}:{15 + 7 * day:02d}:00Z",
                           tender.lang)
                written.append(path)
        else:
            write_consolidated(rubric, tender.vendors, single)
            written.append(single)
        panel = out / f"{tender.rubric}-panel.xlsx"
        write_panel(rubric, tender, panel)
        written.append(panel)
    write_readme(out)
    written.append(out / "README.md")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample tenders (bid forms, consolidated bids, panels).")
    parser.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR",
                        help="folder to write into (default: sample_bids/ in the repository)")
    args = parser.parse_args(argv)
    for path in make_samples(Path(args.out)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
