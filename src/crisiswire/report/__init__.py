"""Situation reports: summary, charts and the HTML/Markdown report."""
