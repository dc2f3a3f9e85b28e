"""Screens of the reader TUI."""
