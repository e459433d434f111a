"""Comments on a pilot: Markdown with @mentions of members."""
