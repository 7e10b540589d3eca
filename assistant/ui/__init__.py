"""The Gradio web app over ``assistant.api.Assistant``: ``app.build_app(assistant)`` builds it,
``server.launch(assistant)`` serves it (chat, library and admin tabs; no business logic here)."""
