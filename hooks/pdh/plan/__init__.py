"""The validated model → what the site contains: indexes, URLs, facets, pages, feeds, pictures."""
