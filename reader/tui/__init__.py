"""The terminal UI. Imports textual; nothing in reader.corpus or reader.engine imports this."""
