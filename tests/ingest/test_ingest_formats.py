"""Readers for Word, PDF and web pages, on fixtures made here (makers.py)."""
from __future__ import annotations

import pytest
from makers import report, write_docx, write_html, write_pdf

from kg.errors import InputError
from kg.extract import extract
from kg.ingest import read

LAW = "中华人民共和国宪法"


def _facts(path):
    facts = extract(read(path))
    return facts, {m.label for m in facts.mentions if m.kind == "regulation"}


def test_docx_reads_paragraphs_and_tables_in_order(tmp_path):
    path = write_docx(tmp_path / "r.docx", report(), table=[["项目", "数量"], ["发放宣传资料", "1200份"]])
    doc = read(path)
    lines = doc.text.splitlines()
    assert lines[0] == "青山县石桥镇2023年法治政府建设工作报告"
    assert "发放宣传资料 | 1200份" in lines
    assert lines.index("发放宣传资料 | 1200份") > lines.index(report()[2])
    assert "青山县人民政府办公室" not in doc.text  # the running header is not body text
    facts, laws = _facts(path)
    assert facts.place.name == "石桥镇" and LAW in laws


def test_docx_merged_cells_are_read_once(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("石桥镇2023年法治政府建设工作报告")
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "普法宣传情况"
    for c, text in enumerate(["宪法宣传周", "发放资料", "800份"]):
        t.cell(1, c).text = text
    d.save(str(tmp_path / "m.docx"))
    lines = read(tmp_path / "m.docx").text.splitlines()
    assert "普法宣传情况" in lines and "宪法宣传周 | 发放资料 | 800份" in lines


def test_pdf_rejoins_lines_and_drops_headers_and_page_numbers(tmp_path):
    path = write_pdf(tmp_path / "r.pdf", report(), repeat=25)  # three pages
    from pypdf import PdfReader

    raw = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert len(PdfReader(str(path)).pages) >= 3 and "- 2 -" in raw  # the fixture has what we drop
    text = read(path).text
    assert "青山县人民政府信息公开专栏" not in text
    assert not any(line.strip("- ").isdigit() for line in text.splitlines())
    # every paragraph comes back whole, wherever the page width or a page break cut it
    body = [line for line in text.splitlines()[1:] if line]
    assert set(body) == {report()[1], report()[2]}
    facts, laws = _facts(path)
    assert facts.place.name == "石桥镇" and LAW in laws and facts.year == 2023


def test_pdf_without_text_layer_is_a_clear_error(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", report(), text=False)
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read(path)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_reads_article_without_navigation_or_footer(tmp_path, encoding):
    path = write_html(tmp_path / "page.html", report(), encoding=encoding)
    text = read(path).text
    assert text.splitlines()[0] == "青山县石桥镇2023年法治政府建设工作报告"
    assert report()[1] in text and "宣传资料 | 1200份" in text
    for furniture in ("网站首页", "新闻中心", "当前位置", "相关链接", "春节期间", "版权所有", "备案号", "统计代码"):
        assert furniture not in text, furniture
    facts, laws = _facts(path)
    assert facts.place.name == "石桥镇" and LAW in laws


def test_html_title_from_title_tag_when_page_has_no_heading(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>石桥镇2023年法治政府建设工作报告 - 青山县人民政府</title></head>"
            "<body><div id='menu'><a href='/'>首页</a></div><div class='content'>"
            f"<p>{report()[1]}</p><p>{report()[2]}</p></div></body></html>")
    (tmp_path / "p.htm").write_text(page, encoding="utf-8")
    lines = read(tmp_path / "p.htm").text.splitlines()
    assert lines[0] == "石桥镇2023年法治政府建设工作报告" and "首页" not in lines


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_restricted_but_openable_is_read_password_protected_is_an_error(tmp_path, algorithm):
    """Portals often publish PDFs locked against copying (owner password only): those are read."""
    from pypdf import PdfWriter

    src = write_pdf(tmp_path / "src.pdf", report())
    for user, name in (("", "open.pdf"), ("secret", "locked.pdf")):
        w = PdfWriter(clone_from=str(src))
        w.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
        w.write(str(tmp_path / name))
    assert LAW in read(tmp_path / "open.pdf").text
    with pytest.raises(InputError, match="encrypted PDF"):
        read(tmp_path / "locked.pdf")


def test_html_deeply_nested_page_with_many_links_is_read_in_seconds(tmp_path):
    # issue 15 #9: prose was recounted over the whole subtree at every level (250 nested divs and
    # 850,000 links: 12 minutes of CPU); one pass now. The bound is loose: the old shape took minutes.
    import time

    from kg.ingest.web import read_html

    links = "".join(f'<a href="/{i}">链接，</a>' for i in range(150_000))
    page = tmp_path / "nested.html"
    page.write_text("<html><head><meta charset='utf-8'></head><body>" + "<div>" * 250
                    + "<p>青山县石桥镇2023年法治政府建设工作报告。今年组织干部学习《中华人民共和国宪法》。</p>"
                    + links + "</div>" * 250 + "</body></html>", encoding="utf-8")
    start = time.perf_counter()
    text = read_html(page)
    assert time.perf_counter() - start < 20
    assert text.startswith("青山县石桥镇2023年法治政府建设工作报告")
