"""Everything a user reads: words (zh, en), the table model, the terminal, and the
file formats (xlsx, CSV, Markdown, JSON, HTML), written atomically."""
