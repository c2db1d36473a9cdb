"""Rapport's Qt front end: windows, dialogs, painting and PDF output. Presents and dispatches."""
