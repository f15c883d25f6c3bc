"""Printing in the desk app: Qt's system printers as a printer output, and a PDF preview dialog."""
