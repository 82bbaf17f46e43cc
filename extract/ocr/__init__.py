"""extract/ocr/: scanned pages through Tesseract into the neutral grid.

read (pages, words and their confidence), image (rules and cells found on the page image),
unruled (columns found from the words when no rule is printed).
"""
