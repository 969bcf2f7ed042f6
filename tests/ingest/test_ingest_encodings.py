"""Text files in the encodings township reports really come in."""
from __future__ import annotations

import pytest
from makers import report, write_text

from kg.errors import InputError
from kg.ingest import read
from kg.ingest.readers import decode

TITLE = report()[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
def test_decode_text_report_in_encoding(tmp_path, encoding):
    path = write_text(tmp_path / f"r-{encoding}.txt", report(), encoding=encoding)
    doc = read(path)
    assert doc.text.splitlines()[0] == TITLE
    assert report()[1] in doc.text


def test_decode_gb18030_characters_outside_gbk(tmp_path):
    lines = report(town="㙟桥镇")  # 㙟 (U+365F) is in GB18030 only, as four bytes
    path = write_text(tmp_path / "r.txt", lines, encoding="gb18030")
    assert "㙟桥镇" in read(path).text


def test_decode_big5_is_not_mistaken_for_gbk():
    text = "台北縣石橋鎮2023年法治政府建設工作報告\n石橋鎮組織幹部學習《中華人民共和國憲法》，發放宣傳資料1200份，推動各項工作落實。\n"
    assert decode(text.encode("big5"), "r.txt") == text


def test_decode_utf8_cut_off_mid_character_keeps_the_text():
    data = "\n".join(report()).encode("utf-8") + "。".encode("utf-8")[:2]
    assert decode(data, "r.txt").startswith(TITLE)


def test_decode_same_text_any_encoding_same_document(tmp_path):
    shas = {read(write_text(tmp_path / f"{e}.txt", report(), e)).sha256 for e in ("utf-8", "gbk", "utf-16")}
    assert len(shas) == 1


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file"),
    (bytes(range(256)) * 8, "binary file"),
])
def test_decode_rejects_what_is_not_text(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data, "x.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_encoding_bomless_utf16_chinese_with_nul_bytes_is_read(tmp_path, encoding):
    # issue 15 #10: 一 is U+4E00, so Chinese UTF-16 has NULs on both sides and was refused as binary
    text = "青山县石桥镇2023年法治政府建设工作报告\n一、主要举措\n一是开展普法宣传12场次，组织学习《中华人民共和国宪法》。\n"
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path).text.startswith("青山县石桥镇2023年")
