"""Build-time steps of the site: the pylib wheel, the digit data, the shipped weights,
the self-hosted Pyodide runtime and the vendored front-end files.

Every step writes into the cache folder (``.cache/`` unless ``NN_CACHE`` says otherwise)
and skips its work when its inputs have not changed, so rebuilding the site is quick.
``python -m sitebuild`` runs them all; the MkDocs hook ``sitebuild/hooks.py`` runs them
before each build and adds their outputs to the site.
"""
