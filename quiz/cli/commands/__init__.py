"""One module per ``skillquiz`` subcommand."""
