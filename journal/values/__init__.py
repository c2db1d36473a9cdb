"""The journal's values and their one rule each: the fixed words (channels, directions,
statuses, the feeling scale), the checks every field passes, local days and clock times,
dates as a coach reads them in either language, a client's first name, and JSON files a
person hands Rapport, read without trusting them.

Plain functions with no database: may import only journal.errors and journal.i18n (the words).
"""
