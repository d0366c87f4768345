"""Blocks, the format registry and the writers (table, json, csv, markdown, html, xlsx), sanitising and files."""
