"""newsdesk: financial news pages in, a story map out."""
__version__ = "0.1.0"
