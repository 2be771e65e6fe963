"""Untrusted files → the validated model: safe YAML, fields, dates, load, cross-checks, contributed files."""
