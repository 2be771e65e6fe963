"""Checks on what was built or committed: completeness, links, size budget, page policy, tracked files."""
