"""extract/text/: text dumps (one cell per line, pipe tables, lists) into the neutral grid.

read (the document), cells (one-cell-per-line dumps), pipes (Markdown/pipe tables), lists
(ranking lists printed as lines, '1 TP. Đà Nẵng').
"""
