"""ESC/POS queue tickets: printer profiles, Vietnamese by code page or as raster lines, and a parser."""
