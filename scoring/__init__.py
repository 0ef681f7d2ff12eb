"""Scoring: from a bank and responses to per-skill scores, role matches and advice."""
