#!/usr/bin/env python3
"""Checks a streamed and an in-memory `otklik import feedback` of the same CSV against each other and against the CSV
read here: the rows (every stored column but the write's own time and feed position), the customers and identities,
the codes created, the change feed's feedback records; and, from the CSV alone, the row count, the NPS and CSAT sums
and the distinct customers. Exits 1 on any difference.

Usage: feedback_import_check.py FILE.csv STREAMED.sqlite IN_MEMORY.sqlite
"""
import csv
import hashlib
import sqlite3
import sys

QUERIES = {
    "feedback": "SELECT id, ts, channel, kind, location_code, staff_code, service_code, customer_id, nps, csat, ces, button,"
                " reasons, comment, contact, lang, customer_link FROM feedback ORDER BY id",
    "customers": "SELECT id, phone, email, external_id, consent, created_at FROM customers ORDER BY id",
    "identities": "SELECT kind, value, customer_id, source, first_seen_at FROM customer_identities ORDER BY kind, value",
    "codes": "SELECT 'l', code FROM locations UNION ALL SELECT 's', code FROM staff UNION ALL SELECT 'v', code FROM services ORDER BY 1, 2",
    "feed records": "SELECT SUM(records) FROM change_feed WHERE kind = 'feedback'",
}


def digest(path):
    db = sqlite3.connect(path)
    result = {}
    for name, sql in QUERIES.items():
        h, n = hashlib.sha256(), 0
        for row in db.execute(sql):
            h.update(repr(row).encode())
            n += 1
        result[name] = (n, h.hexdigest()[:16])
    result["sums"] = db.execute("SELECT COUNT(*), SUM(nps), SUM(csat), COUNT(DISTINCT customer_id) FROM feedback").fetchone()
    result["integrity"] = db.execute("PRAGMA integrity_check").fetchone()[0]
    return result


def main():
    path, streamed, whole = sys.argv[1:4]
    rows = nps = csat = 0
    customers = set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            nps += int(row["nps"]) if row["nps"] else 0
            csat += int(row["csat"]) if row["csat"] else 0
            if row["customer"]:
                customers.add(row["customer"])
    expected = (rows, nps, csat, len(customers))
    a, b = digest(streamed), digest(whole)
    ok = True
    for name in list(QUERIES) + ["sums", "integrity"]:
        same = a[name] == b[name]
        ok &= same
        print(f"  {name:13} streamed {a[name]}  in memory {b[name]}  {'equal' if same else 'DIFFERENT'}")
    from_csv = a["sums"] == expected
    ok &= from_csv and a["integrity"] == "ok"
    print(f"  from the CSV (rows, NPS sum, CSAT sum, distinct customers): {expected}  {'equal' if from_csv else 'DIFFERENT'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
