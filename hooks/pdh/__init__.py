"""Site package of the Plateforme droits de l'homme, one sub-package per stage of the pipeline.

content (untrusted files → validated model) → plan (what the site contains) → render (bytes)
→ verify (checks on what was built or committed); cli holds the commands, build.py chains the
stages. Each stage imports only the ones before it (tests/test_layout.py), and none imports
MkDocs: `hooks/site.py` adapts MkDocs events onto `build.py`.
"""
