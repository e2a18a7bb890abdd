"""``notices.parquet``: the records as a Parquet table (``--table parquet``, needs pyarrow).

Written from ``notices.jsonl`` in slices of ``ROWS`` records, so memory does
not grow with the archive; the schema is explicit, so an archive without
any finding still gets typed ``findings`` columns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROWS = 20_000


def write_parquet(jsonl: Path, out: Path) -> None:
    """Write the records of ``jsonl`` to ``out`` (raises ImportError without pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    finding = pa.struct(
        [("code", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
         ("line", pa.int32()), ("column", pa.int32()), ("end_line", pa.int32()),
         ("end_column", pa.int32()), ("message", pa.string())]
    )  # fmt: skip
    schema = pa.schema(
        [("path", pa.string()), ("size", pa.int64()), ("sha256", pa.string()),
         ("language", pa.string()), ("jurisdictions", pa.list_(pa.string())),
         ("last_updated", pa.string()), ("snapshot", pa.string()),
         ("findings", pa.list_(finding))]
    )  # fmt: skip
    temporary = out.with_name(f".{out.name}.tmp")
    with pq.ParquetWriter(temporary, schema) as writer, jsonl.open(encoding="utf-8") as lines:
        rows: list[dict[str, Any]] = []
        for line in lines:
            row = json.loads(line)
            # A path that is not UTF-8 (os.fsdecode's surrogates): Parquet holds UTF-8, so \xe9.
            row["path"] = (
                row["path"].encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            )
            rows.append(row)
            if len(rows) == ROWS:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    temporary.replace(out)
