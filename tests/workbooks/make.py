#!/usr/bin/env python3
"""Writes the workbooks tests/workbook.rs and tests/hostile.rs read: files no
code of chitieu wrote (openpyxl, zipfile), typed as people type them, and
hostile ones. Run from the repository root: python3 tests/workbooks/make.py"""
import io
import zipfile
from pathlib import Path

import openpyxl

OUT = Path(__file__).parent
HOSTILE = OUT.parent / "hostile" / "workbooks"
HOSTILE.mkdir(parents=True, exist_ok=True)


def unit_book():
    """A small unit as a person would type it in a spreadsheet program."""
    wb = openpyxl.Workbook()
    u = wb.active
    u.title = "Đơn vị"
    u.append(["Mục", "Khóa", "Giá trị"])
    u.append(["Mã đơn vị", "unit.id", "  CAH-THU  "])
    u.append(["Tên đơn vị", "unit.name", "Công an huyện Thử"])
    u.append(["Kỳ từ", "period.start", "15/10/2023"])
    u.append(["Kỳ đến", "period.end", "2024-10-13"])
    u.append(["Số liệu năm trước", "baseline.subjects_opened", "3"])
    u.append(["Chỉ tiêu", "quotas.subjects.count", 2])
    u.append(["Thời hạn", "quotas.subjects.deadline", "30/06/2024"])
    o = wb.create_sheet("Cán bộ")
    # Labels only (no key row): the reader maps them by label.
    o.append(["Mã cán bộ", "Họ tên", "Vai trò", "Trực tiếp làm ma túy"])
    o.append(["CB1", "Nguyễn Văn Thử", "Chỉ huy", "có"])
    o.append([])
    o.append(["CB2", "Lê Thị Mẫu", "officer", None])
    s = wb.create_sheet("Đối tượng sưu tra")
    s.append(["Mã", "Loại", "Danh mục", "Cán bộ quản lý", "CTVBM theo dõi", "Ngày đưa vào (opened)", "Ngày đưa ra", "Lý do đưa ra"])
    s.append(["ST1", "Loại B", "II", "CB1", "", "01/11/2023", None, None])
    s.append(["ST2", " b ", "Danh mục III", "CB2", None, "2024-01-05", "15/03/2024", "Không còn hoạt động"])
    s.append(["ST3", "A", "I", "CB1", None, None, None, None])
    import datetime
    s["F4"] = datetime.date(2024, 2, 1)
    s["F4"].number_format = "dd/mm/yyyy"
    i = wb.create_sheet("Kiểm tra hồ sơ")
    i.append(["date", "reviewer", "reviewed"])
    i.append(["13/10/2024", "CB1", "CB1; CB2"])
    return wb


def main():
    unit_book().save(OUT / "openpyxl-unit.xlsx")

    # Mistakes a person makes, each at its cell, all in one run.
    wb = unit_book()
    s = wb["Đối tượng sưu tra"]
    s["B2"] = "Loai C"
    s["F3"] = "31/02/2024"
    s["C4"] = "V"
    wb["Cán bộ"]["E1"] = "Ghi chu"
    wb["Đơn vị"]["C4"] = "15/10/23"
    wb.save(OUT / "mistakes.xlsx")

    # A reference to no one: found by the checks every unit file gets.
    wb = unit_book()
    wb["Đối tượng sưu tra"]["D3"] = "CB9"
    wb.save(OUT / "dangling.xlsx")

    wb = unit_book()
    wb["Đối tượng sưu tra"]["F2"] = "#REF!"
    wb.save(HOSTILE / "error-cell.xlsx")

    wb = unit_book()
    wb["Đối tượng sưu tra"].merge_cells("B2:C2")
    wb.save(HOSTILE / "merged.xlsx")

    wb = unit_book()
    wb["Đối tượng sưu tra"]["A1048576"] = "ST999"
    wb.save(HOSTILE / "million-rows.xlsx")

    # openpyxl stops a cell at Excel's 32,767 characters; the file is
    # edited past it, as a hostile writer would.
    wb = unit_book()
    wb["Cán bộ"]["B2"] = "x" * 32767
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(HOSTILE / "huge-string.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"x" * 32767, b"x" * 5_000_000))

    wb = unit_book()
    wb["Cán bộ"]["B4"] = "=B2"
    wb.save(HOSTILE / "formula-no-value.xlsx")

    # Macro-enabled: the same values plus a VBA project, which is never run.
    buf = io.BytesIO()
    unit_book().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(HOSTILE / "macros.xlsm", "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            dst.writestr(item, data)
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nShell \"calc\"\nEnd Sub\n")

    # A zip bomb: a sheet that unpacks to 200 MB of spaces.
    with zipfile.ZipFile(HOSTILE / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", " " * (200 << 20))

    (HOSTILE / "not-a-workbook.xlsx").write_text("unit: { id: U }\nthis is YAML, not a workbook\n")

    # What Office writes for a password-protected workbook: a compound file
    # holding an EncryptedPackage stream (the header and the name suffice).
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    cfb += "EncryptedInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000
    (HOSTILE / "encrypted.xlsx").write_bytes(cfb)


main()
