"""Storage backends. SQLite is the default (and, for now, the only one)."""

from storyline.store.sqlite import Store, migrations

__all__ = ["Store", "migrations"]
