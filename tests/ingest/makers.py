"""Report fixtures in every input format, made by the tests themselves.

Word files are written with python-docx, PDFs with fpdf2 and the WenQuanYi Micro Hei CJK
font from Debian (fonts-wqy-microhei), web pages from a template shaped like a county
government portal. The report text is small and written for the tests.
"""
from __future__ import annotations

from pathlib import Path

FONT_DIRS = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts")


def report(town: str = "石桥镇", county: str = "青山县", law: str = "中华人民共和国宪法",
           practice: str = "法律顾问制度") -> list[str]:
    """The lines of a tiny township report: title, then two paragraphs."""
    return [
        f"{county}{town}2023年法治政府建设工作报告",
        f"2023年，{town}坚持依法行政，组织机关干部集中学习《{law}》，建立{practice}，"
        f"全年发放宣传资料1200份，推动法治政府建设各项工作落到实处。",
        f"{town}将继续加强行政执法监督，规范执法程序，提升干部依法办事能力。",
    ]


def write_text(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_docx(path: Path, lines: list[str], table: list[list[str]] | None = None) -> Path:
    """A .docx: the first line as a heading, the rest as paragraphs, then a table."""
    import docx

    d = docx.Document()
    d.add_heading(lines[0], level=1)
    for line in lines[1:]:
        d.add_paragraph(line)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    d.sections[0].header.paragraphs[0].text = "青山县人民政府办公室"  # a running header
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def cjk_font() -> str:
    for folder in FONT_DIRS:
        hits = sorted(Path(folder).rglob("wqy-microhei.ttc")) if Path(folder).is_dir() else []
        if hits:
            return str(hits[0])
    raise RuntimeError("the CJK font fonts-wqy-microhei is not installed (apt-get install fonts-wqy-microhei)")


def write_pdf(path: Path, lines: list[str], header: str = "青山县人民政府信息公开专栏",
              repeat: int = 1, text: bool = True) -> Path:
    """A PDF of A4 pages with a running header and '- N -' page numbers.

    Paragraphs are wrapped at the page width by fpdf2, so sentences break across lines
    (and, with `repeat`, across pages). `text=False` draws boxes only: a scan's PDF.
    """
    from fpdf import FPDF

    class Page(FPDF):
        def header(self):
            if text:
                self.set_font("wqy", size=9)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT", align="C")
                self.ln(4)

        def footer(self):
            if text:
                self.set_y(-15)
                self.set_font("wqy", size=9)
                self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Page(format="A4")
    pdf.add_font("wqy", fname=cjk_font(), collection_font_number=0)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    if text:
        pdf.set_font("wqy", size=16)
        pdf.multi_cell(0, 10, lines[0], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("wqy", size=12)
        for _ in range(repeat):
            for line in lines[1:]:
                pdf.multi_cell(0, 8, "　　" + line, new_x="LMARGIN", new_y="NEXT")
    else:
        for i in range(20):
            pdf.rect(20, 20 + i * 12, 170, 8, style="F")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


PORTAL = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_青山县人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码，请勿删除。");</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<div class="top"><a href="/">网站首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx">新闻中心</a></li><li><a href="/zfxxgk">政府信息公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="main">
  <div class="article">
    <h1>{title}</h1>
    <div class="info">发布时间：2024-01-15　来源：{town}人民政府　浏览次数：128</div>
    <div class="TRS_Editor">{paragraphs}
      <table><tr><td>宣传资料</td><td>1200份</td></tr></table>
    </div>
  </div>
  <div class="related"><h3>相关链接</h3><ul>
    <li><a href="/a">关于做好2024年春节期间安全生产工作的通知，请各单位认真落实。</a></li>
    <li><a href="/b">县政府召开常务会议，研究部署近期重点工作。</a></li></ul></div>
</div>
<div class="footer">版权所有：青山县人民政府办公室　主办单位：青山县人民政府　地址：青山县人民路1号　电话：0000-1234567
<br>网站标识码：0000000000　备案号：某ICP备00000000号</div>
</body></html>
"""


def write_html(path: Path, lines: list[str], encoding: str = "utf-8", town: str = "石桥镇") -> Path:
    """A county portal page holding the report as its article."""
    paragraphs = "\n".join(f"<p>　　{line}</p>" for line in lines[1:])
    charset = {"gb18030": "gb2312", "gbk": "gbk"}.get(encoding, encoding)
    page = PORTAL.format(charset=charset, title=lines[0], paragraphs=paragraphs, town=town)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode(encoding))
    return path


def labels(ttl: Path) -> set[str]:
    """Every rdfs:label in a Turtle file, parsed back with rdflib."""
    import rdflib
    from rdflib.namespace import RDFS

    g = rdflib.Graph()
    g.parse(str(ttl), format="turtle")
    return {str(o) for o in g.objects(None, RDFS.label)}
