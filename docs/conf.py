"""Sphinx configuration. Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``."""

import gametheory

project = "gametheory"
author = "The gametheory developers"
copyright = "the gametheory developers"
version = release = gametheory.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "numpydoc",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

# numpydoc renders the Attributes sections; listing members as well would document each twice.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc sections carry the types; signatures stay readable

html_theme = "alabaster"
html_title = "gametheory"
