"""REST API and web server: ``create_app(db, token=...)`` returns the FastAPI application."""

from storyline.api.app import create_app

__all__ = ["create_app"]
