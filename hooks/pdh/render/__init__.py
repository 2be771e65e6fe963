"""The plan → bytes: templates, feeds, calendars, JSON-LD, the search index."""
