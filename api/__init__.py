"""The HTTP API: plain JSON routes under /v1, an OpenAI-compatible chat endpoint, with the Gradio app at /."""

from api.app import create_app

__all__ = ["create_app"]
