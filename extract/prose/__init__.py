"""extract/prose/: results stated in sentences, for every source format.

read (paragraphs into claims and result rows), sentences (sentence splitting and the
phrasebook's patterns applied).
"""
