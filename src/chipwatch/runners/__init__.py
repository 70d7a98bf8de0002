"""Runners drive the pipeline over many inputs: `local` in one process."""
