"""Printing use cases: official forms archived with their dossier, queue tickets, and the print job queue.

The layouts, barcodes, ESC/POS bytes and printer drivers are adapters in `printing/` (and `ui/printing/`
for Qt); they fill the ports declared in `ports.py`.
"""
