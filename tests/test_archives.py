"""Archives (zip, tar.gz, WARC) and CSV: members read by the usual readers, caps, unsafe names, bad rows."""

from __future__ import annotations

import io
import tarfile
import zipfile

from click.testing import CliRunner

from local_http import ARTICLE
from storyline.cli import cli
from storyline.errors import IngestError
from storyline.ingest import IngestOptions, iter_documents
from storyline.model import RawDocument

STORY = "Title: Bridge reopens\n\nThe bridge over the river reopened on Friday after three weeks of repairs.\n"


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, IngestError)])


def test_zip_members_caps_and_unsafe_names(tmp_path):
    path = tmp_path / "news.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2021/bridge.txt", STORY)
        zf.writestr("2021/flood.html", ARTICLE)
        zf.writestr("../escape.txt", STORY.replace("Friday", "Monday"))
        zf.writestr("huge.txt", "a" * 300_000)
        zf.writestr("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200))
        zf.writestr("inner.zip", b"PK\x03\x04")
        zf.writestr("__MACOSX/._bridge.txt", b"junk")
    docs, errors = split(iter_documents([str(path)], options=IngestOptions(max_bytes=100_000)))
    assert sorted(d.path for d in docs) == [f"{path}!2021/bridge.txt", f"{path}!2021/flood.html"]
    reasons = {e.path.split("!", 1)[1]: e.reason for e in errors}
    assert "unsafe path" in reasons["../escape.txt"]
    assert "member too large" in reasons["huge.txt"]
    assert "unsupported file type" in reasons["photo.png"] or "binary" in reasons["photo.png"]
    assert "archive inside an archive" in reasons["inner.zip"]
    assert len(errors) == 4


def test_tar_gz_bomb_and_total_cap(tmp_path):
    path = tmp_path / "news.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in (("a/bridge.txt", STORY.encode()), ("zeros.txt", b"\0" * 5_000_000),
                           ("a/flood.html", ARTICLE.encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    assert path.stat().st_size < 100_000
    docs, errors = split(iter_documents([str(path)], options=IngestOptions(max_bytes=1_000_000)))
    assert [d.path for d in docs] == [f"{path}!a/bridge.txt", f"{path}!a/flood.html"]
    assert [e.path for e in errors] == [f"{path}!zeros.txt"] and "member too large" in errors[0].reason
    capped = IngestOptions(max_bytes=1_000_000, max_archive_bytes=2_000_000)
    docs, errors = split(iter_documents([str(path)], options=capped))
    assert len(docs) == 1 and "archive unpacks to more than" in errors[-1].reason
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    _, errors = split(iter_documents([str(bad)]))
    assert errors and errors[0].path == str(bad)


def test_warc_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in (("https://news.example.org/flood", "text/html; charset=utf-8", ARTICLE),
                                 ("https://news.example.org/logo.png", "image/png", "PNG")):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                               http_headers=http,
                                               warc_headers_dict={"WARC-Date": "2021-03-02T10:00:00Z"})
            writer.write_record(record)
    docs, errors = split(iter_documents([str(path)]))
    assert not errors and len(docs) == 1
    doc = docs[0]
    assert doc.url == "https://news.example.org/flood" and doc.source == "news.example.org"
    assert doc.published == "2021-03-02T10:00:00Z" and doc.path == f"{path}!1" and "old mill" in doc.text


def test_csv_text_column_bad_rows_and_cli(tmp_path):
    good = tmp_path / "articles.csv"
    good.write_text(
        "id,headline,body,date,url\n"
        '1,Bridge reopens,"The bridge over the river reopened on Friday, after repairs.",2021-03-05,https://a.example/1\n'
        ",,,,\n"
        "2,Empty one,,2021-03-06,\n"
        '3,Ferry,"The morning ferry was cancelled because of high winds.",2021-03-07\n'
        '4,Storm,"A storm hit the harbour overnight, damaging piers.",2021-03-08,https://a.example/4\n',
        encoding="utf-8")
    docs, errors = split(iter_documents([str(good)]))
    assert [d.path for d in docs] == [f"{good}:2", f"{good}:6"]
    assert docs[0].title == "Bridge reopens" and docs[0].published == "2021-03-05" and docs[0].external_id == "1"
    assert docs[0].url == "https://a.example/1"
    assert {e.path: e.reason for e in errors} == {
        f"{good}:4": "no article text: column 'body' is empty",
        f"{good}:5": "row has 4 fields, the header has 5",
    }
    other = tmp_path / "other.csv"
    other.write_text("name;story\nx;The council approved the new budget for schools on Monday.\n", encoding="utf-8")
    _, errors = split(iter_documents([str(other)]))
    assert "no text column" in errors[0].reason and "--text-column" in errors[0].reason
    docs, _ = split(iter_documents([str(other)], options=IngestOptions(text_column="Story")))
    assert docs[0].text.startswith("The council")
    db = str(tmp_path / "c.db")
    r = CliRunner().invoke(cli, ["--db", db, "ingest", "--text-column", "story", str(other), str(good)])
    assert r.exit_code == 1 and "no text column" in r.output and "ingested 1 new articles" in r.output, r.output
