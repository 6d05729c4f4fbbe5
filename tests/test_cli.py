"""The CLI is a thin layer: options, exit codes, output formats, error messages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import DEMO, ROOT
from storyline.cli import cli


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_listing_commands_on_demo_db(demo_db):
    db = str(demo_db[0])
    r = run("--db", db, "stories")
    assert r.exit_code == 0 and re.search(r"^s\d+ ", r.output, re.M)
    data = json.loads(run("--db", db, "stories", "--json").output)
    assert data and all({"id", "title", "events", "languages", "n_articles"} <= set(s) for s in data)
    ends = [s["end"] or "" for s in data]
    assert ends == sorted(ends, reverse=True)  # newest activity first
    events = json.loads(run("--db", db, "events", "--json").output)
    assert sum(e["n_articles"] for e in events) == 57


def test_show_each_kind(demo_db):
    db = str(demo_db[0])
    s = run("--db", db, "show", "s1")
    assert s.exit_code == 0 and s.output.startswith("story s1")
    e = run("--db", db, "show", "e1")
    assert e.exit_code == 0 and "why each article is here" in e.output and "score" in e.output
    a = run("--db", db, "show", "a1", "--json")
    assert json.loads(a.output)["id"] == 1
    missing = run("--db", db, "show", "e9999")
    assert missing.exit_code == 1 and "no event with id 9999" in missing.output
    bad = run("--db", db, "show", "x1")
    assert bad.exit_code == 2 and "s<N> for a story" in bad.output


def test_export_to_file_and_env_db(demo_db, tmp_path):
    out = tmp_path / "out.json"
    r = run("export", "--format", "json", "--no-analysis", "-o", str(out), env={"STORYLINE_DB": str(demo_db[0])})
    assert r.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 57


def test_bad_inputs_are_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DEMO / "en" / "la-palma-volcano-erupts.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 10)
    (folder / "broken.jsonl").write_text('{"text": "A valid record about a flood in Valencia, Spain."}\n{oops\n',
                                         encoding="utf-8")
    db = tmp_path / "t.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(folder)])
    assert r.exit_code == 1
    errors = [ln for ln in r.output.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 3, r.output
    assert any("empty.txt" in ln and "empty" in ln for ln in errors)
    assert any("blob.bin" in ln for ln in errors)
    assert any("broken.jsonl:2" in ln for ln in errors)
    assert "ingested 2 new articles" in r.output
    again = CliRunner().invoke(cli, ["--db", str(db), "ingest", "--json", str(folder / "good.txt")])
    assert again.exit_code == 0 and json.loads(again.output)["duplicates"] == 1


def test_unusable_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 200)
    r = run("--db", str(bad), "stories")
    assert r.exit_code != 0 and "bad.db" in r.output


def test_every_command_is_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"`storyline {name}" in doc, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in doc, f"{name} {opt}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme


def test_version_and_help():
    assert run("--version").output.startswith("storyline, version")
    assert "ingest" in run("--help").output


def test_demo_path_is_relative_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    db = tmp_path / "rel.db"
    r = run("--db", str(db), "ingest", "--quiet", "demo/corpus/pt")
    assert r.exit_code == 0
    data = json.loads(run("--db", str(db), "export").output)
    assert [a["path"] for a in data["articles"]] == [str(Path("demo/corpus/pt/perseverance-pousa-em-marte.md"))]


def test_eval_command_on_a_labelled_slice(tmp_path):
    from conftest import demo_gold
    from storyline.ingest import iter_documents

    gold = demo_gold()
    rows = []
    for d in iter_documents([str(DEMO / "es"), str(DEMO / "de")]):
        key = d.path[len(str(DEMO)) + 1:]
        g = gold[key]
        rows.append({"id": key, "text": d.text, "title": d.title, "published": d.published,
                     "event": g["event"], "story": g["story"]})
    f = tmp_path / "gold.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    r = run("eval", str(f), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["n_articles"] == len(rows) == 9
    for level in ("events", "stories"):
        b = data[level]["bcubed"]
        assert 0.5 <= b["f1"] <= 1.0 and data[level]["n_items"] == 9
    text = run("eval", str(f))
    assert "events" in text.output and "B3 F1" in text.output
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "no label"}\n', encoding="utf-8")
    bad = run("eval", str(tmp_path / "bad.jsonl"))
    assert bad.exit_code != 0 and "bad.jsonl:1" in bad.output


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path, monkeypatch):
    import storyline.cli as cli_module

    src = DEMO / "pt"
    plain = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(src)])
    assert "ingesting" not in plain.output  # not a terminal
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    bar = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "ingest", str(src)])
    assert "ingesting" in bar.output
    quiet = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "ingest", "--quiet", str(src)])
    assert quiet.output == ""


def test_ingest_output_has_no_third_party_chatter(tmp_path):
    out = tmp_path / "o.db"
    proc = __import__("subprocess").run(
        [__import__("sys").executable, "-m", "storyline.cli", "--db", str(out), "ingest", str(DEMO / "zh")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "jieba" not in proc.stderr and "DEBUG" not in proc.stderr
    assert proc.stdout.startswith("ingested ") and proc.stdout.endswith("\n")
