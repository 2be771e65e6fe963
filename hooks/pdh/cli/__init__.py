"""Commands for contributors and CI: data check, scaffolds, ownership report, JSON Schemas."""
