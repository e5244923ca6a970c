"""Extraction: article text in, kg-facts/1 documents out."""
