"""CSV and TSV files with one article per row (``.csv``, ``.tsv``).

The first row is the header. The text column is the one named by ``--text-column`` (``IngestOptions.
text_column``, case-insensitive), else the first of ``text``, ``body``, ``content``, ``article``. Optional
columns, when present: ``title`` (or ``headline``), ``url`` (or ``link``), ``published`` (or ``date``,
``published_at``), ``source``, ``language`` (or ``lang``), ``id``. The delimiter is sniffed among comma,
semicolon, tab and ``|`` (``.tsv``: tab). Rows are named ``file.csv:LINE`` (the line where the row starts,
the header being line 1); a bad row (blank text, wrong number of fields) is reported and the others are
read; rows with every cell blank are skipped.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator

from storyline.errors import IngestError
from storyline.ingest.base import IngestItem, InputFile, register_reader
from storyline.model import RawDocument

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("text", "body", "content", "article")
OPTIONAL = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "publishedat"),
    "source": ("source",),
    "language": ("language", "lang"),
    "id": ("id",),
}


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lower = [h.strip().lower() for h in header]
    for name in names:
        if name in lower:
            return lower.index(name)
    return None


def _dialect(sample: str, extension: str) -> type[csv.Dialect] | csv.Dialect:
    if extension == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


class CsvReader:
    name = "csv"
    extensions: tuple[str, ...] = (".csv", ".tsv")
    streaming = False

    def read(self, src: InputFile) -> Iterator[IngestItem]:
        text = src.read_text()
        # One article can be longer than the csv module's default field limit (128 KB).
        csv.field_size_limit(max(csv.field_size_limit(), src.options.max_bytes))
        first_line = text.split("\n", 1)[0]
        rows = csv.reader(io.StringIO(text, newline=""), _dialect(text[:16384], src.extension))
        try:
            header = next(rows)
        except (StopIteration, csv.Error) as err:
            raise IngestError(src.path, f"no header row ({err or 'empty'})") from None
        wanted = (src.options.text_column.lower(),) if src.options.text_column else TEXT_COLUMNS
        text_col = _column(header, wanted)
        if text_col is None:
            expected = f"'{src.options.text_column}'" if src.options.text_column else ", ".join(TEXT_COLUMNS)
            columns = ", ".join(h.strip() for h in header) or first_line[:80]
            raise IngestError(src.path, f"no text column (expected {expected}; columns: {columns}); "
                                        "use --text-column NAME")
        cols = {key: _column(header, names) for key, names in OPTIONAL.items()}
        line = rows.line_num + 1
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as err:
                yield IngestError(f"{src.path}:{line}", f"malformed CSV: {err}")
                break  # the csv module cannot resynchronise after a broken quote
            where = f"{src.path}:{line}"
            line = rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield IngestError(where, f"row has {len(row)} fields, the header has {len(header)}")
                continue
            body = row[text_col].strip()
            if not body:
                yield IngestError(where, f"no article text: column '{header[text_col].strip()}' is empty")
                continue
            fields = {key: (row[i].strip() or None) if i is not None else None for key, i in cols.items()}
            meta = {h.strip(): v for i, (h, v) in enumerate(zip(header, row, strict=True))
                    if i != text_col and i not in cols.values() and h.strip() and v.strip()}
            yield RawDocument(
                text=body,
                path=where,
                title=fields["title"],
                published=fields["published"],
                published_origin="metadata" if fields["published"] else "none",
                source=fields["source"],
                url=fields["url"],
                language=fields["language"],
                external_id=fields["id"],
                format="csv",
                meta=meta,
            )


register_reader(CsvReader())
