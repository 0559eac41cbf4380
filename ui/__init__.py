"""The Gradio web app: layout and wiring in app.py, one helper module per part beside it."""
