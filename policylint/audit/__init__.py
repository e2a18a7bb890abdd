"""``policylint audit``: the checks of ``check`` over a whole archive of notices.

One record per notice (``records``), kept as it arrives in a SQLite file
under the output folder (``store``) so that a run killed at any point goes
on where it stopped; the notices are linted in batches by a process pool
(``local``) or on a Dask cluster (``cluster``), both running
``policylint.api``; at the end the records are written out sorted
(``notices.jsonl``, ``tables`` for Parquet) with a report people read
(``summary`` counts, ``plots`` draws, ``page`` lays out). ``run`` wires
them together.
"""
