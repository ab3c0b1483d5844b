"""Generators run by hand, not build steps: ``python -m tools.figures`` (``make figures``)."""
