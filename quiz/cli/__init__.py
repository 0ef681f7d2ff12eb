"""The command line: the click group (``quiz.cli.main``), one module per subcommand
(``quiz.cli.commands``), shared options, the interactive prompts and plain mode, the answers
file, the console and stream set-up, and the results as the terminal shows them.

The only part that speaks click, questionary, prompt_toolkit or rich. It may import every
other part of quiz; nothing imports it.
"""
