"""Dialogs: capture, template, preferences, unlock. Each is built when it is first opened.

May import journal/, ui.views and ui's own helpers; never ui.app or ui.main_window.
"""
