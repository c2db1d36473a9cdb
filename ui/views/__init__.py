"""The window's views: the client list, a client's timeline and profile, Today, search, and
the feeling chart drawn on screen and on paper. They present what journal/ returns and
refresh from the changes the window hands them.

May import journal/ and ui's own helpers (background, commands, style); never ui.app or
ui.main_window.
"""
