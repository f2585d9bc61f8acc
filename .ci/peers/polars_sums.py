#!/usr/bin/env python3
"""The round's sums, by agency and by plan item, straight from the submitted files, with
polars: a yardstick for `.ci/bench-round`, never a dependency of the product.

Usage: polars_sums.py [--skip N] DATA_DIR OUT_CSV
Reads DATA_DIR/agency-*.csv (the header on line N + 1, the agency in the file name) and writes
OUT_CSV as `kind,key,total` rows (`agency,0001,…`, `item,I.1.a,…`).
"""
import os
import sys

import polars as pl

arguments = sys.argv[1:]
skip = 0
if arguments[0] == "--skip":
    skip, arguments = int(arguments[1]), arguments[2:]
data, out = arguments
lines = (
    pl.scan_csv(
        os.path.join(data, "agency-*.csv"),
        include_file_paths="path",
        skip_rows=skip,
        schema_overrides={"Mã nội dung": pl.Utf8, "Thành tiền": pl.Int64},
    )
    .select(
        pl.col("path").str.extract(r"agency-([^/]+)\.csv$", 1).alias("agency"),
        pl.col("Mã nội dung").alias("item"),
        pl.col("Thành tiền").alias("amount"),
    )
    .collect()
)
by_agency = lines.group_by("agency").agg(pl.col("amount").sum()).sort("agency")
by_item = lines.group_by("item").agg(pl.col("amount").sum()).sort("item")
with open(out, "w", encoding="utf-8") as f:
    f.write("kind,key,total\n")
    f.writelines(f"agency,{key},{total}\n" for key, total in by_agency.iter_rows())
    f.writelines(f"item,{key},{total}\n" for key, total in by_item.iter_rows())
