#!/usr/bin/env python3
"""Reads an .xlsx written by Otklik (the monthly report's export) without Otklik's code: the zip's workbook, its
relationships and each sheet's XML, with the standard library only. Prints JSON {"sheets": [{"name", "rows"}]}, each
cell a number, a string, a date "YYYY-MM-DD" (cells styled 2 or 3, read from the 1900 date serial) or null.
When openpyxl is installed, the file is also opened with it and every value is checked to agree (exit 1 if not)."""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EPOCH = datetime.date(1899, 12, 30)


def column_index(reference):
    letters = re.match(r"[A-Z]+", reference).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def read(path):
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        relations = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in relations.iter(PKG + "Relationship")}
        sheets = []
        for sheet in workbook.iter(MAIN + "sheet"):
            xml = ET.fromstring(archive.read("xl/" + targets[sheet.get(REL + "id")]))
            rows = []
            for row in xml.iter(MAIN + "row"):
                values = []
                for cell in row.iter(MAIN + "c"):
                    index = column_index(cell.get("r"))
                    values.extend([None] * (index - len(values) + 1))
                    if cell.get("t") == "inlineStr":
                        values[index] = "".join(t.text or "" for t in cell.iter(MAIN + "t"))
                    else:
                        number = float(cell.find(MAIN + "v").text)
                        if cell.get("s") in ("2", "3"):
                            values[index] = (EPOCH + datetime.timedelta(days=int(number))).isoformat()
                        else:
                            values[index] = number
                rows.append(values)
            sheets.append({"name": sheet.get("name"), "rows": rows})
        return sheets


def check_with_openpyxl(path, sheets):
    try:
        import openpyxl
    except ImportError:
        return "openpyxl not installed"
    book = openpyxl.load_workbook(path)
    assert [s["name"] for s in sheets] == book.sheetnames, (book.sheetnames, [s["name"] for s in sheets])
    for sheet in sheets:
        for r, row in enumerate(sheet["rows"]):
            for c, value in enumerate(row):
                other = book[sheet["name"]].cell(row=r + 1, column=c + 1).value
                if isinstance(other, datetime.datetime):
                    other = other.date().isoformat()
                if isinstance(other, int):
                    other = float(other)
                assert other == value, (sheet["name"], r, c, value, other)
    return "openpyxl agrees"


if __name__ == "__main__":
    sheets = read(sys.argv[1])
    checked = check_with_openpyxl(sys.argv[1], sheets)
    print(json.dumps({"sheets": sheets, "openpyxl": checked}, ensure_ascii=False))
