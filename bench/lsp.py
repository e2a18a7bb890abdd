"""How fast ``policylint lsp`` answers an edit: from the end of the debounce to the diagnostics.

Usage:  python bench/lsp.py [--size 10] [--edits 20] [--from FILE]

Starts the server as an editor does (a subprocess on a pipe, pygls's
client), opens a notice of about ``--size`` KB (made from real notices by
``bench/realistic.py``, or ``--from FILE``), then sends ``--edits`` changes,
each after the previous diagnostics arrived, and reports the time from each
change to its ``publishDiagnostics`` minus the server's debounce (200 ms): the
linting the writer waits for. The first lint after opening (rules compiled,
caches read) is shown apart. Nothing asserts; it reports medians.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))


def notice(size_kb: int, source: Path | None) -> str:
    """A notice of about ``size_kb`` KB."""
    if source is not None:
        return source.read_text(encoding="utf-8")
    import realistic  # bench/realistic.py

    with tempfile.TemporaryDirectory() as folder:
        (path,) = realistic.generate(Path(folder), 0, large=size_kb * 1024)
        text = path.read_text(encoding="utf-8")
    limit = size_kb * 1024
    cut = text.rfind("\n", 0, limit)  # about size_kb, at a line's end,
    if cut < limit * 0.8:
        cut = text.rfind(" ", 0, limit)  # or at a word's end in a long pasted line
    return text[: cut + 1] if cut > 0 else text


async def run(text: str, edits: int) -> tuple[float, list[float]]:
    from policylint.cli.lsp_server import DEBOUNCE

    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(_: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(time.perf_counter())

    await client.start_io(sys.executable, "-m", "policylint", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    with tempfile.TemporaryDirectory() as folder:
        uri = (Path(folder) / "privacy.md").as_uri()
        sent = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
        )
        first = await arrived.get() - sent
        times = []
        for version in range(2, edits + 2):
            changed = text + f"\nEdit number {version}.\n"
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                    [types.TextDocumentContentChangeWholeDocument(changed)],
                )
            )
            times.append(await arrived.get() - sent - DEBOUNCE)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10, help="KB of notice (default 10)")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--from", dest="source", type=Path, help="a notice to edit instead")
    args = parser.parse_args()
    text = notice(args.size, args.source)
    first, times = asyncio.run(run(text, args.edits))
    size = len(text.encode()) / 1024
    print(
        f"notice: {size:.1f} KB; first lint after open: {1000 * first:.0f} ms (start-up included)"
    )
    print(
        f"after the debounce, {len(times)} edits: median {1000 * statistics.median(times):.0f} ms, "
        f"min {1000 * min(times):.0f} ms, max {1000 * max(times):.0f} ms"
    )


if __name__ == "__main__":
    main()
