"""Scanning's rules, free of I/O: requests and profiles, scanner faults, the page batch an officer edits
(reorder, rotate, delete, manual duplex), and the image measures of the pipeline (deskew, blank pages)."""
