"""forms/: one definition per standard document (procedure.md's list of 29), loaded and validated — an
unknown key, a missing part or a binding to a path the context doesn't have is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.documents.bindings import FIELDS
from desktop_app.documents.formspec import FormError, load_form, load_forms
from desktop_app.paths import forms_dir
from desktop_app.services.cases.documents import FORMS as WORKFLOW_FORMS

# procedure.md, "The standard documents (乡镇综合行政执法文书)": every one named there
PROCEDURE_LIST = [
    "立案审批表", "不予立案审批表", "现场检查（勘验）笔录", "询问（调查）笔录", "证据先行登记保存通知书",
    "先行登记保存证据处理决定书", "查封（扣押）决定书", "责令（限期）改正通知书", "案件调查终结报告",
    "行政处罚事先告知书", "行政处罚听证告知书", "听证通知书", "听证笔录", "陈述申辩笔录", "法制审核意见书",
    "重大案件集体讨论记录", "行政处罚决定书", "不予行政处罚决定书", "当场行政处罚决定书", "送达回证", "催告书",
    "强制执行申请书", "案件移送书", "涉嫌犯罪案件移送书", "结案审批表", "行政处罚结果公示", "行政处罚案卷",
    "卷内目录", "卷内备考表",
]
TYPE_CODES = {"保存": "preservation_notice", "责改": "rectification_notice", "罚告": "penalty_notice",
              "听告": "hearing_rights_notice", "罚决": "penalty_decision", "不罚": "no_penalty_decision",
              "催": "reminder", "移": "transfer_letter"}

GOOD = """
id = "sample_notice"
title = "样例通知书"
type_code = "样"
kind = "letter"

[applies]
states = ["filed"]

[[blocks]]
type = "heading"

[[blocks]]
type = "paragraph"
text = "{party.name}：经查，{case.facts}"

[[blocks]]
type = "signature"
"""


def write(tmp_path: Path, text: str, name: str = "sample_notice") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_all_29_standard_documents_are_defined() -> None:
    forms = load_forms(forms_dir())
    assert len(forms) == 29
    assert sorted(f.title for f in forms.values()) == sorted(PROCEDURE_LIST)


def test_type_codes_are_those_of_procedure_md() -> None:
    forms = load_forms(forms_dir())
    for code, form_id in TYPE_CODES.items():
        assert forms[form_id].type_code == code


def test_the_workflow_documents_are_the_same_forms() -> None:
    """services/cases/documents.py issues these; forms/ renders them: same title and 文号 counter."""
    forms = load_forms(forms_dir())
    for form_id, (title, type_code) in WORKFLOW_FORMS.items():
        assert form_id in forms, form_id
        assert forms[form_id].title == title
        if not forms[form_id].preprinted_number:  # the on-the-spot form takes the pre-printed number
            assert forms[form_id].type_code == type_code, form_id


def test_two_part_documents_are_archive_and_service_copies() -> None:
    forms = load_forms(forms_dir())
    for form in forms.values():
        if form.parts:
            assert form.parts == ("归档联", "送达联"), form.id
    assert forms["penalty_decision"].parts and forms["penalty_notice"].parts


def test_every_bound_path_is_in_the_context_schema() -> None:
    for form in load_forms(forms_dir()).values():
        for path in form.bound_fields():
            assert path in FIELDS, (form.id, path)


def test_a_good_definition_loads(tmp_path: Path) -> None:
    spec = load_form(write(tmp_path, GOOD))
    assert spec.title == "样例通知书" and spec.applies.states == frozenset({"filed"})
    assert spec.bound_fields() == ["party.name", "case.facts"]


def test_unknown_key_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(FormError, match=r"sample_notice\.toml.*未知字段“titel”"):
        load_form(write(tmp_path, GOOD.replace('title = "样例通知书"', 'title = "样例通知书"\ntitel = "x"')))


def test_unknown_block_key_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace('type = "paragraph"', 'type = "paragraph"\nfont = "黑体"')
    with pytest.raises(FormError, match=r"第2个块（paragraph）.*未知字段“font”"):
        load_form(write(tmp_path, bad))


def test_unknown_bound_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormError, match=r"未知字段“case\.factz”"):
        load_form(write(tmp_path, GOOD.replace("{case.facts}", "{case.factz}")))


def test_a_letter_without_signature_and_seal_block_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace('[[blocks]]\ntype = "signature"\n', "")
    with pytest.raises(FormError, match="缺少署名、日期和印章位置"):
        load_form(write(tmp_path, bad))


def test_missing_heading_applies_or_blocks_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="缺少标题块"):
        load_form(write(tmp_path, GOOD.replace('[[blocks]]\ntype = "heading"\n', "")))
    with pytest.raises(FormError, match="缺少 \\[applies\\]"):
        load_form(write(tmp_path, GOOD.replace('[applies]\nstates = ["filed"]\n', "")))
    with pytest.raises(FormError, match="未知的案件状态“filled”"):
        load_form(write(tmp_path, GOOD.replace('["filed"]', '["filled"]')))


def test_table_rows_must_span_the_columns(tmp_path: Path) -> None:
    bad = GOOD.replace('[[blocks]]\ntype = "signature"', '''[[blocks]]
type = "table"
columns = [1, 2]
rows = [[{label = "案由"}]]

[[blocks]]
type = "signature"''')
    with pytest.raises(FormError, match="跨列之和为 1，应等于列数 2"):
        load_form(write(tmp_path, bad))


def test_file_name_must_match_id_and_bad_toml_is_named(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="文件名应与 id 一致"):
        load_form(write(tmp_path, GOOD, name="other"))
    with pytest.raises(FormError, match="TOML 格式错误"):
        load_form(write(tmp_path, GOOD + "\n[[blocks\n"))


def test_adding_a_document_type_is_adding_a_file(tmp_path: Path) -> None:
    for f in forms_dir().glob("*.toml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    write(tmp_path, GOOD)
    forms = load_forms(tmp_path)
    assert len(forms) == 30 and "sample_notice" in forms
