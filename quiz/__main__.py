"""``python -m quiz`` runs the same CLI as the ``skillquiz`` script."""

from quiz.cli import main

if __name__ == "__main__":
    main()
