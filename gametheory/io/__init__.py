"""Reading and writing game files."""
