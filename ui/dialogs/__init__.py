"""Dialogs: capture, template, preferences, unlock, backups. Each is built when it is first
opened; auto_backup (the window's automatic backups) is built with the window.

May import journal/, ui.views and ui's own helpers; never ui.app or ui.main_window.
"""
