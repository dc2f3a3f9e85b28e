"""Widgets of the reader TUI."""
