#!/usr/bin/env python3
"""The round's sums, by agency and by plan item, straight from the submitted files, with
DuckDB: a yardstick for `.ci/bench-round`, never a dependency of the product.

Usage: duckdb_sums.py [--skip N] DATA_DIR OUT_CSV
Reads DATA_DIR/agency-*.csv (the header on line N + 1, the agency in the file name) and writes
OUT_CSV as `kind,key,total` rows (`agency,0001,…`, `item,I.1.a,…`).
"""
import os
import sys

import duckdb

arguments = sys.argv[1:]
skip = 0
if arguments[0] == "--skip":
    skip, arguments = int(arguments[1]), arguments[2:]
data, out = arguments
# Every column named and typed, the dialect given: DuckDB then reads each file at once
# instead of sniffing its dialect and types first (which cost minutes over a thousand files).
query = """
    SELECT regexp_extract(filename, 'agency-([^/]+)[.]csv$', 1) AS agency, item, amount
    FROM read_csv('{glob}', header = true, skip = {skip}, filename = true, auto_detect = false,
                  delim = ',', quote = '"', escape = '"',
                  columns = {'stt': 'VARCHAR', 'item': 'VARCHAR', 'description': 'VARCHAR',
                             'unit': 'VARCHAR', 'quantity': 'VARCHAR', 'price': 'VARCHAR',
                             'amount': 'BIGINT', 'note': 'VARCHAR'})
"""
db = duckdb.connect()
glob = os.path.join(data, "agency-*.csv").replace("'", "''")
lines = query.replace("{glob}", glob).replace("{skip}", str(skip))
# One pass over the files for both sums.
rows = db.execute(
    f"""SELECT agency IS NULL AS by_item, coalesce(agency, item) AS key, sum(amount)::VARCHAR
        FROM ({lines}) GROUP BY GROUPING SETS ((agency), (item)) ORDER BY by_item, key"""
).fetchall()
with open(out, "w", encoding="utf-8") as f:
    f.write("kind,key,total\n")
    f.writelines(f"{'item' if by_item else 'agency'},{key},{total}\n" for by_item, key, total in rows)
