"""Printer outputs: CUPS (`lp`), raw TCP (port 9100), serial, character devices (USB), and folders."""
