"""Findings and status as people and CI systems read them."""
