"""Server-rendered pages (Jinja2 templates, static CSS and a little JS) for ``storyline serve``."""
