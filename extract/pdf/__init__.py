"""extract/pdf/: born-digital PDF pages into the neutral grid.

read (the page loop and the document), grid (ruled and unruled cell finding), tables (grids
joined across page breaks), text and prose (lines and paragraphs outside tables), legacy
(TCVN3/VNI fonts), safety (resource limits on untrusted files), stream, debug.
"""
