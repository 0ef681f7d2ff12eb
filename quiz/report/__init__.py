"""The results report: its data model and its renderings (JSON, Markdown, HTML, CSV)."""
