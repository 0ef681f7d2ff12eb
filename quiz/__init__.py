"""Everything a person touches: the CLI, prompts, quiz sessions, storage and reports."""
