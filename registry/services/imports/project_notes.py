"""What the project template says about its columns that their headers cannot: 项目编号 is
required in every row and groups rows into one project, the lists and the formats — in the
template's language (its headers are Chinese too). Each note is its header's comment and a line
of the 说明 sheet, which the import skips as it skips any sheet it does not know."""
from __future__ import annotations

NOTES_SHEET = "说明"
INTRO = ("每个项目类型一张表，第一行是列名，请勿修改列名；新企业填在“企业”表。"
         "带下拉列表的列请从列表中选择。导入时先勾选“仅检查，不写入”可预览结果。")
NOTES: dict[str, str] = {
    "项目编号": "必填，每一行都要填写。编号相同的行合为一个项目：高效电机项目每组电机占一行，各行填同一个编号，"
               "项目名称、年度等取自其第一行。编号已登记的项目保持不变（计入“未变”）。",
    "状态": "从列表中选择；空着为草稿。区级用户只能导入草稿和已提交的项目。",
    "统一社会信用代码": "企业的 18 位代码。尚未登记的企业，请在“企业”表中填写一行。",
    "区代码": "6 位行政区划代码，如 310115（浦东新区）。区级用户只能填写本区。",
    "地块编号（逗号分隔）": "已登记地块的编号，多个用逗号分隔；可空。",
    "计划完成日期": "日期写作 2017-06-30（或 Excel 日期）。",
    "完成日期": "仅“已完成”“已核定”的项目填写，写作 2017-06-30。",
    "核定日期": "仅“已核定”的项目填写，写作 2017-06-30。",
    "基准年": "可空，默认为年度的前一年。",
    "原锅炉效率": "0 至 1 之间的小数，如 0.72。填写“替代后天然气”时可空。",
    "新锅炉效率": "0 至 1 之间的小数，如 0.92。填写“替代后天然气”时可空。",
    "负载率": "0 至 1 之间的小数，如 0.75。",
    "改造前效率": "0 至 1 之间的小数，如 0.921。",
    "改造后效率": "0 至 1 之间的小数，如 0.946。",
    "核算方法": "空着为“改造前后实测”（填写改造前后用电）；选“单位产品能耗（单耗）法”时填写改造前单耗、"
               "改造后单耗、单耗单位和报告期产量。",
}
