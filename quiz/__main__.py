"""``python -m quiz`` runs the same CLI as the ``skillquiz`` script."""

from quiz.cli.launch import main

if __name__ == "__main__":
    main()
