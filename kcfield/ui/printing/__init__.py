"""Printing: build a document in the background, preview its real pages, print or save it as PDF."""
