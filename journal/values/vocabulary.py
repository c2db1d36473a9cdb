"""The journal's fixed words: channels, directions, client statuses, commitment owners and the
feeling scale. Apart from the models, so that the app's first paint can use them without
loading peewee."""

CHANNELS = ("email", "phone", "video", "meeting", "message")
DIRECTIONS = ("out", "in", "two_way")
STATUSES = ("prospect", "active", "paused", "closed")
OWNERS = ("me", "client")
FEELING_MIN, FEELING_MAX = -2, 2
