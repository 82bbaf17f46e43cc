"""extract/html/: saved web pages (legal portals, news) into the neutral grid.

read (the page, safely parsed, its prose and tables), tables (an HTML table with its spans as
a grid).
"""
