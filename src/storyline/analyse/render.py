"""Plain-text rendering of an event analysis and a story timeline for ``storyline show``."""

from __future__ import annotations

from typing import Any

import click

QUALIFIER_WORDS = {"more_than": "more than ", "at_least": "at least ", "less_than": "less than ",
                   "up_to": "up to ", "about": "about "}


def _value(c: dict[str, Any]) -> str:
    if c["qualifier"] == "range":
        return f"{c['low']:,}-{c['high']:,}"
    return QUALIFIER_WORDS.get(c["qualifier"], "") + f"{c['value']:,}"


def print_analysis(a: dict[str, Any], max_entities: int = 15) -> None:
    click.echo("")
    click.secho("entities", bold=True)
    for e in a["entities"][:max_entities]:
        click.echo(f"  {e['type']:<12} {e['name']:<32.32} {e['id']:<28.28} {e['mentions']:>3} mentions, "
                   f"{len(e['article_ids'])} articles, {','.join(e['languages'])}")
    if len(a["entities"]) > max_entities:
        click.echo(f"  ... and {len(a['entities']) - max_entities} more (--json for all)")
    click.echo("")
    click.secho("figures", bold=True)
    if not a["figures"]:
        click.echo("  none found")
    for g in a["figures"]:
        head = f"  {g['quantity']} ({g['unit']}): {len(g['claims'])} claims"
        if g["conflict"]:
            click.secho(head + f"  CONFLICT: {g['conflict_reason']}", fg="red", bold=True)
        else:
            click.echo(head)
        for c in g["claims"]:
            who = c["attribution"] or "no attribution"
            click.echo(f"    {_value(c):<18} {who:<28.28} {c['source'] or '-':<22.22} {c['published'] or 'no date':<10}"
                       f" [{c['language']}] {c['text'][:60]}")
    click.echo("")
    click.secho("quotes", bold=True)
    if not a["quotes"]:
        click.echo("  none found")
    for q in a["quotes"]:
        text = q["text"] if len(q["text"]) <= 110 else q["text"][:109] + "…"
        click.echo(f"  [{q['language']}] {q['speaker'] or 'speaker unknown'} ({q['source']}): \u201c{text}\u201d")
    click.echo("")
    click.secho("coverage", bold=True)
    click.echo(f"  {'source':<26} {'lang':<8} {'art.':>4} {'first':<10}  only this source reports")
    for r in a["coverage"]:
        u = r["unique"]
        only = "; ".join(p for p in (
            f"{len(u['entities'])} entities" if u["entities"] else "",
            ", ".join(u["figures"][:4]),
            f"{len(u['quotes'])} quotes" if u["quotes"] else "",
            "copies of " + ", ".join(f"a{c['copy_of']}" for c in r["copies"]) if r.get("copies") else "",
        ) if p)
        click.echo(f"  {r['source']:<26.26} {','.join(r['languages']):<8} {len(r['article_ids']):>4} "
                   f"{r['first_published'] or '-':<10}  {only or '-'}")
    click.echo("")
    s = a["summary"]
    label = s["language"] or "original languages"
    if s.get("requested") and not s["language"]:
        label += f" (no sentence in {s['requested']})"
    click.secho(f"summary ({label})", bold=True)
    for sent in s["sentences"]:
        click.echo(f"  - {sent['text']}  [a{sent['article_id']}, {sent['source'] or '-'}, {sent['language']}]")


def print_timeline(entries: list[dict[str, Any]]) -> None:
    click.echo("")
    click.secho("timeline", bold=True)
    for e in entries:
        date = e["date"] or "date unknown"
        click.echo(f"  {date:<10} ({e['precision']:<7}) e{e['event_id']:<5} {e['n_articles']:>3} art.  {e['summary']}")
