"""Caveat: warns readers about false or misleading health claims where they read them.

The server turns a page's HTML into highlights, one step per module:

    extract.py    html -> Page (title, language, text blocks)
    sentences.py  Page -> Sentence records with character offsets
    match.py      Sentence -> Match (claim, score, reasons) against the claim database
    selectors.py  Match -> Highlight carrying a W3C TextQuoteSelector
    analyze.py    the steps above, end to end

The claim database (claims.py) is YAML data in data/claims/, one file per claim. The per-sentence
steps run compiled when installed with a C compiler at hand (compiled.py says which and when).
"""

from caveat import compiled

__version__ = "0.1.0"

compiled.choose()
