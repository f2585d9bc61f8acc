#!/usr/bin/env python3
"""The round's sums, by agency and by plan item, straight from the submitted files, with
DuckDB: a yardstick for `.ci/bench-round`, never a dependency of the product.

Usage: duckdb_sums.py DATA_DIR OUT_CSV
Reads DATA_DIR/agency-*.csv (header on line 1, the agency in the file name) and writes
OUT_CSV as `kind,key,total` rows (`agency,0001,…`, `item,I.1.a,…`).
"""
import os
import sys

import duckdb

data, out = sys.argv[1], sys.argv[2]
query = """
    SELECT regexp_extract(filename, 'agency-([^/]+)[.]csv$', 1) AS agency,
           "Mã nội dung" AS item, "Thành tiền" AS amount
    FROM read_csv('{glob}', header = true, filename = true,
                  types = {'Thành tiền': 'BIGINT', 'Mã nội dung': 'VARCHAR'})
"""
db = duckdb.connect()
glob = os.path.join(data, "agency-*.csv").replace("'", "''")
db.execute("CREATE TEMP VIEW lines AS " + query.replace('{glob}', glob))
by_agency = db.execute("SELECT agency, sum(amount)::VARCHAR FROM lines GROUP BY agency ORDER BY agency").fetchall()
by_item = db.execute("SELECT item, sum(amount)::VARCHAR FROM lines GROUP BY item ORDER BY item").fetchall()
with open(out, "w", encoding="utf-8") as f:
    f.write("kind,key,total\n")
    f.writelines(f"agency,{key},{total}\n" for key, total in by_agency)
    f.writelines(f"item,{key},{total}\n" for key, total in by_item)
