"""The team workbench: a FastAPI server on the evidence store (``transplant-audit serve``).

``app.create_app(store, settings)`` builds the application; ``accounts`` holds
accounts, passwords (Argon2id), sessions and the security log; ``api`` and
``pages`` are the JSON API and the server-rendered pages; ``jobs`` runs long
work (estimates) in the background.
"""
