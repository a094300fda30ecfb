"""The PDF renderer: fonts embedded (never a base-14 font), numbers, ID numbers and 文号 never split
across lines, long facts breaking over pages, the two parts, the check code, page numbers, amounts in
capitals."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest
from pypdf.generic import DictionaryObject, IndirectObject

from desktop_app.documents.bindings import FIELDS, FLAG, LIST
from desktop_app.documents.compose import with_texts
from desktop_app.documents.fonts import font_set, has_glyph
from desktop_app.documents.formatting import cn_date, money, money_words
from desktop_app.documents.formspec import load_forms
from desktop_app.documents.qr import CheckCode, parse_payload
from desktop_app.documents.render import content_sha256, render_pdf
from desktop_app.documents.textflow import Para, ParaStyle, Run
from desktop_app.paths import forms_dir

ID_NO = "141121201001010017"  # valid; fonts-and-qt.md saw exactly this one split by reportlab's CJK wrap
NUMBER = "文水刘罚决字〔2024〕第3号"


def context(**overrides: Any) -> dict[str, Any]:
    """A complete binding context: every path of the schema with a sample value."""
    ctx: dict[str, Any] = {}
    for path, (kind, label) in FIELDS.items():
        group, name = path.split(".", 1)
        value: Any = False if kind == FLAG else [] if kind == LIST else label.split("（")[0]
        ctx.setdefault(group, {})[name] = value
    ctx["township"].update(government_name="文水县刘胡兰镇人民政府", review_body="文水县人民政府")
    ctx["party"].update(name="王某某", identifier=ID_NO, is_person=True, sex="男", birth_date="2010年1月1日")
    ctx["case"].update(state="decided", procedure="ordinary", number="文水刘立字〔2024〕第12号")
    ctx["doc"].update(number=NUMBER, date="2024年3月9日", is_draft=False)
    ctx["decision"].update(is_penalty=True, has_fine=True, penalty_text="罚款人民币800元（大写：捌佰元整）")
    ctx["notice"]["penalty"] = "罚款人民币800元"
    for path, value in overrides.items():
        group, name = path.split(".", 1)
        ctx[group][name] = value
    return ctx


@pytest.fixture(scope="module")
def forms() -> dict[str, Any]:
    return load_forms(forms_dir())


@pytest.fixture(scope="module")
def fonts() -> Any:
    return font_set("bundled")


def pdf_fonts(data: bytes) -> list[DictionaryObject]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found: dict[int, DictionaryObject] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for ref in resources.get_object().get("/Font", {}).values():
            obj = ref.get_object()
            key = ref.idnum if isinstance(ref, IndirectObject) else id(obj)
            found[key] = obj
    return list(found.values())


def assert_all_fonts_embedded(data: bytes) -> None:
    fonts = pdf_fonts(data)
    assert fonts, "no fonts at all"
    for font in fonts:
        name = str(font.get("/BaseFont"))
        assert "Helvetica" not in name and "Times" not in name and "Courier" not in name, name
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target.get("/FontDescriptor")
        assert descriptor is not None, f"{name}: no font descriptor (a base-14 font?)"
        descriptor = descriptor.get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} is not embedded"
        assert "+" in name, f"{name} is not a subset"


def lines_of(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", "", line) for page in reader.pages for line in page.extract_text().splitlines()]


def text_of(data: bytes) -> str:
    """The text without page numbers (they sit between a page's last line and the next page's first)."""
    return "".join(line for line in lines_of(data) if not re.fullmatch(r"—\d+—|第\d+页共\d+页", line))


def test_every_form_renders_with_every_font_embedded(forms: dict[str, Any], fonts: Any) -> None:
    for form in forms.values():
        data = render_pdf(form, with_texts(form, context()), fonts, draft=True)
        assert data.startswith(b"%PDF"), form.id
        assert_all_fonts_embedded(data)


def test_id_number_is_never_split_across_lines(fonts: Any) -> None:
    style = ParaStyle(fonts.body, 16, 29, first_indent=32)
    for k in range(30):
        from reportlab.platypus import SimpleDocTemplate

        buf = io.BytesIO()
        text = "当事人" + "某" * k + "，居民身份证号码："
        SimpleDocTemplate(buf, initialFontName=fonts.body).build(
            [Para([Run(text), Run(ID_NO), Run("，住文水县刘胡兰镇保贤村十二号，联系电话13800000000。")], style, fonts)])
        lines = lines_of(buf.getvalue())
        assert any(ID_NO in line for line in lines), (k, lines)


def test_id_number_and_number_whole_on_their_lines_in_the_decision(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["penalty_decision"]
    for pad in range(0, 28, 3):
        ctx = context(**{"party.name": "王" + "某" * pad, "case.filed_on": "2024年1月2日"})
        data = render_pdf(form, with_texts(form, ctx), fonts, draft=False, parts=False)
        lines = lines_of(data)
        assert any(ID_NO in line for line in lines)
        assert any(NUMBER in line for line in lines)


def test_long_facts_break_over_pages_with_page_numbers(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["penalty_decision"]
    facts = "当事人在刘胡兰镇保贤村南地块露天焚烧玉米秸秆，产生大量烟尘，影响周边空气质量。" * 60
    data = render_pdf(form, with_texts(form, context(**{"text.facts": facts})), fonts, draft=False, parts=False)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4
    for n, page in enumerate(reader.pages, 1):
        assert f"—{n}—" in re.sub(r"\s+", "", page.extract_text())
    assert text_of(data).count("影响周边空气质量") == 60


def test_a_long_table_cell_continues_on_the_next_page(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["inspection_record"]
    body = "现场检查发现当事人在河道管理范围内堆放建筑垃圾约二十立方米，未采取任何防护措施。" * 40
    data = render_pdf(form, with_texts(form, context(**{"text.inspection": body})), fonts, draft=True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert text_of(data).count("未采取任何防护措施") == 40
    assert "第1页共" in re.sub(r"\s+", "", reader.pages[0].extract_text())


def test_two_parts_archive_and_service_copy_each_numbered_from_one(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["penalty_notice"]
    data = render_pdf(form, with_texts(form, context()), fonts, draft=False)
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [re.sub(r"\s+", "", p.extract_text()) for p in reader.pages]
    archive = [i for i, t in enumerate(texts) if "归档联" in t]
    service = [i for i, t in enumerate(texts) if "送达联" in t]
    assert archive and service and max(archive) < min(service)
    assert "—1—" in texts[min(service)]


def test_the_check_code_holds_id_number_and_content_hash(forms: dict[str, Any]) -> None:
    form = forms["penalty_decision"]
    ctx = with_texts(form, context())
    digest = content_sha256(form, ctx)
    code = CheckCode("doc-1", NUMBER, digest)
    assert parse_payload(code.payload()) == code
    changed = with_texts(form, context(**{"text.facts": "另一事实"}))
    assert content_sha256(form, changed) != digest
    # the part (归档联/送达联) is not content
    assert content_sha256(form, {**ctx, "doc": {**ctx["doc"], "part": "送达联"}}) == digest


def test_issued_pdf_has_no_draft_mark_and_a_draft_has(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["rectification_notice"]
    ctx = with_texts(form, context())
    issued = text_of(render_pdf(form, ctx, fonts, draft=False, check=CheckCode("x", NUMBER, "0" * 64)))
    draft = text_of(render_pdf(form, ctx, fonts, draft=True))
    assert "草稿" not in issued and "扫码核验" in issued
    assert "草稿" in draft and "扫码核验" not in draft


def test_decision_states_what_article_59_requires(forms: dict[str, Any], fonts: Any) -> None:
    form = forms["penalty_decision"]
    ctx = context(**{"party.address": "文水县刘胡兰镇保贤村12号", "item.violation_basis": "《中华人民共和国大气污染防治法》第七十七条",
                     "item.penalty_basis": "《中华人民共和国大气污染防治法》第一百一十九条第一款"})
    text = text_of(render_pdf(form, with_texts(form, ctx), fonts, draft=False, parts=False))
    for needed in ("王某某", "文水县刘胡兰镇保贤村12号", "经查明", "证据证明", "第七十七条", "第一百一十九条第一款",
                   "罚款人民币800元（大写：捌佰元整）", "十五日内", "百分之三加处罚款", "六十日内向文水县人民政府申请行政复议",
                   "六个月内", "文水县刘胡兰镇人民政府", "2024年3月9日", "关于裁量"):
        assert needed in text, needed
    assert "本机关认为" not in text  # 说理式 only for major cases
    reasoned = text_of(render_pdf(form, with_texts(form, context(**{"decision.reasoned": True})), fonts, draft=False,
                                  parts=False))
    assert "本机关认为" in reasoned


def test_a_character_missing_from_the_body_face_falls_back_to_another_embedded_face(fonts: Any) -> None:
    sample = next(ch for ch in "㐀㐁㑇䶮𠀀龘" if not has_glyph(fonts.body, ch) and has_glyph(fonts.hei, ch))
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf, initialFontName=fonts.body).build(
        [Para(f"当事人姓名中有生僻字{sample}。", ParaStyle(fonts.body, 16, 29), fonts)])
    assert sample in text_of(buf.getvalue())
    assert_all_fonts_embedded(buf.getvalue())


def test_formatting_of_dates_and_money() -> None:
    from datetime import date

    assert cn_date(date(2024, 3, 9)) == "2024年3月9日"
    assert money("2000.00") == "2000" and money("1234.5") == "1234.50"
    assert money_words(2000) == "贰仟元整"
    assert money_words("100010") == "壹拾万零壹拾元整"
    assert money_words("1234.56") == "壹仟贰佰叁拾肆元伍角陆分"
    assert money_words(1005) == "壹仟零伍元整"


def test_the_windows_fonts_are_used_when_present(monkeypatch: pytest.MonkeyPatch, tmp_path: Any,
                                                 forms: dict[str, Any]) -> None:
    """Stand-ins named like the Windows files (the bundled faces under those names): the set switches to
    them, and the PDF still embeds every face."""
    from desktop_app.documents import fonts as fonts_module
    from desktop_app.paths import resource

    folder = tmp_path / "Fonts"
    folder.mkdir()
    (folder / "simsun.ttc").symlink_to(resource("fonts", "uming.ttc"))
    (folder / "simfang.ttf").symlink_to(resource("fonts", "uming.ttc"))
    (folder / "simhei.ttf").symlink_to(resource("fonts", "wqy-zenhei.ttc"))
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.setattr(fonts_module, "_sets", {})
    chosen = fonts_module.font_set("windows")
    assert chosen.source == "windows" and chosen.body == "ED-FangSong" and chosen.hei == "ED-SimHei"
    form = forms["penalty_notice"]
    data = render_pdf(form, with_texts(form, context()), chosen, draft=True)
    assert_all_fonts_embedded(data)
    monkeypatch.setattr(fonts_module, "_sets", {})
    monkeypatch.setenv("WINDIR", str(tmp_path / "nowhere"))
    assert fonts_module.font_set("auto").source == "bundled"


def test_a_credit_code_is_whole_on_its_line_in_every_form(forms: dict[str, Any], fonts: Any) -> None:
    code = "91350100M000100Y43"
    ctx = context(**{"party.is_person": False, "party.is_organisation": True, "party.identifier": code,
                     "party.name": "文水县某某种植养殖专业合作社", "party.id_label": "统一社会信用代码"})
    seen = 0
    for form in forms.values():
        data = render_pdf(form, with_texts(form, ctx), fonts, draft=True, parts=False)
        if code in text_of(data):
            seen += 1
            assert any(code in line for line in lines_of(data)), form.id
    assert seen >= 10
