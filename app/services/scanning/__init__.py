"""Scanning the citizen's papers: from a scanner (a port) through the page pipeline to a PDF per component,
attached to the dossier."""
