"""Site package of the Plateforme droits de l'homme: model, validation and generators.

It never imports MkDocs: `hooks/site.py` adapts MkDocs events onto it.
"""
