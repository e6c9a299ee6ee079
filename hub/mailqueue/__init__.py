"""Outgoing e-mail: one row per message, written in the sender's transaction and delivered by a job."""
