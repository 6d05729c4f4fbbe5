"""Event analysis: entities, figures and claims, quotes, coverage, summaries, timelines."""
